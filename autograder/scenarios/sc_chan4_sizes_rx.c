/*
 * sc_chan4_sizes_rx.c - scenario of system test_chan_sizes (VM "rx", the higher
 * priority): posts four buffers - MV_CHAN_MAX bytes, SMALL bytes, MV_CHAN_MAX + 4 KiB,
 * 64 bytes - each followed by GUARD bytes, all filled with a canary, and receives
 * until four messages came (or a signal never did).
 * Results: register; for message i: m<i>_len, m<i>_buf (which buffer it was in: 0..3),
 * m<i>_bad (bytes differing from message i's pattern); then extra (messages after the
 * fourth), guard<j> (canary bytes overwritten past the end of buffer j: past its size,
 * or past the message it holds), timeouts.
 */
#include "chan4_guest.h"

#define SMALL 100u
#define GUARD 64u
#define CANARY 0xa5u
#define NBUF 4u

static const uint32_t sizes[NBUF] = {MV_CHAN_MAX, SMALL, MV_CHAN_MAX + 4096u, 64u};
static uint8_t buf_max[MV_CHAN_MAX + GUARD], buf_small[SMALL + GUARD];
static uint8_t buf_big[MV_CHAN_MAX + 4096u + GUARD], buf_last[64u + GUARD];
static uint8_t *const bufs[NBUF] = {buf_max, buf_small, buf_big, buf_last};
static uint32_t lens[NBUF];   /* what each buffer received */
static struct mv_ring ring;
static MV_CHAN_RING_STORAGE(ring_mem, NBUF);

static int32_t which(const void *buf) {
    for (uint32_t j = 0; j < NBUF; j++)
        if (buf == bufs[j])
            return (int32_t)j;
    return -1;
}

static void report(const char *fmt, uint32_t i, int32_t v) {
    char key[32];
    snprintf(key, sizeof key, fmt, (unsigned)i);
    sg_int(key, v);
}

int main(void) {
    struct c4_rx_stats st = {0};
    mv_ring_init(&ring, (struct mv_chan_ring *)ring_mem, NBUF);
    for (uint32_t j = 0; j < NBUF; j++) {
        memset(bufs[j], CANARY, sizes[j] + GUARD);
        mv_ring_post(&ring, bufs[j], sizes[j]);
    }
    sg_int("register", mv_chan_register(CAP_CH, &ring));
    c4_go();
    for (uint32_t i = 0; i < NBUF; i++) {
        uint32_t len;
        uint8_t *buf = c4_recv(&ring, &len, &st);
        if (!buf)
            break;
        int32_t j = which(buf);
        report("m%u_len", i, (int32_t)len);
        report("m%u_buf", i, j);
        report("m%u_bad", i, (int32_t)c4_check(buf, len, i));
        if (j >= 0)
            lens[j] = len;
    }
    mv_wait(100000);   /* tx is done by now (it has nothing to wait for) */
    sg_int("extra", (int32_t)mv_ring_waiting(&ring));
    for (uint32_t j = 0; j < NBUF; j++) {
        report("guard%u", j, (int32_t)c4_not(bufs[j] + lens[j], sizes[j] + GUARD - lens[j], CANARY));
    }
    sg_int("timeouts", (int32_t)st.timeouts);
    return 0;
}
