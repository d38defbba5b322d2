/*
 * sc_chan4_sizes_tx.c - scenario of system test_chan_sizes (VM "tx"): sends at the
 * limits of "rx"'s buffers (posted in this order: MV_CHAN_MAX bytes, SMALL bytes,
 * MV_CHAN_MAX + 4 KiB, 64 bytes) and of MV_CHAN_MAX. Each message is the pattern of
 * its own sequence number; refused ones use numbers rx must never see.
 * Results, in order: max (MV_CHAN_MAX bytes), over_next (SMALL + 1 bytes into the
 * SMALL-byte buffer), fit (SMALL bytes, the same buffer), over_max (MV_CHAN_MAX + 1
 * bytes, though the next buffer is bigger), zero (0 bytes), bad_flags (an unknown
 * flag), big (MV_CHAN_MAX bytes into the bigger buffer), last (16 bytes).
 */
#include "chan4_guest.h"

#define SMALL 100u

static uint8_t msg[MV_CHAN_MAX + 1];

/* Send @p len bytes of message @p seq with @p flags; report the result as @p key. */
static void send(const char *key, uint32_t seq, uint32_t len, uint32_t flags) {
    c4_fill(msg, len, seq);
    sg_int(key, mv_chan_send_flags(CAP_CH, msg, len, flags));
}

int main(void) {
    c4_wait_sync();   /* rx's four buffers are posted */
    send("max", 0, MV_CHAN_MAX, 0);
    send("over_next", 900, SMALL + 1, 0);
    send("fit", 1, SMALL, 0);
    send("over_max", 901, MV_CHAN_MAX + 1, 0);
    send("zero", 902, 0, 0);
    send("bad_flags", 903, 16, 0x80u);
    send("big", 2, MV_CHAN_MAX, 0);
    send("last", 3, 16, 0);
    return 0;
}
