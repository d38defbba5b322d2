/*
 * sc_chan4_notify_tx.c - scenario of system test_chan_notify (VM "tx"): sends NOTE_LEN-
 * byte messages numbered 0, 1, ... in three phases, each started by "rx" raising
 * LINE_SYNC:
 * - quiet: NOTE_QUIET messages without flags, then it raises LINE_SYNC (q_sent);
 * - burst: NOTE_BURST messages, waiting for space whenever the ring is full (b_sent,
 *   b_fulls, b_timeouts);
 * - race: at a priority above rx's (r_prio), NOTE_RACE messages, each after a pseudo-
 *   random sleep (note_gap()), so they land anywhere in rx's loop (r_sent, r_timeouts).
 */
#include "chan4_guest.h"

enum { CAP_SELF = 3 };   /* its own vCPU (systems/test_chan_notify.c) */

static uint32_t seq;

/* Send the next message, waiting for space if the ring is full: 1 if it went. */
static int send_next(struct c4_tx_stats *st) {
    uint8_t msg[NOTE_LEN];
    c4_fill(msg, NOTE_LEN, seq);
    if (c4_send(CAP_CH, msg, NOTE_LEN, st) != (int32_t)NOTE_LEN)
        return 0;
    seq++;
    return 1;
}

int main(void) {
    struct c4_tx_stats quiet = {0}, burst = {0}, race = {0};
    int32_t n = 0;
    c4_wait_sync();
    while (n < (int32_t)NOTE_QUIET && send_next(&quiet))
        n++;
    sg_int("q_sent", n);
    c4_go();
    c4_wait_sync();
    for (n = 0; n < (int32_t)NOTE_BURST && send_next(&burst);)
        n++;
    sg_int("b_sent", n);
    sg_int("b_fulls", (int32_t)burst.fulls);
    sg_int("b_timeouts", (int32_t)burst.timeouts);
    c4_wait_sync();
    sg_int("r_prio", mv_vcpu_set_prio(CAP_SELF, 14));
    for (n = 0; n < (int32_t)NOTE_RACE; n++) {
        mv_wait(note_gap(seq));
        if (!send_next(&race))
            break;
    }
    sg_int("r_sent", n);
    sg_int("r_timeouts", (int32_t)race.timeouts);
    return 0;
}
