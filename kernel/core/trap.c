/* trap.c - what the microvisor does with an exception from a guest. */
#include "core/trap.h"
#include "core/fpu.h"
#include "core/hypercall.h"
#include "core/sched.h"
#include "core/vcpu.h"
#include "core/virq.h"
#include "core/lib.h"

DEBUG_VISIBLE struct mv_regs *trap_from_guest(enum mv_cause cause, uint32_t addr, uint32_t status,
                                              uint32_t access) {
    struct vcpu *v = sched_current();
    if (cause == MV_CAUSE_UNDEF && fpu_claim(v))
        return &v->regs;   /* the lazy floating-point switch: retry with v's registers */
    if (v->mode == VMODE_USER) {
        vcpu_upcall(v, cause, addr, status, access);
    } else if (cause == MV_CAUSE_SYSCALL) {
        hypercall_dispatch(v, &v->regs);
    } else {
        vcpu_kernel_fault(v, cause, addr, status);
        return trap_resume();
    }
    /* The fast path after a hypercall or an upcall: if v is still the one to run, no
     * scheduling decision is needed (see sched_continue()). */
    if (sched_continue() == v) {
        virq_deliver(v);
        if (v->state == VCPU_RUNNABLE)
            return &v->regs;
    }
    return trap_resume();
}

struct mv_regs *trap_resume(void) {
    for (;;) {
        struct vcpu *v = sched_schedule();
        virq_deliver(v);   /* may stop the VM if it has no upcall entry */
        if (v->state == VCPU_RUNNABLE)
            return &v->regs;
    }
}
