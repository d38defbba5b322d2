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
 *  - chan_stream_4k: STREAM_MSGS messages of 4 KiB from a to b, in bytes per
 *    instruction. a sends until b's ring is full (MV_EFULL), then waits for the space
 *    signal; b takes every message waiting, checks its sequence number, posts the
 *    buffers again and signals once. A last message asks b to answer, which it does
 *    after all the data before it: the figure runs from the first send to that answer.
 *  - memcpy_4k: the same 4 KiB copied inside one VM by the microvisor's own loop
 *    (kernel/lib/string.c copies a word at a time when both ends are aligned;
 *    copy_words() is that loop, compiled in ARM mode as the kernel is), the median of
 *    COPY_SAMPLES copies. The channel's one copy is this loop, so this is its honest
 *    single-copy limit, and the ratio uses it:
 *  - chan_stream_4k/memcpy_4k: the stream's throughput as a fraction of that limit.
 *    Target 0.5: the copy at least half of the work, the rest (hypercalls, rings,
 *    switches) the other half.
 *  - memcpy_4k_newlib: the same copy by newlib's memcpy (the guests' library: an
 *    unrolled assembly loop, about three times faster), for comparison only.
 *
 * Which way the bytes go matters today: a is VM 0 and b VM 1, whose RAM lies above a's,
 * and the kernel's memmove() copies a byte at a time, backwards, whenever the
 * destination is above the source (kernel/lib/string.c), even when they do not overlap.
 * With the two VMs swapped in the system file the stream is about three times faster.
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
    const struct chan_hdr *reply = chan_recv_wait(&rx, &got);
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

/* kernel/lib/string.c's copy_forwards(): a word per iteration while both ends are
 * aligned, then bytes. (GCC must not turn the loop back into a call to memcpy.) */
typedef uint32_t __attribute__((may_alias)) word_t;
static __attribute__((noinline, target("arm"), optimize("no-tree-loop-distribute-patterns")))
void *copy_words(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if ((((uintptr_t)d | (uintptr_t)s) % sizeof(word_t)) == 0)
        for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t))
            *(word_t *)d = *(const word_t *)s;
    while (n--)
        *d++ = *s++;
    return dst;
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
    uint32_t chan = stream(), words = copy_cost(copy_words), lib = copy_cost(memcpy);
    bench_report_ratio("chan_stream_4k", bytes, chan, "bytes/instruction",
                       "a to b, 256 messages");
    bench_report_ratio("memcpy_4k", BIG_MSG, words, "bytes/instruction",
                       "the kernel's word loop, as the channel copies");
    bench_report_ratio("memcpy_4k_newlib", BIG_MSG, lib, "bytes/instruction",
                       "newlib's memcpy, for comparison");
    /* (bytes / chan) / (BIG_MSG / words) */
    bench_report_ratio("chan_stream_4k/memcpy_4k", bytes * words, (uint64_t)chan * BIG_MSG,
                       "-", "target >= 0.5");
    send_op(OP_STOP, 0, sizeof(struct chan_hdr));
    return 0;
}
