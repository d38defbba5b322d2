/*
 * sc_spin.c - scenario of system test_spin: a VM that never stops, so the system never
 * powers off. It tests the harness: the run must end at its deadline, flagged timed_out.
 */
#include "scenario_guest.h"

int main(void) {
    sg_int("spinning", 1);
    for (;;)
        __asm__ volatile("" ::: "memory");
}
