/*
 * sc_prio_low.c - lab 1: the low-priority VM. It notes when it first ran (the PMU
 * cycle counter is global, so the host can compare with the high VM's times).
 */
#include "scenario_guest.h"

int main(void) {
    uint32_t first = mv_cycles();
    sg_int("lo_set_prio_above_max", mv_vcpu_set_prio(0, 6));
    uint32_t start = mv_cycles();
    while (mv_cycles() - start < 2000000u)
        ;
    sg_result("lo_first", "%u", (unsigned)first);
    return 0;
}
