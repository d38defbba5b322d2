/*
 * sc_survivor.c - scenario of system test_fault (VM "survivor"): the VM that must keep
 * running. It starts, sleeps (mv_wait with a timeout) while the two faulty VMs die,
 * then does its work and reports the result, so the log shows it finishing *after*
 * both reports.
 */
#include "scenario_guest.h"

#define SLEEP_NS 2000000u   /* 2 ms of virtual time: far more than the others need to fault */

int main(void) {
    sg_int("started", 1);
    sg_int("wait_ret", mv_wait(SLEEP_NS));
    uint32_t sum = 0;
    for (uint32_t i = 1; i <= 10000; i++)
        sum += i;
    sg_result("sum", "%u", (unsigned)sum);
    return 0;
}
