/*
 * bench_chan_peer.c - VM "b" of the channel benchmarks (systems/bench_chan.c): takes
 * every message from its ring, sends back those that ask for it (OP_ECHO), drops the
 * stream's data (OP_DATA) and stops at OP_STOP.
 *
 * It drains in batches, as a receiver that keeps up with a stream would: every message
 * waiting is taken, then all their buffers are posted again, and only then, once, a
 * sender waiting for space is told (MV_HC_CHAN_POSTED). Posting one buffer and
 * signalling at once would let a sender of higher priority in after every message.
 */
#include "bench_chan.h"

static struct chan_rx rx;
static char bufs[RING_SLOTS][BIG_MSG] __attribute__((aligned(8)));

/* Handle one message; returns 1 at OP_STOP. Stream data must arrive in order. */
static int handle(const struct chan_hdr *h, uint32_t len, uint32_t *next_seq) {
    if (len < sizeof *h)
        bench_fail("a message shorter than its header", (int32_t)len);
    switch (h->op) {
    case OP_DATA:
        if (h->seq != (*next_seq)++)
            bench_fail("stream data out of order (seq)", (int32_t)h->seq);
        return 0;
    case OP_ECHO:
        chan_send_wait(h, len);
        return 0;
    case OP_STOP:
        return 1;
    }
    bench_fail("an unknown message op", (int32_t)h->op);
}

int main(void) {
    chan_rx_setup(&rx, bufs[0], BIG_MSG);
    uint32_t next_seq = 0;
    for (;;) {
        void *taken[RING_SLOTS];
        uint32_t n = 0, len;
        int stop = 0;
        while (n < RING_SLOTS && (taken[n] = mv_ring_next(&rx.ring, &len)) != NULL)
            stop |= handle(taken[n++], len, &next_seq);
        for (uint32_t i = 0; i < n; i++)
            mv_ring_post(&rx.ring, taken[i], BIG_MSG);
        if (n && mv_ring_space_wanted(&rx.ring))
            mv_chan_posted(CAP_CHAN);
        if (stop)
            return 0;
        if (n == 0 && !mv_ring_arm(&rx.ring))
            mv_wait_clear(~0u);
    }
}
