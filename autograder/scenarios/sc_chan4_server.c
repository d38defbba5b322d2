/*
 * sc_chan4_server.c - scenario of system test_chan_multi (VM "srv"): serves two
 * clients, each on its own channel (cap 1: "a", signalled on line 1; cap 2: "b", line
 * 2). It greets each with a 4-byte message carrying its id (1, 2) - sent before the
 * client registered its ring, so it waits for space (MV_EBUSY + MV_CHAN_WANT_SPACE) -
 * then answers every request with the same bytes inverted, on the same channel.
 * Results: hello_a, hello_b (the greetings' sends), hello_a_fulls, hello_b_fulls (sends
 * refused before: the client had no ring yet); <ch>_msgs, <ch>_ok (requests
 * carrying client <ch>'s next sequence number, intact), <ch>_reply_err (replies that
 * failed); switches (times the next request came from the other channel than the
 * previous one), timeouts.
 */
#include "chan4_guest.h"

struct chan {
    const char *name;
    uint32_t cap, line, id, next;   /* next: the request number expected */
    struct mv_ring ring;
    MV_CHAN_RING_STORAGE(ring_mem, MULTI_SLOTS);
    uint8_t bufs[MULTI_SLOTS][MULTI_MAX];
    uint32_t msgs, ok, reply_err;
};

static struct chan chans[2] = {{.name = "a", .cap = 1, .line = 1, .id = 1},
                               {.name = "b", .cap = 2, .line = 2, .id = 2}};
static uint32_t switches, last = 2;
static struct c4_tx_stats tx;

static void setup(struct chan *c) {
    mv_ring_init(&c->ring, (struct mv_chan_ring *)c->ring_mem, MULTI_SLOTS);
    for (uint32_t i = 0; i < MULTI_SLOTS; i++)
        mv_ring_post(&c->ring, c->bufs[i], MULTI_MAX);
    c4_int(c->name, "register", mv_chan_register(c->cap, &c->ring));
}

static void hello(struct chan *c) {
    uint8_t msg[4];
    c4_fill(msg, 4, c->id);
    char key[16];
    snprintf(key, sizeof key, "hello_%s", c->name);
    uint32_t fulls = tx.fulls;
    sg_int(key, c4_send_on(c->cap, c->line, msg, 4, &tx));
    snprintf(key, sizeof key, "hello_%s_fulls", c->name);
    sg_int(key, (int32_t)(tx.fulls - fulls));
}

/* Answer every request waiting on @p c's ring; @return how many. */
static uint32_t serve(struct chan *c, uint32_t index) {
    uint32_t len, n = 0;
    uint8_t *buf;
    while ((buf = mv_ring_next(&c->ring, &len)) != NULL) {
        uint32_t seq = multi_seq(c->id, c->next);
        c->ok += len == multi_size(seq) && c4_check(buf, len, seq) == 0;
        c->msgs++;
        c->next++;
        switches += last != index;
        last = index;
        multi_invert(buf, len);
        c->reply_err += c4_send_on(c->cap, c->line, buf, len, &tx) != (int32_t)len;
        mv_ring_post_signal(c->cap, &c->ring, buf, MULTI_MAX);
        n++;
    }
    return n;
}

int main(void) {
    uint32_t timeouts = 0;
    setup(&chans[0]);
    setup(&chans[1]);
    hello(&chans[0]);
    hello(&chans[1]);
    while (chans[0].msgs < MULTI_N || chans[1].msgs < MULTI_N) {
        if (serve(&chans[0], 0) + serve(&chans[1], 1))
            continue;
        if (mv_ring_arm(&chans[0].ring) + mv_ring_arm(&chans[1].ring))
            continue;
        if (!c4_wait(BIT(1) | BIT(2), C4_TIMEOUT_NS) && ++timeouts)
            break;
    }
    for (int i = 0; i < 2; i++) {
        c4_int(chans[i].name, "msgs", (int32_t)chans[i].msgs);
        c4_int(chans[i].name, "ok", (int32_t)chans[i].ok);
        c4_int(chans[i].name, "reply_err", (int32_t)chans[i].reply_err);
    }
    sg_int("switches", (int32_t)switches);
    sg_int("timeouts", (int32_t)timeouts);
    return 0;
}
