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
    uint32_t mem[MV_CHAN_RING_BYTES(KV_SLOTS) / 4];
    uint32_t cap;            /* the channel end it receives on */
    uint32_t size;
};

/* Wait until one of our lines is raised, then clear them: every caller looks at its
 * ring or retries its send afterwards, so a raise just before the wait is not lost. */
static inline void kv_wait(void) { mv_virq_ack((uint32_t)mv_wait(0)); }

/* Post every buffer and register the ring on channel end @p cap; returns the
 * registration's result. */
static inline int32_t kv_rx_start(struct kv_rx *rx, uint32_t cap, void *bufs, uint32_t size) {
    mv_ring_init(&rx->ring, (struct mv_chan_ring *)rx->mem, KV_SLOTS);
    rx->cap = cap;
    rx->size = size;
    for (uint32_t i = 0; i < KV_SLOTS; i++)
        mv_ring_post(&rx->ring, (char *)bufs + i * size, size);
    return mv_chan_register(cap, &rx->ring);
}

/* Take the next message (waiting for one) and copy it into @p out (rx->size bytes);
 * its buffer is posted again at once. Returns its length. */
static inline uint32_t kv_recv(struct kv_rx *rx, void *out) {
    uint32_t len;
    void *msg;
    while ((msg = mv_ring_next(&rx->ring, &len)) == NULL)
        if (!mv_ring_arm(&rx->ring))
            kv_wait();
    memcpy(out, msg, len);
    mv_ring_post_signal(rx->cap, &rx->ring, msg, rx->size);
    return len;
}

/* Send @p len bytes on channel end @p cap; while the receiver has no free buffer (or has
 * not registered its ring yet), wait for its space signal. Returns the send's result. */
static inline int32_t kv_send(uint32_t cap, const void *msg, uint32_t len) {
    int32_t rc;
    while ((rc = mv_chan_send_flags(cap, msg, len, MV_CHAN_WANT_SPACE)) == MV_EFULL ||
           rc == MV_EBUSY)
        kv_wait();
    return rc;
}
#endif
