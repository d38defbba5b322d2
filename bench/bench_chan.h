/*
 * bench_chan.h - what the channel benchmarks' two sides share (systems/bench_chan.c):
 * the cap slot, the message header, a receive ring, and sending/receiving with waits.
 *
 * VM "a" runs the measuring program (bench_chan.c), VM
 * "b" the peer (bench_chan_peer.c). Every message starts with a header saying what the
 * peer does with it: drop it (a stream's data), send it back (a round trip), or stop.
 */
#ifndef BENCH_CHAN_H
#define BENCH_CHAN_H
#include <string.h>
#include "bench.h"

#define CAP_CHAN 0u          /* systems/bench_chan.c: both VMs' end of channel "pipe" */
#define SMALL_MSG 64u        /* a round trip's message */
#define BIG_MSG 4096u        /* a stream's message */
#define RING_SLOTS 8u        /* buffers posted on each side's ring */

enum chan_op { OP_DATA = 1, OP_ECHO = 2, OP_STOP = 3 };

/* The first words of every message. */
struct chan_hdr {
    uint32_t op;    /* enum chan_op */
    uint32_t seq;   /* the sender's count: the peer checks that nothing is lost or reordered */
};

/* One side's receive ring (the buffers it posts are the program's own). */
struct chan_rx {
    struct mv_ring ring;
    MV_CHAN_RING_STORAGE(ring_mem, RING_SLOTS);
};

/* Set up @p rx with all RING_SLOTS buffers of @p bufs (each @p size bytes) posted, and
 * register it on our end. */
static inline void chan_rx_setup(struct chan_rx *rx, char *bufs, uint32_t size) {
    int32_t rc = mv_ring_start(CAP_CHAN, &rx->ring, rx->ring_mem, RING_SLOTS, bufs, size);
    if (rc)
        bench_fail("mv_chan_register", rc);
}

/* Send @p len bytes at @p msg, waiting for the space signal while the peer's ring is
 * full (or not registered yet: the peer may not have run). */
static inline void chan_send_wait(const void *msg, uint32_t len) {
    int32_t rc = mv_chan_send_wait(CAP_CHAN, msg, len, ~0u);
    if (rc != (int32_t)len)
        bench_fail("mv_chan_send_flags", rc);
}
#endif
