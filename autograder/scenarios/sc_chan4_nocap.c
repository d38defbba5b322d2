/*
 * sc_chan4_nocap.c - scenario of system test_chan_multi (VM "nocap", the highest
 * priority, done before the others start): it has no channel cap - slot 0 is empty,
 * slot 1 a vIRQ cap to the server's line 1 - and tries every channel call on slots 0,
 * 1 and 99: send0, send1, send99, register0, register1, posted0, posted1.
 */
#include "chan4_guest.h"

static struct mv_ring ring;
static MV_CHAN_RING_STORAGE(ring_mem, 1);
static uint8_t buf[64];

int main(void) {
    c4_fill(buf, sizeof buf, 0xbad);
    mv_ring_init(&ring, (struct mv_chan_ring *)ring_mem, 1);
    mv_ring_post(&ring, buf, sizeof buf);
    sg_int("send0", mv_chan_send(0, buf, sizeof buf));
    sg_int("send1", mv_chan_send(1, buf, sizeof buf));
    sg_int("send99", mv_chan_send(99, buf, sizeof buf));
    sg_int("register0", mv_chan_register(0, &ring));
    sg_int("register1", mv_chan_register(1, &ring));
    sg_int("posted0", mv_chan_posted(0));
    sg_int("posted1", mv_chan_posted(1));
    return 0;
}
