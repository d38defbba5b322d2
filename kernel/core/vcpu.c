/*
 * vcpu.c - starting vCPUs and entering the guest kernel.
 *
 * Both guest-kernel and guest-user code run in ARM user mode. The microvisor keeps
 * the *virtual* mode of each vCPU: an exception in guest-user mode is turned into an
 * upcall to the guest kernel, exactly like a real CPU would enter the kernel's
 * vector, except that the "vector" is a plain function the guest registered.
 */
#include "core/vcpu.h"
#include "core/kprintf.h"
#include "core/sched.h"
#include "core/vmmu.h"

void vcpu_start(struct vcpu *v, uint32_t pc, uint32_t sp, uint32_t arg) {
    arch_regs_init(&v->regs, pc, sp, arg, MV_STATE_VA(v->index));
    v->mode = VMODE_KERNEL;
    v->ctx = MV_CTX_KERNEL;   /* no process context until the guest switches to one */
    sched_wake(v);
}

const char *vcpu_cause_name(enum mv_cause cause) {
    switch (cause) {
    case MV_CAUSE_SYSCALL: return "svc";
    case MV_CAUSE_UNDEF: return "undefined instruction";
    case MV_CAUSE_PABT: return "prefetch abort";
    case MV_CAUSE_DABT: return "data abort";
    case MV_CAUSE_VIRQ: return "virtual interrupt";
    default: return "unknown exception";
    }
}

void vcpu_upcall(struct vcpu *v, enum mv_cause cause, uint32_t addr, uint32_t status,
                 uint32_t access) {
    if (!v->upcall_pc) {
        char why[96];
        ksnprintf(why, sizeof why, "%s in guest-user mode at pc 0x%08x, and no upcall entry "
                  "is registered", vcpu_cause_name(cause), v->regs.pc);
        vm_stop(v->vm, -1, why);
        return;
    }
    struct mv_state *s = v->shared;
    arch_copy_regs(&s->user, &v->regs);
    s->cause = cause;
    s->fault_addr = addr;
    s->fault_status = status;
    s->fault_access = access;
    arch_regs_init(&v->regs, v->upcall_pc, v->upcall_sp, cause, MV_STATE_VA(v->index));
    v->mode = VMODE_KERNEL;
    vmmu_activate(v);   /* v is the running vCPU: its guest kernel's space from now on */
}

void vcpu_kernel_fault(struct vcpu *v, enum mv_cause cause, uint32_t addr, uint32_t status) {
    char why[128];
    ksnprintf(why, sizeof why, "vcpu %u: %s at pc 0x%08x (addr 0x%08x, status 0x%x) in "
              "guest-kernel mode", v->index, vcpu_cause_name(cause), v->regs.pc, addr, status);
    vm_stop(v->vm, -1, why);
}
