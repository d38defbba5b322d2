/*
 * sc_chan4_flow_tx.c - scenario of system test_chan_flow (VM "tx"): fills "rx"'s ring
 * twice, with and without MV_CHAN_WANT_SPACE, and reports what it saw; "rx" (higher
 * priority) takes its turns in between (LINE_SYNC handshakes). Messages are FLOW_LEN
 * bytes carrying their sequence numbers 0, 1, ...
 * Phase 1 (WANT_SPACE): p1_sent (sends that succeeded before the first error), p1_err
 * (that error), p1_early (line 1 pending before rx posted anything), p1_signal (the
 * lines the wait for space returned: 0 = timeout), p1_after (the next send).
 * Phase 2 (no flag): p2_sent, p2_err, then p2_pending (line 1 after rx posted buffers
 * again: no signal was asked for).
 */
#include "chan4_guest.h"

#define MAX_TRIES 64u   /* a ring that never fills stops here */

static uint32_t seq;

static int32_t send_next(uint32_t flags) {
    uint8_t msg[FLOW_LEN];
    c4_fill(msg, FLOW_LEN, seq);
    int32_t rc = mv_chan_send_flags(CAP_CH, msg, FLOW_LEN, flags);
    seq += rc == (int32_t)FLOW_LEN;
    return rc;
}

/* Send until a send fails; report how many succeeded and the failure. */
static void fill(const char *phase, uint32_t flags) {
    int32_t rc = 0;
    uint32_t n = 0;
    while (n < MAX_TRIES && (rc = send_next(flags)) == (int32_t)FLOW_LEN)
        n++;
    c4_int(phase, "sent", (int32_t)n);
    c4_int(phase, "err", rc);
}

int main(void) {
    c4_wait_sync();   /* rx's ring holds its first buffers */
    fill("p1", MV_CHAN_WANT_SPACE);
    sg_int("p1_early", (int32_t)c4_take_lines(BIT(LINE_CH)));
    c4_go();          /* rx takes two messages and posts their buffers again */
    sg_int("p1_signal", (int32_t)c4_wait(BIT(LINE_CH), C4_TIMEOUT_NS));
    sg_int("p1_after", send_next(0));
    fill("p2", 0);
    c4_go();          /* rx takes everything and posts again */
    c4_wait_sync();
    sg_int("p2_pending", (int32_t)c4_take_lines(BIT(LINE_CH)));
    sg_int("sent_total", (int32_t)seq);
    return 0;
}
