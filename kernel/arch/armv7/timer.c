/*
 * timer.c - the ARM generic timer (non-secure physical timer, PPI 30).
 *
 * Time is kept in nanoseconds. QEMU's virt counter runs at CNTFRQ = 62.5 MHz, so one
 * tick is 16 ns; under `-icount shift=0` one instruction is one virtual nanosecond.
 */
#include "arch.h"
#include "cp15.h"
#include "timer.h"

static uint32_t ns_per_tick;

void timer_init(void) {
    uint32_t freq = cntfrq_read();
    ns_per_tick = freq ? 1000000000u / freq : 16u;
    cntkctl_write(0);      /* no direct counter/timer access from PL0: time is a hypercall */
    cntp_ctl_write(0);     /* disabled until the scheduler arms it */
}

uint64_t arch_time_now(void) { return cntpct_read() * ns_per_tick; }

void arch_timer_set(uint64_t ns) {
    if (ns == UINT64_MAX) {
        cntp_ctl_write(0);
        return;
    }
    /* round up so the timer never fires before the deadline */
    cntp_cval_write((ns + ns_per_tick - 1) / ns_per_tick);
    cntp_ctl_write(1);     /* enable, unmasked */
    isb();
}

void timer_ack(void) { cntp_ctl_write(0); }
