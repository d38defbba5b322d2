/**
 * @file proc.h
 * @brief Processes: the table (at most NPROC), creation and exit, and the round-robin
 *        scheduler the timer tick preempts.
 */
#ifndef MINILINUX_PROC_H
#define MINILINUX_PROC_H

#include "kernel/mm.h"

#define NPROC 8          /**< The process limit. */
#define PROC_NAME_MAX 16 /**< Bytes of a process's name, with its terminator. */

/** @brief A process's life. */
enum proc_state {
    PROC_UNUSED = 0,   /**< A free slot. */
    PROC_RUNNABLE,     /**< Running or ready to run. */
};

/** @brief A process (one thread each). */
struct proc {
    struct port_thread th;       /**< Its registers and address space (first: see proc_of()). */
    int pid;                     /**< Its process id (1: init). */
    enum proc_state state;       /**< Where it is in its life. */
    char name[PROC_NAME_MAX];    /**< Its program's name (argv[0]). */
    struct mm mm;                /**< Its memory. */
};

/** @brief The process that owns thread @p t. */
static inline struct proc *proc_of(struct port_thread *t) { return (struct proc *)t; }

/** @brief A new process with a fresh pid and an empty address space, not yet runnable.
 *  @return it, or NULL at the process limit or without an MMU context (ENOMEM/EAGAIN). */
struct proc *proc_alloc(void);

/**
 * @brief End process @p p with wait status @p wstatus (Linux's encoding: exit code << 8,
 *        or the signal number): free its memory and address space. When init ends, the
 *        kernel says how and powers off.
 * @return the thread to run next.
 */
struct port_thread *proc_exit(struct proc *p, int wstatus);

/** @brief Round robin: the next runnable process after @p p (or @p p itself, if it is the
 *  only one). Panics when none is left (an idle loop comes with blocking calls). */
struct port_thread *sched_next(struct proc *p);

/** @brief The description of signal @p sig ("Segmentation fault"...). */
const char *proc_signame(int sig);

#endif
