/*
 * trap.c - the C side of exception entry. vectors.S saved the user registers in
 * the current vCPU and calls one of these; each returns the register frame of the
 * vCPU to resume. Only exceptions from user mode (the guests) are expected: one
 * taken in the kernel itself is a kernel bug and stops the machine with a report.
 */
#include "arch.h"
#include "armv7.h"
#include "cp15.h"
#include "platform.h"
#include "core/kprintf.h"
#include "core/trap.h"

#define DFSR_WNR (1u << 11)   /* the aborted access was a write */

static void __attribute__((noinline, cold, noreturn))
kernel_exception(const struct mv_regs *r, const char *what) {
    struct mv_regs saved = *r;   /* the frame lives on the stack we are about to reuse */
    kpanic("%s in the microvisor itself: pc=0x%08x cpsr=0x%08x dfar=0x%08x dfsr=0x%08x",
           what, saved.pc, saved.cpsr, dfar_read(), dfsr_read());
}

static inline void check_from_user(const struct mv_regs *r, const char *what) {
    if (__builtin_expect((r->cpsr & MODE_MASK) != MODE_USR, 0))
        kernel_exception(r, what);
}

struct mv_regs *trap_svc(struct mv_regs *r) {
    check_from_user(r, "svc");
    return trap_from_guest(MV_CAUSE_SYSCALL, 0, 0, 0);
}

struct mv_regs *trap_undef(struct mv_regs *r) {
    check_from_user(r, "undefined instruction");
    r->pc -= (r->cpsr & PSR_T) ? 2u : 4u;   /* LR pointed past the instruction */
    return trap_from_guest(MV_CAUSE_UNDEF, r->pc, 0, 0);
}

struct mv_regs *trap_pabt(struct mv_regs *r) {
    check_from_user(r, "prefetch abort");
    return trap_from_guest(MV_CAUSE_PABT, ifar_read(), ifsr_read(), MV_MAP_EXEC);
}

struct mv_regs *trap_dabt(struct mv_regs *r) {
    check_from_user(r, "data abort");
    uint32_t status = dfsr_read();
    return trap_from_guest(MV_CAUSE_DABT, dfar_read(), status,
                           (status & DFSR_WNR) ? MV_MAP_WRITE : MV_MAP_READ);
}

struct mv_regs *trap_irq(struct mv_regs *r) {
    check_from_user(r, "interrupt");
    arch_handle_irqs();
    return trap_resume();
}

struct mv_regs *trap_unexpected(struct mv_regs *r) {
    kpanic("unexpected exception (FIQ or reset vector): pc=0x%08x cpsr=0x%08x", r->pc, r->cpsr);
}
