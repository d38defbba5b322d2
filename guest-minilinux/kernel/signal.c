/*
 * signal.c - a process's signals: sending them (mark pending, wake the process), and
 * delivering them when it is about to return to user mode (sig_deliver(), from
 * kern_resume()). A signal's fate is decided at delivery, not when it is sent: the
 * receiver may block it for a while, or change its action meanwhile.
 *
 * Default actions: a few signals are ignored (SIGCHLD, SIGCONT, SIGWINCH, SIGURG, and,
 * since minilinux has no job control, the stop signals SIGSTOP, SIGTSTP, SIGTTIN,
 * SIGTTOU); every other one ends the process, with no core dump.
 *
 * The handler's frame on the user stack and rt_sigreturn are in sigframe.c.
 */
#include "kernel/proc.h"
#include "kernel/sigframe.h"

#define LX_SIGURG 23   /* not in abi.h: only its default action matters here */

/* The signals whose default action is to do nothing. */
#define SIG_DEFAULT_IGNORED                                                           \
    (SIG_BIT(LX_SIGCHLD) | SIG_BIT(LX_SIGCONT) | SIG_BIT(LX_SIGWINCH) |                \
     SIG_BIT(LX_SIGURG) | SIG_BIT(LX_SIGSTOP) | SIG_BIT(LX_SIGTSTP) |                  \
     SIG_BIT(LX_SIGTTIN) | SIG_BIT(LX_SIGTTOU))

void sig_init(struct sigstate *s) { memset(s, 0, sizeof *s); }

void sig_fork(struct sigstate *child, const struct sigstate *parent) {
    sig_init(child);
    memcpy(child->act, parent->act, sizeof child->act);
    child->blocked = parent->blocked;
}

void sig_exec(struct sigstate *s) {
    for (int i = 0; i < LX_NSIG; i++) {
        struct lx_sigaction *a = &s->act[i];
        uint32_t handler = a->sa_handler;
        memset(a, 0, sizeof *a);
        if (handler == LX_SIG_IGN)   /* ignoring needs no code of the old program */
            a->sa_handler = LX_SIG_IGN;
    }
}

/* Would @p sig be thrown away if it were delivered now? */
static int sig_ignored(const struct sigstate *s, int sig) {
    uint32_t h = s->act[sig - 1].sa_handler;
    return h == LX_SIG_IGN || (h == LX_SIG_DFL && (SIG_DEFAULT_IGNORED & SIG_BIT(sig)));
}

int sig_send(struct proc *p, int sig) {
    if (sig < 1 || sig > LX_NSIG)
        return -LX_EINVAL;
    struct sigstate *s = &p->sig;
    if (p->state != PROC_RUNNABLE && p->state != PROC_SLEEPING)
        return 0;   /* not born yet, or too late: nothing to signal */
    int blocked = (s->blocked & SIG_BIT(sig)) != 0;
    if (!blocked && sig_ignored(s, sig))
        return 0;   /* a blocked one waits: its action may change before it is unblocked */
    s->pending |= SIG_BIT(sig);
    if (!blocked && p->state == PROC_SLEEPING)
        proc_interrupt(p);
    return 0;
}

void sig_force(struct proc *p, int sig, uint32_t addr) {
    struct sigstate *s = &p->sig;
    /* The faulting instruction would only fault again: a fault that cannot reach a
     * handler must kill, so undo whatever keeps it from its default action. */
    if ((s->blocked & SIG_BIT(sig)) || s->act[sig - 1].sa_handler == LX_SIG_IGN) {
        memset(&s->act[sig - 1], 0, sizeof s->act[sig - 1]);
        s->blocked &= ~SIG_BIT(sig);
    }
    s->pending |= SIG_BIT(sig);
    s->fault_sig = sig;
    s->fault_addr = addr;
}

int sig_fault_caught(const struct proc *p, int sig) {
    const struct sigstate *s = &p->sig;
    return !(s->blocked & SIG_BIT(sig)) && s->act[sig - 1].sa_handler > LX_SIG_IGN;
}

int sig_pending_unblocked(struct sigstate *s) {
    for (int sig = 1; sig <= LX_NSIG; sig++)
        if ((s->pending & ~s->blocked & SIG_BIT(sig)) && sig_ignored(s, sig))
            s->pending &= ~SIG_BIT(sig);
    return (s->pending & ~s->blocked) != 0;
}

uint64_t sig_take_saved_mask(struct sigstate *s) {
    uint64_t mask = s->mask_saved ? s->saved_mask : s->blocked;
    s->mask_saved = 0;
    return mask;
}

/* The next signal to deliver (a fault first: it is about the current instruction), or 0. */
static int sig_next(const struct sigstate *s) {
    uint64_t ready = s->pending & ~s->blocked;
    if (s->fault_sig && (ready & SIG_BIT(s->fault_sig)))
        return s->fault_sig;
    /* every return to user mode asks: the common answer (none) must be quick */
    return ready ? __builtin_ctzll(ready) + 1 : 0;
}

/* Take @p sig off the pending set; its fault address if it is the fault's. */
static uint32_t sig_dequeue(struct sigstate *s, int sig, int *is_fault) {
    s->pending &= ~SIG_BIT(sig);
    *is_fault = s->fault_sig == sig;
    if (*is_fault)
        s->fault_sig = 0;
    return *is_fault ? s->fault_addr : 0;
}

int sig_deliver(struct proc *p) {
    struct sigstate *s = &p->sig;
    int sig;
    while ((sig = sig_next(s)) != 0) {
        int is_fault;
        uint32_t addr = sig_dequeue(s, sig, &is_fault);
        if (sig_ignored(s, sig))
            continue;
        if (s->act[sig - 1].sa_handler == LX_SIG_DFL) {
            proc_exit(p, LX_W_SIGNALED(sig));
            return -1;
        }
        return sig_frame_setup(p, sig, is_fault, addr);
    }
    if (s->mask_saved && !p->in_restart)   /* rt_sigsuspend ended with no handler run */
        s->blocked = sig_take_saved_mask(s);
    return 0;
}
