/*
 * sigframe.c - running a signal handler and returning from it. The handler is an
 * ordinary function of the process: the kernel makes the process "call" it by saving
 * every register in a frame on the user stack and setting pc, sp, lr and r0..r2 as a
 * call would. The handler returns to lr = sa_restorer, which makes the rt_sigreturn
 * system call; that reads the frame back, and the process goes on where it was
 * interrupted, none the wiser (unless the handler changed the saved registers).
 *
 *   user stack, after the setup:          registers:
 *     old sp ->  ...                        r0 = sig
 *                (padding to 8 bytes)       r1 = &frame->info
 *                retcode[4]   (unused)      r2 = &frame->uc
 *                uc: saved registers, mask  sp = frame
 *     sp ---->   info: signo, code, addr    lr = sa_restorer, pc = handler
 *
 * That is Linux's rt_sigframe, for a handler with SA_SIGINFO. A handler without it gets
 * Linux's older sigframe: the same without the info (sp points at uc), and its restorer
 * (glibc's) makes the sigreturn call instead, which finds uc at sp.
 */
#include "kernel/proc.h"
#include "kernel/sigframe.h"

/* The cpsr bits a process may set: the flags (NZCVQ), GE, the If-Then state and Thumb.
 * The mode, the interrupt masks and the endianness are not its business. */
#define CPSR_USER_BITS (0xf8000000u | 0x000f0000u | 0x0600fc00u | PORT_CPSR_THUMB)
#define CPSR_IT_BITS (0x06000000u | 0x0000fc00u)

static struct lx_rt_sigframe frame;   /* one at a time: the kernel never runs two */

/* Kill @p p with SIGSEGV because its frame at @p sp cannot be used; say why. */
static int sig_frame_kill(struct proc *p, const char *what, uint32_t sp) {
    kprintf("pid %d (%s): %s at 0x%08x: %s\n", p->pid, p->name, what, sp,
            proc_signame(LX_SIGSEGV));
    proc_exit(p, LX_W_SIGNALED(LX_SIGSEGV));
    return -1;
}

/* @p p was asleep in a system call (its pc is on the svc): the handler interrupts it.
 * With SA_RESTART the pc stays, so the call runs again once the handler returns;
 * otherwise the call returns -EINTR, as if it had just failed. */
static void sig_settle_call(struct proc *p, const struct lx_sigaction *a) {
    struct uregs *r = &p->th.regs;
    int restart = (a->sa_flags & LX_SA_RESTART) && !p->sig.norestart;
    if (!p->in_restart)
        return;
    p->in_restart = 0;
    p->sig.norestart = 0;
    if (restart)
        return;
    r->r[0] = (uint32_t)-LX_EINTR;
    r->pc += (r->cpsr & PORT_CPSR_THUMB) ? 2u : 4u;   /* past the svc */
}

#define FPEXC_EN 0x40000000u

/* The interrupted floating-point registers go into uc_regspace, as Linux's vfp_sigframe
 * (and a 0 after it): a handler may use them freely, sigreturn puts them back. */
static void sig_frame_fill_fpu(struct proc *p) {
    struct lx_vfp_sigframe *v = (struct lx_vfp_sigframe *)(void *)frame.uc.uc_regspace;
    port_fpu_sync(&p->th);
    v->magic = LX_VFP_MAGIC;
    v->size = sizeof *v;
    memcpy(v->fpregs, p->th.fpu.d, sizeof v->fpregs);
    v->fpscr = p->th.fpu.fpscr;
    v->fpexc = FPEXC_EN;
}

/* Back from the handler: the saved registers, if the frame has them (a frame without the
 * magic leaves the registers as the handler left them). */
static void sig_frame_restore_fpu(struct proc *p, const struct lx_ucontext *uc) {
    const struct lx_vfp_sigframe *v = (const void *)uc->uc_regspace;
    if (v->magic != LX_VFP_MAGIC || v->size != sizeof *v)
        return;
    memcpy(p->th.fpu.d, v->fpregs, sizeof p->th.fpu.d);
    p->th.fpu.fpscr = v->fpscr;
    port_fpu_changed(&p->th);
}

