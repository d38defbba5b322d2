/*
 * sc_prio_high.c - lab 1: the high-priority VM. It computes for 3 M instructions (the
 * low-priority VM must not run meanwhile), then waits 500 us (now the low one runs),
 * and must get the CPU back as soon as its timeout expires.
 */
#include "scenario_guest.h"

#define GAP 1500          /* a longer jump in the cycle counter: someone else ran */
#define SPIN 3000000u
#define TIMEOUT_NS 500000u

int main(void) {
    sg_int("hi_set_prio_above_max", mv_vcpu_set_prio(0, 11));
    sg_int("hi_set_prio_max", mv_vcpu_set_prio(0, 10));
    uint32_t start = mv_cycles(), last = start, gaps = 0;
    for (uint32_t now = start; now - start < SPIN; now = mv_cycles()) {
        gaps += now - last > GAP;
        last = now;
    }
    uint32_t block = mv_cycles();
    int32_t r = mv_wait(TIMEOUT_NS);
    uint32_t wake = mv_cycles();
    sg_int("hi_gaps", (int32_t)gaps);
    sg_int("hi_wait_ret", r);
    sg_result("hi_block", "%u", (unsigned)block);
    sg_result("hi_away", "%u", (unsigned)(wake - block));
    return 0;
}
