/*
 * vectors.S - exception entry and exit: the only place where register state is
 * switched. Read this with struct mv_regs (kernel/include/mv/abi.h) beside it.
 *
 * The trick (from L4 and OKL4): while a vCPU runs in user mode, the SVC-mode stack
 * pointer points just past that vCPU's saved-register area (struct vcpu::regs).
 * So on any exception the entry code pushes the user registers straight into the
 * vCPU, then switches to the real kernel stack and calls C. The C handler returns
 * the register area of the vCPU to run next (maybe another one), and the exit code
 * pops user state from there. There is one kernel stack per CPU and no kernel
 * threads: the kernel is event-driven and never blocks.
 *
 * Frame layout, 17 words: r0..r12, sp_usr, lr_usr, pc, cpsr.
 */
#include "platform.h"

    .arch armv7-a
    .arm
    .text

/* TRAP_ENTRY adjust, handler: save the interrupted context, call handler(regs). */
.macro TRAP_ENTRY adjust, handler
    .if \adjust
    sub     lr, lr, #\adjust            /* lr = the address to resume at */
    .endif
    srsdb   sp!, #MODE_SVC              /* push lr and spsr (pc, cpsr) onto the SVC stack */
    cps     #MODE_SVC
    sub     sp, sp, #(15 * 4)
    stmia   sp, {r0-r14}^               /* user r0..r12, sp, lr */
    clrex                               /* an interrupted ldrex must not pair with another vCPU's strex */
    mov     r0, sp                      /* struct mv_regs * */
    ldr     sp, =kstack_top
    bl      \handler
    b       trap_return
.endm

    .balign 32
    .global vectors
vectors:
    b       vec_reset
    b       vec_undef
    b       vec_svc
    b       vec_pabt
    b       vec_dabt
    b       vec_reset                   /* unused (hyp trap) */
    b       vec_irq
    b       vec_fiq

vec_undef:  TRAP_ENTRY 0, trap_undef    /* pc fixed up in C: depends on ARM/Thumb */
vec_svc:    TRAP_ENTRY 0, trap_svc      /* lr = instruction after the svc */
vec_pabt:   TRAP_ENTRY 4, trap_pabt
vec_dabt:   TRAP_ENTRY 8, trap_dabt
vec_irq:    TRAP_ENTRY 4, trap_irq
vec_fiq:    TRAP_ENTRY 4, trap_unexpected
vec_reset:  TRAP_ENTRY 0, trap_unexpected

/* trap_return / arch_enter_user(struct mv_regs *r): resume user mode from r. */
    .global arch_enter_user
arch_enter_user:
trap_return:
    mov     sp, r0
    ldmia   sp, {r0-r14}^               /* user r0..r12, sp, lr */
    add     sp, sp, #(15 * 4)
    rfeia   sp!                         /* pc, cpsr; sp now = end of this vCPU's frame */
