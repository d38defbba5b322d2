/*
 * tick.c - minilinux's port: the timer tick, on the vCPU's virtual timer.
 *
 * The microvisor gives each vCPU one virtual timer: arm it for a deadline (in virtual
 * nanoseconds of mv_time()) and a vIRQ line rises when the deadline comes. minilinux wants
 * a periodic tick every PORT_TICK_NS (its scheduler's time slice, sleeps, timeouts), so
 * each tick arms the next one: port_tick_start() arms the first and lets vIRQs interrupt
 * the vCPU, port_tick_rearm() runs when the tick's line rose (upcall.c's vIRQ path, before
 * the generic kernel hears of it through kern_tick()).
 */
#include "port/port_internal.h"

static uint64_t next_tick;   /* the deadline the virtual timer is armed for */

/* LAB 5 BEGIN: arm the virtual timer for next_tick on the tick's line */
static void arm_tick(void) {
    int32_t rc = mv_vtimer_set(next_tick, PORT_TICK_LINE);
    if (rc)
        port_panic("mv_vtimer_set", rc);
}

void port_tick_start(void) {
    next_tick = mv_time() + PORT_TICK_NS;
    arm_tick();
    port_state()->virq_enabled = 1;
}

void port_tick_rearm(void) {
    uint32_t payload;
    mv_virq_take(PORT_TICK_LINE, &payload);
    next_tick += PORT_TICK_NS;   /* periodic without drift... */
    uint64_t now = mv_time();
    if (next_tick <= now)        /* ...but a tick missed is not made up in a burst */
        next_tick = now + PORT_TICK_NS;
    arm_tick();
}
/* LAB 5 STUB
void port_tick_start(void) {
    (void)next_tick;
    port_puts("minilinux: lab 5: no timer tick yet (port_tick_start): nothing preempts a "
              "process, no sleep ends\n");
}

void port_tick_rearm(void) { PORT_NOT_IMPLEMENTED("port_tick_rearm"); }
LAB 5 END */
