/* vtimer.c - per-vCPU virtual timers on the one hardware timer (see vtimer.h). */
#include "core/vtimer.h"
#include "core/lab.h"
#include "core/virq.h"

uint64_t vtimer_next_at = UINT64_MAX;

LAB_HELPER static void fire(struct vcpu *v) {
    v->vtimer_at = UINT64_MAX;
    virq_raise(v, v->vtimer_line, 0);
}

void vtimer_set(struct vcpu *v, uint64_t deadline, uint32_t line, uint64_t now) {
    /* LAB 3 BEGIN: 0 disarms; a deadline already come fires at once; else arm, and keep vtimer_next_at no later than it */
    v->vtimer_line = line;
    if (!deadline) {
        v->vtimer_at = UINT64_MAX;   /* vtimer_next_at may stay early: expiry corrects it */
    } else if (deadline <= now) {
        fire(v);
    } else {
        v->vtimer_at = deadline;
        if (deadline < vtimer_next_at)
            vtimer_next_at = deadline;
    }
    /* LAB 3 STUB
    (void)v, (void)deadline, (void)line, (void)now;
    LAB_NOT_IMPLEMENTED(3, "vtimer_set");
    LAB 3 END */
}

void vtimer_expire(uint64_t now) {
    /* LAB 3 BEGIN: one scan of every vCPU: fire the timers whose deadline has come (disarm those of stopped VMs), and find the earliest left */
    uint64_t next = UINT64_MAX;
    for (struct vm *vm = vm_table; vm < vm_table + vm_count; vm++)
        for (struct vcpu *v = vm->vcpus; v < vm->vcpus + vm->nvcpus; v++) {
            if (v->vtimer_at == UINT64_MAX)
                continue;
            if (vm->state == VM_STOPPED)
                v->vtimer_at = UINT64_MAX;
            else if (v->vtimer_at <= now)
                fire(v);
            else if (v->vtimer_at < next)
                next = v->vtimer_at;
        }
    vtimer_next_at = next;
    /* LAB 3 STUB
    (void)now;
    LAB_NOT_IMPLEMENTED(3, "vtimer_expire");
    LAB 3 END */
}
