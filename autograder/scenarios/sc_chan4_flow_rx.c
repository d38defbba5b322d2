/*
 * sc_chan4_flow_rx.c - scenario of system test_chan_flow (VM "rx", the higher
 * priority): a ring of FLOW_SLOTS descriptors with only FLOW_POSTED buffers posted, so
 * "full" means "every posted buffer used", not "every descriptor". It takes its turns
 * when "tx" raises LINE_SYNC.
 * Results: register; p1_waiting and p1_wanted (messages waiting and space_wanted when
 * tx found the ring full), p1_posted (MV_HC_CHAN_POSTED after reposting one buffer: 1 =
 * the sender was signalled), p1_wanted_after and p1_posted_again (after the second
 * buffer: nobody waits any more); p2_waiting, p2_wanted and p2_posted (the same after
 * tx filled the ring without MV_CHAN_WANT_SPACE); received and in_order (messages
 * carrying the sequence numbers 0, 1, ... intact).
 */
#include "chan4_guest.h"

#define FLOW_SLOTS 8u
#define FLOW_POSTED 5u
#define FLOW_SIZE 64u

static struct mv_ring ring;
static MV_CHAN_RING_STORAGE(ring_mem, FLOW_SLOTS);
static uint8_t bufs[FLOW_POSTED][FLOW_SIZE];
static uint32_t received, in_order;

/* Take the next message (there must be one) and check it; return its buffer. */
static void *take(void) {
    uint32_t len;
    uint8_t *buf = mv_ring_next(&ring, &len);
    if (buf) {
        in_order += len == FLOW_LEN && c4_check(buf, len, received) == 0;
        received++;
    }
    return buf;
}

int main(void) {
    mv_ring_init(&ring, (struct mv_chan_ring *)ring_mem, FLOW_SLOTS);
    for (uint32_t i = 0; i < FLOW_POSTED; i++)
        mv_ring_post(&ring, bufs[i], FLOW_SIZE);
    sg_int("register", mv_chan_register(CAP_CH, &ring));
    c4_go();
    c4_wait_sync();   /* tx found the ring full */
    sg_int("p1_waiting", (int32_t)mv_ring_waiting(&ring));
    sg_int("p1_wanted", mv_ring_space_wanted(&ring));
    void *a = take(), *b = take();
    mv_ring_post(&ring, a, FLOW_SIZE);
    sg_int("p1_posted", mv_chan_posted(CAP_CH));
    mv_ring_post(&ring, b, FLOW_SIZE);
    sg_int("p1_wanted_after", mv_ring_space_wanted(&ring));
    sg_int("p1_posted_again", mv_chan_posted(CAP_CH));
    c4_wait_sync();   /* tx filled the ring again, without asking for space */
    sg_int("p2_waiting", (int32_t)mv_ring_waiting(&ring));
    sg_int("p2_wanted", mv_ring_space_wanted(&ring));
    void *held[FLOW_POSTED];
    uint32_t n = 0;
    while (n < FLOW_POSTED && (held[n] = take()) != NULL)
        n++;
    for (uint32_t i = 0; i < n; i++)
        mv_ring_post(&ring, held[i], FLOW_SIZE);
    sg_int("p2_posted", mv_chan_posted(CAP_CH));
    sg_int("received", (int32_t)received);
    sg_int("in_order", (int32_t)in_order);
    c4_go();
    return 0;
}
