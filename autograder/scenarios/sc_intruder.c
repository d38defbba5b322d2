/*
 * sc_intruder.c - scenario of system test_irq (VM "intruder"): has no route, yet tries
 * to switch off the virtual timer "ticker" owns. The instruction must be undefined for
 * it (the microvisor grants PL0 timer access only while the owner runs), which stops
 * this VM and leaves the ticker's timer alone.
 */
#include "scenario_guest.h"

int main(void) {
    for (int i = 0; i < 3; i++)
        mv_yield();   /* let the ticker arm its timer first */
    sg_int("intruder_try", 1);
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" ::"r"(0));   /* CNTV_CTL = 0 */
    sg_int("intruder_wrote_timer", 1);   /* must never be reached */
    return 0;
}
