/*
 * kv.h - the protocol of system chan_demo: a client VM sends requests on channel
 * "requests", a key-value server VM answers on channel "replies". Each side receives on
 * a ring of posted buffers (mv/chan_ring.h) and sends with MV_HC_CHAN_SEND; neither
 * makes a hypercall per message it receives, only when it has to wait.
 */
#ifndef KV_H
#define KV_H
#include <stdint.h>
#include <string.h>
#include "mv/guest.h"

/* Cap slots (systems/chan_demo.c): each VM's end of the two channels. */
enum { CAP_REQUESTS = 0, CAP_REPLIES = 1 };

#define KV_KEY 16u        /* bytes of a key, its NUL included */
#define KV_VALUE 32u      /* bytes of a value, its NUL included */
#define KV_SLOTS 8u       /* buffers each side keeps posted */

enum kv_op { KV_PUT = 1, KV_GET = 2, KV_DEL = 3, KV_QUIT = 4 };
enum kv_status { KV_OK = 0, KV_NOT_FOUND = 1, KV_NO_ROOM = 2, KV_BAD = 3 };

struct kv_request {
    uint32_t op;             /* enum kv_op */
    char key[KV_KEY];
    char value[KV_VALUE];    /* KV_PUT only */
};

struct kv_reply {
    uint32_t status;         /* enum kv_status */
    char value[KV_VALUE];    /* KV_GET that found its key */
};

/* A receive ring with KV_SLOTS buffers of @p size bytes each at @p bufs. */
struct kv_rx {
    struct mv_ring ring;
    MV_CHAN_RING_STORAGE(mem, KV_SLOTS);
    uint32_t cap;            /* the channel end it receives on */
    uint32_t size;
};

/* Post every buffer and register the ring on channel end @p cap; returns the
 * registration's result. */
static inline int32_t kv_rx_start(struct kv_rx *rx, uint32_t cap, void *bufs, uint32_t size) {
    rx->cap = cap;
    rx->size = size;
    return mv_ring_start(cap, &rx->ring, rx->mem, KV_SLOTS, bufs, size);
}

/* Take the next message (waiting for one) and copy it into @p out (rx->size bytes);
 * its buffer is posted again at once. Returns its length. */
static inline uint32_t kv_recv(struct kv_rx *rx, void *out) {
    uint32_t len;
    void *msg = mv_ring_next_wait(&rx->ring, &len, ~0u);   /* our only lines: the channels' */
    memcpy(out, msg, len);
    mv_ring_post_signal(rx->cap, &rx->ring, msg, rx->size);
    return len;
}

#endif
