/**
 * @file signal.h
 * @brief Signals: what a process does with each (default, ignore, a handler), which it
 *        blocks and which are pending, sending them and delivering them on the way back to
 *        user mode.
 *
 * A signal is delivered only when its process is about to return to user mode
 * (sig_deliver(), called by the scheduler for the process it picked): the default action
 * ends the process (or ignores the signal); a handler gets a frame on the process's user
 * stack (its saved registers and mask, Linux's rt_sigframe) and returns through
 * sa_restorer, which calls rt_sigreturn.
 */
#ifndef MINILINUX_SIGNAL_H
#define MINILINUX_SIGNAL_H

#include "kernel/kernel.h"
#include "minilinux/abi_types.h"

struct proc;

/** @brief A process's signal state. Sets are bit (sig - 1). */
struct sigstate {
    uint64_t pending;                       /**< Sent, not delivered yet. */
    uint64_t blocked;                       /**< The mask (SIGKILL is never in it). */
    struct lx_sigaction act[LX_NSIG];       /**< act[sig - 1]: what to do with sig. */
    uint64_t saved_mask;   /**< rt_sigsuspend: the mask to restore once a handler ran. */
    int mask_saved;        /**< saved_mask holds the mask from before rt_sigsuspend. */
    int norestart;         /**< The blocked call never restarts (rt_sigsuspend: EINTR). */
    int fault_sig;         /**< sig_force(): the fault's signal, delivered first (0: none). */
    uint32_t fault_addr;   /**< ...and the address that faulted (the handler's si_addr). */
};

/** @brief Bit of signal @p sig in a set. */
#define SIG_BIT(sig) (1ull << ((sig) - 1))
/** @brief The signals nobody can catch, block or ignore. */
#define SIG_UNCATCHABLE (SIG_BIT(LX_SIGKILL) | SIG_BIT(LX_SIGSTOP))

/** @brief The first process's state: every action default, nothing blocked or pending. */
void sig_init(struct sigstate *s);
/** @brief fork: the child gets the parent's actions and mask, nothing pending. */
void sig_fork(struct sigstate *child, const struct sigstate *parent);
/** @brief execve: handled signals go back to default (the handlers are gone); ignored
 *  ones stay ignored; the mask and pending set stay. */
void sig_exec(struct sigstate *s);
/**
 * @brief Send @p sig (1..LX_NSIG) to @p p: mark it pending, unless it would be ignored
 *        (then it is dropped at once), and wake @p p if it sleeps and could take it.
 * @return 0, -LX_EINVAL for a bad number.
 */
int sig_send(struct proc *p, int sig);
/**
 * @brief A fault (SIGSEGV, SIGILL...) at @p addr: @p p takes @p sig now. A handler runs if
 *        the signal is neither blocked nor ignored; otherwise the process is killed (Linux
 *        does the same for a fault it cannot deliver).
 */
void sig_force(struct proc *p, int sig, uint32_t addr);
/**
 * @brief @p p (runnable) is about to return to user mode: take its pending, unblocked
 *        signals: default actions (which may end it with proc_exit()) and at most one
 *        handler frame. If its pc is on a blocked call (proc::in_restart), the call
 *        returns -LX_EINTR, or runs again if the handler has LX_SA_RESTART.
 * @return 0: @p p may run; -1: @p p ended (pick another process).
 */
int sig_deliver(struct proc *p);

/**
 * @brief Would sig_force(@p p, @p sig, ...) run a handler, rather than kill @p p? For
 *        kern_fatal(), which reports only the faults that kill ("Segmentation fault at...").
 */
int sig_fault_caught(const struct proc *p, int sig);

/**
 * @brief Drop the pending signals @p s would ignore if they were delivered now, and say
 *        whether any other pending one is not blocked (rt_sigsuspend must not sleep then).
 */
int sig_pending_unblocked(struct sigstate *s);

/**
 * @brief The mask @p s will go back to once the signal being delivered returns: the one
 *        rt_sigsuspend replaced, if it did, else the current one; forgets the saved one.
 */
uint64_t sig_take_saved_mask(struct sigstate *s);

#endif
