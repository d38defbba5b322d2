/*
 * timer.c - the ARM generic timer (non-secure physical timer, PPI 30).
 *
 * Time is kept in nanoseconds. QEMU's virt counter runs at CNTFRQ = 62.5 MHz, so one
 * tick is 16 ns; under `-icount shift=0` one instruction is one virtual nanosecond.
 */
#include "arch.h"
#include "cp15.h"
#include "timer.h"

static uint32_t ns_per_tick, tick_shift;   /* ns = ticks << tick_shift if a power of 2 */
static uint64_t armed = UINT64_MAX;          /* the deadline the timer holds now */

void timer_init(void) {
    uint32_t freq = cntfrq_read();
    ns_per_tick = freq ? 1000000000u / freq : 16u;
    if ((ns_per_tick & (ns_per_tick - 1u)) == 0)
        tick_shift = (uint32_t)__builtin_ctz(ns_per_tick);
    cntkctl_write(0);      /* no direct counter/timer access from PL0: time is a hypercall */
    cntp_ctl_write(0);     /* disabled until the scheduler arms it */
}

uint64_t arch_time_now(void) { return cntpct_read() * ns_per_tick; }

/* ns -> ticks, rounded up so the timer never fires before the deadline. A 64-bit
 * division costs ~200 instructions on ARMv7: QEMU's 62.5 MHz counter (16 ns) avoids it. */
static uint64_t ns_to_ticks(uint64_t ns) {
    if (tick_shift)
        return (ns + ns_per_tick - 1) >> tick_shift;
    return (ns + ns_per_tick - 1) / ns_per_tick;
}

void arch_timer_set(uint64_t ns) {
    if (ns == armed)
        return;   /* most kernel exits keep the same deadline: skip the device access */
    armed = ns;
    if (ns == UINT64_MAX) {
        cntp_ctl_write(0);
        return;
    }
    cntp_cval_write(ns_to_ticks(ns));
    cntp_ctl_write(1);     /* enable, unmasked */
    isb();
}

void timer_ack(void) {
    cntp_ctl_write(0);
    armed = UINT64_MAX;
}
