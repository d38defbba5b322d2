/*
 * sc_chan4_stream_rx.c - scenario of system test_chan_stream (VM "rx"): receives the
 * stream of "tx" on a ring of STREAM_SLOTS buffers of STREAM_MAX bytes, checking every
 * message's length, sequence number and every byte, and posts each buffer again at
 * once (mv_ring_post_signal: a waiting sender is told). It waits on its line only
 * after mv_ring_arm() said the ring is empty.
 * Results: register, ok (messages intact and in order), bad (wrong length or bytes),
 * out_of_order (a sequence number already seen), lost (sequence numbers skipped),
 * wrong_buf (a message not in the buffer posted for it), bytes, arms, wakes, timeouts.
 */
#include "chan4_guest.h"

static struct mv_ring ring;
static MV_CHAN_RING_STORAGE(ring_mem, STREAM_SLOTS);
static uint8_t bufs[STREAM_SLOTS][STREAM_MAX];

struct tally {
    uint32_t next_seq, received, ok, bad, out_of_order, lost, wrong_buf, bytes;
};

/* One message, the t->received-th: where it landed, and what it carries. */
static void check(struct tally *t, const uint8_t *buf, uint32_t len) {
    uint32_t seq = c4_seq_of(buf, len, t->next_seq);
    t->wrong_buf += buf != bufs[t->received % STREAM_SLOTS];   /* buffers come back in order */
    t->received++;
    t->bytes += len;
    if (seq < t->next_seq) {
        t->out_of_order++;
        return;
    }
    t->lost += seq - t->next_seq;
    t->next_seq = seq + 1;
    if (len == stream_size(seq) && c4_check(buf, len, seq) == 0)
        t->ok++;
    else
        t->bad++;
}

int main(void) {
    struct tally t = {0};
    struct c4_rx_stats st = {0};
    mv_ring_init(&ring, (struct mv_chan_ring *)ring_mem, STREAM_SLOTS);
    for (uint32_t i = 0; i < STREAM_SLOTS; i++)
        mv_ring_post(&ring, bufs[i], STREAM_MAX);
    sg_int("register", mv_chan_register(CAP_CH, &ring));
    c4_go();
    while (t.next_seq < STREAM_N) {
        uint32_t len;
        uint8_t *buf = c4_recv(&ring, &len, &st);
        if (!buf)
            break;
        check(&t, buf, len);
        mv_ring_post_signal(CAP_CH, &ring, buf, STREAM_MAX);
    }
    sg_int("received", (int32_t)t.received);
    sg_int("ok", (int32_t)t.ok);
    sg_int("bad", (int32_t)t.bad);
    sg_int("out_of_order", (int32_t)t.out_of_order);
    sg_int("lost", (int32_t)t.lost);
    sg_int("wrong_buf", (int32_t)t.wrong_buf);
    sg_int("bytes", (int32_t)t.bytes);
    sg_int("arms", (int32_t)st.arms);
    sg_int("wakes", (int32_t)st.wakes);
    sg_int("timeouts", (int32_t)st.timeouts);
    sg_time("end", mv_time());
    return 0;
}
