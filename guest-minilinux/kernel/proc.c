/*
 * proc.c - the process table, process creation and exit, and the scheduler: round robin
 * over the runnable processes, preempted by the timer tick (kern_tick()). The microvisor
 * schedules the VM's vCPU; this schedules the processes on it (two-level scheduling).
 */
#include "kernel/proc.h"

static struct proc procs[NPROC];
static int next_pid = 1;

struct proc *proc_alloc(void) {
    for (struct proc *p = procs; p < procs + NPROC; p++) {
        if (p->state != PROC_UNUSED)
            continue;
        int as = port_as_create();
        if (as < 0)
            return NULL;
        memset(p, 0, sizeof *p);
        mm_init(&p->mm);
        p->th.as = as;
        p->pid = next_pid++;
        return p;
    }
    return NULL;
}

const char *proc_signame(int sig) {
    switch (sig) {
    case LX_SIGILL: return "Illegal instruction";
    case LX_SIGKILL: return "Killed";
    case LX_SIGSEGV: return "Segmentation fault";
    default: return "Unknown signal";
    }
}

static void __attribute__((noreturn)) init_ended(int wstatus) {
    if (wstatus & 0x7f) {
        kprintf("init killed by signal %d (%s)\n", wstatus & 0x7f, proc_signame(wstatus & 0x7f));
        port_poweroff(128 + (wstatus & 0x7f));
    }
    kprintf("init exited with status %d\n", (wstatus >> 8) & 0xff);
    port_poweroff((wstatus >> 8) & 0xff);
}

struct port_thread *proc_exit(struct proc *p, int wstatus) {
    port_as_destroy(p->th.as);
    mm_free(&p->mm);
    p->state = PROC_UNUSED;   /* no wait4 yet: nobody collects the status */
    if (p->pid == 1)
        init_ended(wstatus);
    return sched_next(p);
}

struct port_thread *sched_next(struct proc *p) {
    for (uint32_t i = 1; i <= NPROC; i++) {
        struct proc *q = &procs[((uint32_t)(p - procs) + i) % NPROC];
        if (q->state == PROC_RUNNABLE)
            return &q->th;
    }
    kpanic("no process left to run");
}
