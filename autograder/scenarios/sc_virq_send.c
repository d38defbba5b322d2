/*
 * sc_virq_send.c - scenario of system test_virq (VM "sender"): waits for the
 * receiver's "ready" vIRQ, raises line 5 at the receiver through its cap and reports
 * when; then does the same once more for the receiver's user-mode upcall test.
 */
#include "scenario_guest.h"

enum { CAP_RECEIVER = 0 };   /* systems/test_virq.c */

static void handshake(const char *ready_key, const char *raise_key, const char *time_key) {
    int32_t bits = mv_wait(0);
    mv_virq_ack((uint32_t)bits);
    uint32_t t = (uint32_t)mv_time();
    int32_t rc = mv_virq_raise(CAP_RECEIVER);
    sg_hex(ready_key, (uint32_t)bits);
    sg_int(raise_key, rc);
    sg_result(time_key, "%u", (unsigned)t);
}

int main(void) {
    handshake("ready_bits", "raise_ret", "raise_time");
    handshake("ready2_bits", "raise2_ret", "raise2_time");
    return 0;
}
