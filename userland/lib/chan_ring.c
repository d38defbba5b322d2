/*
 * chan_ring.c - the receiving side of a channel (see mv/chan_ring.h): a receiver posts
 * buffers and takes messages with plain loads and stores on a ring the microvisor
 * fills. Two free-running counters, one per writer, and no locks: `posted` is written
 * only here, `filled` only by the microvisor, and each side publishes its counter
 * after the descriptor it covers (release) and reads the other's before the
 * descriptors behind it (acquire).
 */
#include <stddef.h>
#include <string.h>
#include "mv/chan_ring.h"

#define LOAD(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

void mv_ring_init(struct mv_ring *r, struct mv_chan_ring *shared, uint32_t n) {
    memset(shared, 0, MV_CHAN_RING_BYTES(n));
    r->shared = shared;
    r->n = n;
    r->consumed = 0;
}

int mv_ring_post(struct mv_ring *r, void *buf, uint32_t size) {
    /* LAB 4 BEGIN: fill the next free descriptor, then publish it */
    uint32_t posted = r->shared->posted;   /* only we write it */
    if (posted - r->consumed == r->n)
        return -1;                         /* the next slot holds a message not yet taken */
    struct mv_chan_desc *d = &r->shared->desc[posted & (r->n - 1)];
    d->addr = (uint32_t)(uintptr_t)buf;
    d->size = size;
    d->len = 0;
    STORE(&r->shared->posted, posted + 1);   /* the descriptor first, then the count */
    return 0;
    /* LAB 4 STUB
    (void)r, (void)buf, (void)size;
    mv_ring_lab_missing("mv_ring_post");
    LAB 4 END */
}

uint32_t mv_ring_waiting(const struct mv_ring *r) {
    /* LAB 4 BEGIN: delivered minus taken */
    return LOAD(&r->shared->filled) - r->consumed;
    /* LAB 4 STUB
    (void)r;
    mv_ring_lab_missing("mv_ring_waiting");
    LAB 4 END */
}

void *mv_ring_next(struct mv_ring *r, uint32_t *len) {
    /* LAB 4 BEGIN: the oldest message, if any, and take it */
    if (mv_ring_waiting(r) == 0)
        return NULL;
    const struct mv_chan_desc *d = &r->shared->desc[r->consumed & (r->n - 1)];
    *len = d->len;
    void *buf = (void *)(uintptr_t)d->addr;
    r->consumed++;   /* after reading the descriptor: a post may reuse it now */
    return buf;
    /* LAB 4 STUB
    (void)r, (void)len;
    mv_ring_lab_missing("mv_ring_next");
    LAB 4 END */
}

int mv_ring_arm(struct mv_ring *r) {
    /* LAB 4 BEGIN: ask first, then look again */
    STORE(&r->shared->notify, 1u);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);   /* the store above before the load below */
    return mv_ring_waiting(r) != 0;
    /* LAB 4 STUB
    (void)r;
    mv_ring_lab_missing("mv_ring_arm");
    LAB 4 END */
}

int mv_ring_space_wanted(const struct mv_ring *r) {
    /* LAB 4 BEGIN: our posts before the sender's flag */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return LOAD(&r->shared->space_wanted) != 0;
    /* LAB 4 STUB
    (void)r;
    mv_ring_lab_missing("mv_ring_space_wanted");
    LAB 4 END */
}
