/*
 * sched.c - minilinux's scheduler: round robin over the runnable processes, preempted by
 * the timer tick (kern_tick()). The microvisor schedules the VM's vCPU; this schedules the
 * processes on it (two-level scheduling). A tick also wakes the processes whose sleep
 * (nanosleep) is over.
 */
#include "kernel/proc.h"
#include "kernel/tty.h"

static struct proc *yielding;   /* the process that asked to let the others run */

struct port_thread *sched_next(struct proc *p) {
    uint32_t at = p ? (uint32_t)(p - proc_table) : NPROC - 1u;
    for (uint32_t i = 1; i <= NPROC; i++) {
        struct proc *q = &proc_table[(at + i) % NPROC];
        if (q->state == PROC_RUNNABLE)
            return &q->th;
    }
    return NULL;
}

void proc_yield(struct proc *p) { yielding = p; }

struct port_thread *kern_resume(struct proc *p) {
    if (p && p == yielding)
        p = proc_of_or_null(sched_next(p));
    yielding = NULL;
    /* each pass either returns or ends a process (sig_deliver): NPROC + 1 passes at most */
    for (int i = 0; i <= NPROC && p; i++) {
        if (p->state == PROC_RUNNABLE && sig_deliver(p) == 0 && p->state == PROC_RUNNABLE)
            return &p->th;
        p = proc_of_or_null(sched_next(p));
    }
    return NULL;
}

/* Wake the sleepers whose time has come. */
static void wake_timers(uint64_t now) {
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state == PROC_SLEEPING && p->wake_at && p->wake_at <= now)
            proc_interrupt(p);
}

struct port_thread *kern_tick(struct port_thread *t) {
    wake_timers(proc_now());
    struct proc *p = t ? proc_of(t) : NULL;
    return kern_resume(proc_of_or_null(sched_next(p)));
}

struct port_thread *kern_console_input(struct port_thread *t, const char *buf, uint32_t n) {
    tty_input(buf, n);
    return kern_resume(t ? proc_of(t) : proc_of_or_null(sched_next(NULL)));
}
