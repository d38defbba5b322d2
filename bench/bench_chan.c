/*
 * bench_chan.c - VM "a" of system bench_chan: what a channel costs. Every figure is read
 * on the CPU's cycle counter, which runs through both VMs and the microvisor alike, so
 * it counts a's, b's (bench_chan_peer.c) and the microvisor's instructions.
 *
 *  - chan_pingpong_64: a 64-byte message's round trip, the mean of ROUNDS after WARMUP:
 *
 *     a:  MV_HC_CHAN_SEND (copied into b's posted buffer; b's line raised: it armed)
 *         mv_ring_arm, MV_HC_WAIT                           --> switch to b
 *     b:  MV_HC_WAIT returns; mv_ring_next; MV_HC_CHAN_SEND back (a's line raised);
 *         posts its buffer again; mv_ring_arm, MV_HC_WAIT   --> switch to a
 *     a:  MV_HC_WAIT returns; mv_ring_next; posts its buffer again
 *
 *    Both VMs have the same priority, so no wake-up preempts: each side runs until it
 *    waits. Every reply is checked (length, sequence number). Target 1200, a goal: two
 *    sends (about 150 each: a hypercall, the ring read, 64 bytes copied, a raise), two
 *    waits with a switch to the other VM (vcpu_switch's goal, 300, each), the helpers.
 *    Measured on 2026-11-27 (stepping one send under GDB): a send costs the sender about
 *    660 instructions, 570 of them in the microvisor, and about 270 of those are six
 *    page-table walks (the source check, the ring header, the descriptor, the
 *    destination check, and the copy's own walk of both sides). A walk per page that
 *    the check and the copy share would save about 90.
 *  - chan_stream_4k: STREAM_MSGS messages of 4 KiB from a to b, in bytes per
 *    instruction. a sends until b's ring is full (MV_EFULL), then waits for the space
 *    signal; b takes every message waiting, checks its sequence number, posts the
 *    buffers again and signals once. A last message asks b to answer, which it does
 *    after all the data before it: the figure runs from the first send to that answer.
 *  - memcpy_4k: the same 4 KiB copied inside one VM with a plain memcpy (newlib's, the
 *    guests' library: an unrolled assembly loop), the median of COPY_SAMPLES copies:
 *    what moving the bytes costs without a channel, the single-copy limit.
 *  - chan_stream_4k/memcpy_4k: the stream's throughput as a fraction of that limit.
 *    Target 0.5: the copy at least half of the work, the rest (hypercalls, page-table
 *    walks, rings, switches) the other half. The microvisor's own copy
 *    (kernel/arch/armv7/copy.S: 32 bytes per ldm/stm pair) is as fast as newlib's.
 */
#include "bench_chan.h"

#define PINGPONG_TARGET 1200u
#define ROUNDS 1000u
#define WARMUP 10u
#define STREAM_MSGS 256u    /* 1 MiB */
#define COPY_SAMPLES 64u

static struct chan_rx rx;
static char bufs[RING_SLOTS][SMALL_MSG] __attribute__((aligned(8)));
static union {
    struct chan_hdr hdr;
    char bytes[BIG_MSG];
} data __attribute__((aligned(8)));
static char copy_dst[BIG_MSG] __attribute__((aligned(8)));

/* Send @p len bytes of data with header (@p op, @p seq). */
static void send_op(uint32_t op, uint32_t seq, uint32_t len) {
    data.hdr = (struct chan_hdr){.op = op, .seq = seq};
    chan_send_wait(&data, len);
}

/* Wait for b's answer to the OP_ECHO of @p len bytes numbered @p seq, check it, post
 * its buffer again. */
static void take_echo(uint32_t seq, uint32_t len) {
    uint32_t got;
    const struct chan_hdr *reply = mv_ring_next_wait(&rx.ring, &got, ~0u);
    if (got != len || reply->op != OP_ECHO || reply->seq != seq)
        bench_fail("b's answer (length, op or seq)", (int32_t)got);
    mv_ring_post(&rx.ring, (void *)reply, SMALL_MSG);
}

static void round_trip(uint32_t seq) {
    send_op(OP_ECHO, seq, SMALL_MSG);
    take_echo(seq, SMALL_MSG);
}

/* Instructions of one round trip: the mean of ROUNDS. */
static uint32_t pingpong(void) {
    for (uint32_t i = 0; i < WARMUP; i++)
        round_trip(i);
    uint32_t t0 = mv_cycles();
    for (uint32_t i = 0; i < ROUNDS; i++)
        round_trip(WARMUP + i);
    return (mv_cycles() - t0) / ROUNDS;
}

/* Instructions of the whole stream, up to b's answer to the last message. */
static uint32_t stream(void) {
    uint32_t t0 = mv_cycles();
    for (uint32_t i = 0; i < STREAM_MSGS; i++)
        send_op(OP_DATA, i, BIG_MSG);
    send_op(OP_ECHO, STREAM_MSGS, sizeof(struct chan_hdr));
    take_echo(STREAM_MSGS, sizeof(struct chan_hdr));
    return mv_cycles() - t0;
}

/* Instructions of one copy of BIG_MSG bytes by @p copy: the median of COPY_SAMPLES. */
static uint32_t copy_cost(void *(*copy)(void *, const void *, size_t)) {
    static uint32_t samples[COPY_SAMPLES];
    for (uint32_t i = 0; i < COPY_SAMPLES; i++)
        samples[i] = BENCH_SAMPLE(copy(copy_dst, data.bytes, BIG_MSG));
    if (memcmp(copy_dst, data.bytes, BIG_MSG))
        bench_fail("the copy (wrong bytes)", 0);
    return bench_median(samples, COPY_SAMPLES) - bench_counter_overhead();
}

int main(void) {
    chan_rx_setup(&rx, bufs[0], SMALL_MSG);
    bench_report("chan_pingpong_64", pingpong(), PINGPONG_TARGET);
    for (uint32_t i = 0; i < BIG_MSG; i++)
        data.bytes[i] = (char)(i * 7u + 1u);
    uint64_t bytes = (uint64_t)STREAM_MSGS * BIG_MSG;
    uint32_t chan = stream(), copy = copy_cost(memcpy);
    bench_report_ratio("chan_stream_4k", bytes, chan, "bytes/instruction",
                       "a to b, 256 messages");
    bench_report_ratio("memcpy_4k", BIG_MSG, copy, "bytes/instruction",
                       "newlib's memcpy inside one VM");
    /* (bytes / chan) / (BIG_MSG / copy) */
    bench_report_ratio("chan_stream_4k/memcpy_4k", bytes * copy, (uint64_t)chan * BIG_MSG,
                       "-", "target >= 0.5");
    send_op(OP_STOP, 0, sizeof(struct chan_hdr));
    return 0;
}
