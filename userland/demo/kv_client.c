/*
 * kv_client.c - VM "client" of system chan_demo: a few requests to the key-value server,
 * each printed with its answer, then KV_ROUNDS more (a put and a get each time) timed on
 * the cycle counter: under QEMU's -icount that is instructions, the server's and the
 * microvisor's included, so the figure is the same on every run.
 */
#include <stdio.h>
#include "kv.h"

#define KV_ROUNDS 1000u   /* 2000 requests */

static struct kv_rx rx;
static struct kv_reply bufs[KV_SLOTS];
static const char *const status_names[] = {"ok", "not found", "no room", "bad request"};

/* One request and its answer (in @p a); returns the answer's status. */
static uint32_t ask(uint32_t op, const char *key, const char *value, struct kv_reply *a) {
    struct kv_request q = {.op = op};
    strncpy(q.key, key, KV_KEY - 1);
    strncpy(q.value, value ? value : "", KV_VALUE - 1);
    if (mv_chan_send_wait(CAP_REQUESTS, &q, sizeof q, ~0u) != (int32_t)sizeof q)
        return KV_BAD;
    if (kv_recv(&rx, a) != sizeof *a || a->status > KV_BAD)
        return KV_BAD;
    return a->status;
}

/* ask(), printing the request and its answer. */
static void show(uint32_t op, const char *key, const char *value) {
    static const char *const ops[] = {"", "put", "get", "del"};
    struct kv_reply a;
    uint32_t status = ask(op, key, value, &a);
    printf("%s %s%s%s -> %s%s%s\n", ops[op], key, value ? " = " : "", value ? value : "",
           status_names[status], op == KV_GET && status == KV_OK ? ": " : "",
           op == KV_GET && status == KV_OK ? a.value : "");
}

/* KV_ROUNDS puts and gets of one key; returns the instructions they took, or 0 if an
 * answer was wrong. */
static uint32_t timed_rounds(void) {
    struct kv_reply a;
    uint32_t t0 = mv_cycles();
    for (uint32_t i = 0; i < KV_ROUNDS; i++) {
        char value[KV_VALUE];
        snprintf(value, sizeof value, "%u", (unsigned)i);
        if (ask(KV_PUT, "counter", value, &a) != KV_OK ||
            ask(KV_GET, "counter", NULL, &a) != KV_OK || strcmp(a.value, value) != 0)
            return 0;
    }
    return mv_cycles() - t0;
}

int main(void) {
    if (kv_rx_start(&rx, CAP_REPLIES, bufs, sizeof bufs[0]))
        return 1;
    show(KV_PUT, "alpha", "1");
    show(KV_PUT, "beta", "two");
    show(KV_GET, "alpha", NULL);
    show(KV_GET, "gamma", NULL);
    show(KV_PUT, "alpha", "one");
    show(KV_GET, "alpha", NULL);
    show(KV_DEL, "beta", NULL);
    show(KV_GET, "beta", NULL);
    uint32_t spent = timed_rounds();
    if (spent == 0) {
        printf("a timed request got a wrong answer\n");
        return 1;
    }
    printf("chan_demo: %u requests in %u instructions (%u instructions per request round "
           "trip)\n", 2 * KV_ROUNDS, (unsigned)spent, (unsigned)(spent / (2 * KV_ROUNDS)));
    struct kv_request quit = {.op = KV_QUIT};
    return mv_chan_send_wait(CAP_REQUESTS, &quit, sizeof quit, ~0u) == (int32_t)sizeof quit ? 0 : 1;
}