/* Fill the frame: what the handler learns, and everything rt_sigreturn puts back. */
static void sig_frame_fill(struct proc *p, int sig, int is_fault, uint32_t addr) {
    const struct uregs *r = &p->th.regs;
    struct lx_sigcontext *mc = &frame.uc.uc_mcontext;
    memset(&frame, 0, sizeof frame);
    frame.info.si_signo = sig;
    /* (a fault is SIGSEGV or SIGILL: LX_SEGV_MAPERR and LX_ILL_ILLOPC are both 1) */
    frame.info.si_code = is_fault ? LX_SEGV_MAPERR : LX_SI_USER;
    frame.info.si_addr = addr;
    frame.uc.ss_flags = LX_SS_DISABLE;
    memcpy(mc->arm_r, r->r, sizeof mc->arm_r);
    mc->arm_fp = r->r[11];
    mc->arm_ip = r->r[12];
    mc->arm_sp = r->sp;
    mc->arm_lr = r->lr;
    mc->arm_pc = r->pc;
    mc->arm_cpsr = r->cpsr;
    mc->fault_address = addr;
    frame.uc.uc_sigmask = sig_take_saved_mask(&p->sig);
    mc->oldmask = (uint32_t)frame.uc.uc_sigmask;
    sig_frame_fill_fpu(p);
}

int sig_frame_setup(struct proc *p, int sig, int is_fault, uint32_t addr) {
    struct lx_sigaction *a = &p->sig.act[sig - 1];
    struct uregs *r = &p->th.regs;
    if (!(a->sa_flags & LX_SA_RESTORER))
        return sig_frame_kill(p, "signal handler without SA_RESTORER, stack", r->sp);
    sig_settle_call(p, a);
    sig_frame_fill(p, sig, is_fault, addr);
    uint32_t skip = (a->sa_flags & LX_SA_SIGINFO) ? 0u : (uint32_t)offsetof(struct lx_rt_sigframe, uc);
    uint32_t size = (uint32_t)sizeof frame - skip;
    uint32_t sp = (r->sp - size) & ~7u;
    if (r->sp < size || port_copy_to_user(&p->th, sp, (const uint8_t *)&frame + skip, size))
        return sig_frame_kill(p, "no room for a signal frame, stack", r->sp);

    r->r[0] = (uint32_t)sig;
    r->r[1] = skip ? 0u : sp + (uint32_t)offsetof(struct lx_rt_sigframe, info);
    r->r[2] = skip ? 0u : sp + (uint32_t)offsetof(struct lx_rt_sigframe, uc);
    r->sp = sp;
    r->lr = a->sa_restorer;
    r->pc = a->sa_handler & ~1u;
    r->cpsr &= ~(CPSR_IT_BITS | PORT_CPSR_THUMB);   /* the handler starts afresh */
    if (a->sa_handler & 1u)
        r->cpsr |= PORT_CPSR_THUMB;

    uint64_t mask = p->sig.blocked | a->sa_mask;   /* (rt_sigsuspend's mask, if it runs) */
    if (!(a->sa_flags & LX_SA_NODEFER))
        mask |= SIG_BIT(sig);   /* no second one while the first is handled */
    p->sig.blocked = mask & ~SIG_UNCATCHABLE;
    if (a->sa_flags & LX_SA_RESETHAND)
        memset(a, 0, sizeof *a);   /* back to SIG_DFL */
    return 0;
}

int sig_frame_restore(struct proc *p, int rt) {
    struct uregs *r = &p->th.regs;
    struct lx_ucontext *uc = &frame.uc;
    uint32_t sp = r->sp, at = sp + (rt ? (uint32_t)offsetof(struct lx_rt_sigframe, uc) : 0u);
    /* What sigreturn needs: the registers, the mask, the floating-point registers. */
    uint32_t len = (uint32_t)offsetof(struct lx_ucontext, uc_regspace) + sizeof(struct lx_vfp_sigframe);
    if ((sp & 7u) || port_copy_from_user(&p->th, uc, at, len))
        return sig_frame_kill(p, "bad signal frame", sp);

    const struct lx_sigcontext *mc = &uc->uc_mcontext;
    memcpy(r->r, mc->arm_r, sizeof mc->arm_r);
    r->r[11] = mc->arm_fp;
    r->r[12] = mc->arm_ip;
    r->sp = mc->arm_sp;
    r->lr = mc->arm_lr;
    r->cpsr = (mc->arm_cpsr & CPSR_USER_BITS) | PORT_CPSR_USER;
    r->pc = mc->arm_pc & ((r->cpsr & PORT_CPSR_THUMB) ? ~1u : ~3u);   /* aligned for its state */
    p->sig.blocked = uc->uc_sigmask & ~SIG_UNCATCHABLE;
    sig_frame_restore_fpu(p, uc);
    return 0;
}
