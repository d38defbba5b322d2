/*
 * sc_chan4_stream_tx.c - scenario of system test_chan_stream (VM "tx"): streams
 * STREAM_N messages of pseudo-random sizes (1 byte .. STREAM_MAX, most of them across a
 * page boundary) to "rx", each carrying its sequence number and a pattern derived from
 * it. When the ring is full it asks for the space signal and waits on its line. It runs
 * at a higher priority than "rx", so it keeps the ring full and gets the CPU back at
 * each space signal, except that it pauses every STREAM_BURST messages: then "rx"
 * drains the ring and waits, armed, for the next message.
 * Results: sent (messages accepted), bytes, fulls (MV_EFULL seen), timeouts (space
 * signals that never came), first_error (0, or the first unexpected result).
 */
#include "chan4_guest.h"

int main(void) {
    static uint8_t msg[STREAM_MAX];
    struct c4_tx_stats st = {0};
    uint32_t sent = 0, bytes = 0;
    int32_t first_error = 0;
    c4_wait_sync();   /* rx's ring is registered */
    for (uint32_t seq = 0; seq < STREAM_N; seq++) {
        uint32_t len = stream_size(seq);
        c4_fill(msg, len, seq);
        int32_t rc = c4_send(CAP_CH, msg, len, &st);
        if (rc != (int32_t)len) {
            first_error = rc;
            break;
        }
        sent++;
        bytes += len;
        if (sent % STREAM_BURST == 0)
            mv_wait(STREAM_PAUSE_NS);
    }
    sg_int("sent", (int32_t)sent);
    sg_int("bytes", (int32_t)bytes);
    sg_int("fulls", (int32_t)st.fulls);
    sg_int("timeouts", (int32_t)st.timeouts);
    sg_int("first_error", first_error);
    sg_time("end", mv_time());
    return 0;
}
