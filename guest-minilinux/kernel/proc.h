/**
 * @file proc.h
 * @brief Processes: the table (at most NPROC), their life (fork, exit, wait), sleeping
 *        and waking, and the round-robin scheduler the timer tick preempts.
 *
 * ## Blocking without a kernel stack per process
 * The kernel runs as an event handler on one stack (port.h), so a system call cannot
 * sleep in the middle. A call that must wait instead puts its process to sleep with
 * proc_block() and returns PROC_BLOCKED: the dispatcher then leaves every register as the
 * process had it and moves its pc back onto the `svc`. When proc_wakeup() makes the
 * process runnable again it simply makes the same call again, and this time it may
 * succeed. (The microvisor restarts its own blocking hypercalls the same way.) A signal
 * that arrives meanwhile wakes the process; the signal code then either lets the call
 * restart or makes it return -EINTR (proc::in_restart says the call is pending).
 */
#ifndef MINILINUX_PROC_H
#define MINILINUX_PROC_H

#include "kernel/mm.h"
#include "kernel/file.h"
#include "kernel/signal.h"

#define NPROC 16         /**< The process limit (a fork bomb meets it: EAGAIN). */
#define PROC_NAME_MAX 16 /**< Bytes of a process's name, with its terminator. */

/** @brief What a system call returns when its process went to sleep (proc_block()). */
#define PROC_BLOCKED (-512)

/** @brief A process's life. */
enum proc_state {
    PROC_UNUSED = 0,   /**< A free slot. */
    PROC_EMBRYO,       /**< Being created (fork, boot): not runnable yet. */
    PROC_RUNNABLE,     /**< Running or ready to run. */
    PROC_SLEEPING,     /**< Waiting for proc::wchan (or proc::wake_at) in a system call. */
    PROC_ZOMBIE,       /**< Ended; its parent has not collected its status yet. */
};

/** @brief A process (one thread each). */
struct proc {
    struct port_thread th;       /**< Its registers and address space (first: see proc_of()). */
    int pid;                     /**< Its process id (1: init). */
    struct proc *parent;         /**< Its parent (init adopts orphans; NULL for init). */
    int pgid;                    /**< Its process group (the shell's jobs). */
    int sid;                     /**< Its session. */
    enum proc_state state;       /**< Where it is in its life. */
    int wstatus;                 /**< PROC_ZOMBIE: its wait status (LX_W_*). */
    const void *wchan;           /**< PROC_SLEEPING: what it waits for (NULL: only time). */
    uint64_t wake_at;            /**< PROC_SLEEPING: wake when the time passes this (0: never). */
    uint64_t sleep_until;        /**< nanosleep's deadline, kept while the call restarts. */
    int in_restart;              /**< Its pc is on an `svc` that will run again (blocked). */
    int restarted;               /**< During a call: it is that call running again. */
    char name[PROC_NAME_MAX];    /**< Its program's name (argv[0]'s last component). */
    struct mm mm;                /**< Its memory. */
    struct files files;          /**< Its file descriptors and working directory (file.h). */
    struct sigstate sig;         /**< Its signal handlers, mask and pending set (signal.h). */
};

/** @brief The process that owns thread @p t. */
static inline struct proc *proc_of(struct port_thread *t) { return (struct proc *)t; }

/** @brief The process that owns thread @p t, or NULL when @p t is NULL. */
static inline struct proc *proc_of_or_null(struct port_thread *t) { return t ? proc_of(t) : NULL; }

/** @brief The process slots, for code that scans every process (kill, ps). */
extern struct proc proc_table[NPROC];

/** @brief The process with id @p pid (not UNUSED), or NULL. */
struct proc *proc_find(int pid);

/** @brief A new process (PROC_EMBRYO) with a fresh pid and an empty address space.
 *  @return it, or NULL at the process limit or without an MMU context. */
struct proc *proc_alloc(void);

/** @brief Give back a process that never ran (its creation failed): memory, files,
 *  address space and slot. */
void proc_free(struct proc *p);

/** @brief fork: a runnable copy of @p p (memory, files, signal actions, registers with r0
 *  = 0). @return the child, or NULL with *@p err = -LX_EAGAIN or -LX_ENOMEM. */
struct proc *proc_fork(struct proc *p, int *err);

/**
 * @brief End process @p p with wait status @p wstatus (LX_W_EXITCODE() or LX_W_SIGNALED()):
 *        free its memory, files and address space, give its children to init, and leave it
 *        a zombie for its parent (which gets SIGCHLD). When init ends, the kernel says how
 *        and powers off.
 */
void proc_exit(struct proc *p, int wstatus);

/** @brief Put @p p to sleep on @p chan until proc_wakeup(@p chan) (or a signal). A system
 *  call does `return proc_block(p, chan);`. @return PROC_BLOCKED. */
int32_t proc_block(struct proc *p, const void *chan);

/** @brief Put @p p to sleep until time @p when (ns since boot) or a signal.
 *  @return PROC_BLOCKED. */
int32_t proc_block_until(struct proc *p, uint64_t when);

/** @brief Let the others run: the next kern_resume() of @p p picks another process. */
void proc_yield(struct proc *p);

/** @brief What poll sleeps on: every proc_wakeup() wakes its sleepers too, which then look
 *  again at their descriptors (a file's state changed somewhere). */
const void *proc_poll_chan(void);

/** @brief Make every process sleeping on @p chan runnable (their calls then run again),
 *  and every process in poll. */
void proc_wakeup(const void *chan);

/** @brief Wake @p p whatever it sleeps on (a signal came for it). */
void proc_interrupt(struct proc *p);

/** @brief Send signal @p sig to every process of group @p pgid. @return how many got it. */
int proc_signal_group(int pgid, int sig);

/** @brief The time now, in ns since boot (virtual time). */
uint64_t proc_now(void);

/** @brief @p p is done with the kernel for now (a system call, a fault, a tick): deliver
 *  its signals and return it if it can still run, else the next process that can (signals
 *  delivered too), or NULL when none can. Every kern_*() entry ends with it. */
struct port_thread *kern_resume(struct proc *p);

/** @brief Round robin: the next runnable process after @p p (@p p may be NULL), or NULL
 *  when none is (the port then idles until an interrupt). */
struct port_thread *sched_next(struct proc *p);

/** @brief The description of signal @p sig ("Segmentation fault"...). */
const char *proc_signame(int sig);

#endif
