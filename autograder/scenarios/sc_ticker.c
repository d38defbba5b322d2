/*
 * sc_ticker.c - scenario of system test_irq (VM "ticker"): owns the virtual timer.
 * TICKS times: program it 100 us ahead, wait for the routed vIRQ, quiet the timer and
 * acknowledge the interrupt. Reports how many ticks came on the right line, not before
 * their deadline, and were acknowledged.
 */
#include "scenario_guest.h"

enum { CAP_TIMER = 0, CAP_TIMER_NORIGHT = 1 };   /* systems/test_irq.c */
#define TIMER_LINE 4u
#define TICKS 5
#define PERIOD_TICKS 6250u       /* 100 us at QEMU virt's 62.5 MHz counter */
#define WAIT_LIMIT_NS 10000000u  /* 10 ms: a tick that never comes ends the wait */

/* The virtual timer, usable from PL0 only because the route gives this VM its device. */
static uint64_t cntvct(void) {
    uint64_t v;
    __asm__ volatile("isb\n\tmrrc p15, 1, %Q0, %R0, c14" : "=r"(v));
    return v;
}
static void cntv_cval(uint64_t v) { __asm__ volatile("mcrr p15, 3, %Q0, %R0, c14" ::"r"(v)); }
static void cntv_ctl(uint32_t v) { __asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" ::"r"(v)); }

int main(void) {
    int lines_ok = 0, on_time = 0, acks_ok = 0;
    for (int i = 0; i < TICKS; i++) {
        uint64_t deadline = cntvct() + PERIOD_TICKS;
        cntv_cval(deadline);
        cntv_ctl(1);   /* enabled, not masked */
        uint32_t bits = (uint32_t)mv_wait(WAIT_LIMIT_NS);
        lines_ok += bits == (1u << TIMER_LINE);
        on_time += cntvct() >= deadline;
        mv_virq_ack(bits);
        cntv_ctl(0);   /* quiet the device first: its level interrupt drops */
        acks_ok += mv_irq_ack(CAP_TIMER) == 0;
    }
    sg_int("lines_ok", lines_ok);
    sg_int("on_time", on_time);
    sg_int("acks_ok", acks_ok);
    sg_int("ack_noright", mv_irq_ack(CAP_TIMER_NORIGHT));
    return 0;
}
