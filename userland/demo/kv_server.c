/*
 * kv_server.c - VM "server" of system chan_demo: a small key-value store. It answers
 * every request from channel "requests" on channel "replies", until KV_QUIT, then says
 * how many requests it served and how its receive ring went.
 */
#include <stdio.h>
#include "kv.h"

#define MAX_KEYS 16

static struct { char key[KV_KEY]; char value[KV_VALUE]; } store[MAX_KEYS];
static int nkeys;

static struct kv_rx rx;
static struct kv_request bufs[KV_SLOTS];

/* The index of @p key in the store, or -1. */
static int find(const char *key) {
    for (int i = 0; i < nkeys; i++)
        if (strcmp(store[i].key, key) == 0)
            return i;
    return -1;
}

/* Store @p value under @p key (a new key if there is room). */
static uint32_t put(const char *key, const char *value) {
    int i = find(key);
    if (i < 0 && nkeys == MAX_KEYS)
        return KV_NO_ROOM;
    if (i < 0)
        strcpy(store[i = nkeys++].key, key);
    strcpy(store[i].value, value);
    return KV_OK;
}

/* Carry out @p q (its strings already NUL-terminated) into @p a. */
static void serve(const struct kv_request *q, struct kv_reply *a) {
    int i = find(q->key);
    *a = (struct kv_reply){.status = KV_OK};
    switch (q->op) {
    case KV_PUT:
        a->status = put(q->key, q->value);
        break;
    case KV_GET:
        if (i < 0)
            a->status = KV_NOT_FOUND;
        else
            strcpy(a->value, store[i].value);
        break;
    case KV_DEL:
        if (i < 0)
            a->status = KV_NOT_FOUND;
        else
            store[i] = store[--nkeys];
        break;
    default:
        a->status = KV_BAD;
    }
}

int main(void) {
    if (kv_rx_start(&rx, CAP_REQUESTS, bufs, sizeof bufs[0]))
        return 1;
    unsigned served = 0;
    for (;;) {
        struct kv_request q;
        struct kv_reply a;
        if (kv_recv(&rx, &q) != sizeof q) {
            a = (struct kv_reply){.status = KV_BAD};   /* not a request: say so */
        } else if (q.op == KV_QUIT) {
            break;
        } else {
            q.key[KV_KEY - 1] = q.value[KV_VALUE - 1] = '\0';   /* the client is not trusted */
            serve(&q, &a);
        }
        if (mv_chan_send_wait(CAP_REPLIES, &a, sizeof a, ~0u) != (int32_t)sizeof a)
            return 1;
        served++;
    }
    printf("served %u requests, %d key(s) stored\n", served, nkeys);
    return 0;
}
