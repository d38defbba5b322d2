/*
 * syssignal.c - the signal system calls: kill, rt_sigaction, rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend and rt_sigreturn. Signal sets are 64-bit (bit sig - 1) and
 * every call that takes one checks that the caller means the same size (sigsetsize 8).
 *
 * ## rt_sigsuspend with restartable calls
 * rt_sigsuspend(mask) swaps the mask and sleeps until a handler runs, then puts the old
 * mask back and returns -EINTR. Here a call that sleeps runs again from the start when it
 * wakes (proc.h), so the old mask cannot live in the call: it goes into the sigstate
 * (saved_mask, once: a rerun must not save the temporary mask). The handler's frame then
 * records the saved mask, not the temporary one, so rt_sigreturn puts the old mask back;
 * and sigstate::norestart makes the call return -EINTR even for an SA_RESTART handler.
 */
#include "kernel/syscall.h"
#include "kernel/sigframe.h"

#define SIGSET_SIZE 8u   /* the kernel's sigset_t: 64 signals */

/* ---- kill ---------------------------------------------------------------------------- */

/* Does kill(@p pid) from @p self reach @p q? (pid <= 0: a process group or everyone) */
static int kill_reaches(const struct proc *self, const struct proc *q, int pid) {
    if (q->state == PROC_UNUSED || q->state == PROC_EMBRYO)
        return 0;
    if (pid > 0)
        return q->pid == pid;
    if (pid == 0)
        return q->pgid == self->pgid;
    if (pid == -1)
        return q->pid != 1 && q != self;   /* everyone it may signal, but init and itself */
    return q->pgid == -pid;
}

int32_t sys_kill(struct proc *p, const uint32_t a[6]) {
    int pid = (int)a[0], sig = (int)a[1], found = 0;
    if (sig < 0 || sig > LX_NSIG || pid == -0x7fffffff - 1)
        return -LX_EINVAL;
    for (int i = 0; i < NPROC; i++) {
        struct proc *q = &proc_table[i];
        if (!kill_reaches(p, q, pid))
            continue;
        found++;
        if (sig)   /* signal 0 only asks whether the process exists */
            sig_send(q, sig);
    }
    return found ? 0 : -LX_ESRCH;
}

/* ---- rt_sigaction -------------------------------------------------------------------- */

int32_t sys_rt_sigaction(struct proc *p, const uint32_t a[6]) {
    int sig = (int)a[0];
    uint32_t uact = a[1], uold = a[2];
    struct lx_sigaction act;
    if (a[3] != SIGSET_SIZE || sig < 1 || sig > LX_NSIG)
        return -LX_EINVAL;
    if (uact && (SIG_UNCATCHABLE & SIG_BIT(sig)))
        return -LX_EINVAL;
    if (uact && port_copy_from_user(&p->th, &act, uact, sizeof act))
        return -LX_EFAULT;
    struct lx_sigaction *cur = &p->sig.act[sig - 1];
    if (uold && port_copy_to_user(&p->th, uold, cur, sizeof *cur))
        return -LX_EFAULT;
    if (!uact)
        return 0;
    act.sa_mask &= ~SIG_UNCATCHABLE;
    *cur = act;
    /* Ignoring a signal drops it if it is pending (POSIX), blocked or not. */
    if (act.sa_handler == LX_SIG_IGN)
        p->sig.pending &= ~SIG_BIT(sig);
    return 0;
}

/* ---- the mask ------------------------------------------------------------------------ */

/* Copy a user sigset_t at @p uset into @p set. */
static int32_t sigset_get(struct proc *p, uint32_t uset, uint64_t *set) {
    return port_copy_from_user(&p->th, set, uset, sizeof *set) ? -LX_EFAULT : 0;
}

/* Copy @p set to the user's sigset_t at @p uset (0: nowhere). */
static int32_t sigset_put(struct proc *p, uint32_t uset, uint64_t set) {
    if (uset && port_copy_to_user(&p->th, uset, &set, sizeof set))
        return -LX_EFAULT;
    return 0;
}

int32_t sys_rt_sigprocmask(struct proc *p, const uint32_t a[6]) {
    uint32_t how = a[0], uset = a[1], uold = a[2];
    uint64_t set = 0, *blocked = &p->sig.blocked, old = *blocked;
    if (a[3] != SIGSET_SIZE)
        return -LX_EINVAL;
    if (uset) {
        if (sigset_get(p, uset, &set))
            return -LX_EFAULT;
        if (how == LX_SIG_BLOCK)
            set = old | set;
        else if (how == LX_SIG_UNBLOCK)
            set = old & ~set;
        else if (how != LX_SIG_SETMASK)
            return -LX_EINVAL;
    }
    if (sigset_put(p, uold, old))
        return -LX_EFAULT;
    if (uset)   /* newly unblocked pending signals arrive on the way out (sig_deliver) */
        *blocked = set & ~SIG_UNCATCHABLE;
    return 0;
}

int32_t sys_rt_sigpending(struct proc *p, const uint32_t a[6]) {
    if (a[1] != SIGSET_SIZE)
        return -LX_EINVAL;
    if (!a[0])
        return -LX_EFAULT;
    return sigset_put(p, a[0], p->sig.pending & p->sig.blocked);   /* Linux's answer */
}

/* ---- waiting for a signal, returning from a handler ---------------------------------- */

int32_t sys_rt_sigsuspend(struct proc *p, const uint32_t a[6]) {
    struct sigstate *s = &p->sig;
    uint64_t mask;
    if (a[1] != SIGSET_SIZE)
        return -LX_EINVAL;
    if (sigset_get(p, a[0], &mask))
        return -LX_EFAULT;
    if (!s->mask_saved) {   /* the first run, not a rerun after a wakeup */
        s->saved_mask = s->blocked;
        s->mask_saved = 1;
    }
    s->blocked = mask & ~SIG_UNCATCHABLE;
    s->norestart = 0;
    if (sig_pending_unblocked(s))
        return -LX_EINTR;   /* its handler runs on the way out, then the old mask returns */
    s->norestart = 1;
    return proc_block(p, s);   /* only a signal wakes it (sig_send: proc_interrupt) */
}

/* Back from a handler: the frame's registers and mask (the dispatcher writes r0, so the
 * restored r0 is the result). rt_sigreturn's frame has the info first; sigreturn's not. */
static int32_t sigreturn(struct proc *p, int rt) {
    if (sig_frame_restore(p, rt))
        return 0;   /* killed: its r0 no longer matters */
    return (int32_t)p->th.regs.r[0];
}

int32_t sys_rt_sigreturn(struct proc *p, const uint32_t a[6]) {
    (void)a;
    return sigreturn(p, 1);
}

int32_t sys_sigreturn(struct proc *p, const uint32_t a[6]) {
    (void)a;
    return sigreturn(p, 0);
}
