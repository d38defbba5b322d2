/* vtimer.c - per-vCPU virtual timers on the one hardware timer (see vtimer.h). */
#include "core/vtimer.h"
#include "core/lab.h"
#include "core/virq.h"

uint64_t vtimer_next_at = UINT64_MAX;

LAB_HELPER static void fire(struct vcpu *v) {
    v->vtimer_at = UINT64_MAX;
    virq_raise(v, v->vtimer_line, 0);
}

/* The earliest deadline armed on any vCPU (UINT64_MAX: none). A scan: a system has a
 * few dozen vCPUs, and it runs only when a timer fires or the earliest one changes. */
LAB_HELPER static uint64_t earliest_deadline(void) {
    /* LAB 3 BEGIN: the smallest vtimer_at of all vCPUs of all VMs */
    uint64_t next = UINT64_MAX;
    for (struct vm *vm = vm_table; vm < vm_table + vm_count; vm++)
        for (struct vcpu *v = vm->vcpus; v < vm->vcpus + vm->nvcpus; v++)
            if (v->vtimer_at < next)
                next = v->vtimer_at;
    return next;
    /* LAB 3 STUB
    LAB_NOT_IMPLEMENTED(3, "earliest_deadline");
    return UINT64_MAX;
    LAB 3 END */
}

void vtimer_set(struct vcpu *v, uint64_t deadline, uint32_t line, uint64_t now) {
    /* LAB 3 BEGIN: 0 disarms, a deadline already come fires at once, else arm; then keep vtimer_next_at exactly the earliest deadline */
    uint64_t old = v->vtimer_at;
    v->vtimer_line = line;
    v->vtimer_at = UINT64_MAX;
    if (deadline && deadline <= now)
        fire(v);
    else if (deadline)
        v->vtimer_at = deadline;
    if (v->vtimer_at < vtimer_next_at)
        vtimer_next_at = v->vtimer_at;
    else if (old == vtimer_next_at)   /* it was the earliest: which one is now? */
        vtimer_next_at = earliest_deadline();
    /* LAB 3 STUB
    (void)v, (void)deadline, (void)line, (void)now;
    LAB_NOT_IMPLEMENTED(3, "vtimer_set");
    LAB 3 END */
}

void vtimer_expire(uint64_t now) {
    /* LAB 3 BEGIN: fire every timer whose deadline has come (disarm those of stopped VMs without a raise), then find the earliest left */
    for (struct vm *vm = vm_table; vm < vm_table + vm_count; vm++)
        for (struct vcpu *v = vm->vcpus; v < vm->vcpus + vm->nvcpus; v++) {
            if (v->vtimer_at > now)
                continue;
            if (vm->state == VM_STOPPED)
                v->vtimer_at = UINT64_MAX;
            else
                fire(v);
        }
    vtimer_next_at = earliest_deadline();
    /* LAB 3 STUB
    (void)now;
    LAB_NOT_IMPLEMENTED(3, "vtimer_expire");
    LAB 3 END */
}
