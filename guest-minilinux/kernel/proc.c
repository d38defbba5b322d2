/*
 * proc.c - the process table and the life of a process: creation (boot, fork), the end
 * (exit: a zombie until its parent's wait4 collects it), sleeping and waking.
 * sched.c picks which process runs.
 */
#include "kernel/proc.h"

struct proc proc_table[NPROC];
static int next_pid = 1;

struct proc *proc_find(int pid) {
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state != PROC_UNUSED && p->pid == pid)
            return p;
    return NULL;
}

struct proc *proc_alloc(void) {
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++) {
        if (p->state != PROC_UNUSED)
            continue;
        int as = port_as_create();
        if (as < 0)
            return NULL;
        memset(p, 0, sizeof *p);
        mm_init(&p->mm);
        p->th.as = as;
        p->pid = next_pid++;
        p->state = PROC_EMBRYO;
        return p;
    }
    return NULL;
}

/* What every ending releases: files, memory, address space. */
static void release(struct proc *p) {
    port_fpu_reset(&p->th);   /* this slot may hold another process next */
    files_close_all(&p->files);
    port_as_destroy(p->th.as);
    mm_free(&p->mm);
}

void proc_free(struct proc *p) {
    release(p);
    p->state = PROC_UNUSED;
}

struct proc *proc_fork(struct proc *p, int *err) {
    struct proc *c = proc_alloc();
    if (!c) {
        *err = -LX_EAGAIN;
        return NULL;
    }
    if (mm_copy(&c->mm, &p->mm, p->th.as) || files_fork(&c->files, &p->files)) {
        proc_free(c);
        *err = -LX_ENOMEM;
        return NULL;
    }
    sig_fork(&c->sig, &p->sig);
    c->th.regs = p->th.regs;
    c->th.regs.r[0] = 0;   /* fork returns 0 in the child */
    c->th.tls = p->th.tls;
    port_fpu_sync(&p->th);   /* the parent's registers may be live in the hardware */
    c->th.fpu = p->th.fpu;
    c->parent = p;
    c->pgid = p->pgid;
    c->sid = p->sid;
    memcpy(c->name, p->name, sizeof c->name);
    c->state = PROC_RUNNABLE;
    return c;
}

const char *proc_signame(int sig) {
    static const char *const names[] = {
        [LX_SIGHUP] = "Hangup", [LX_SIGINT] = "Interrupt", [LX_SIGQUIT] = "Quit",
        [LX_SIGILL] = "Illegal instruction", [LX_SIGTRAP] = "Trace/breakpoint trap",
        [LX_SIGABRT] = "Aborted", [LX_SIGBUS] = "Bus error",
        [LX_SIGFPE] = "Floating point exception", [LX_SIGKILL] = "Killed",
        [LX_SIGUSR1] = "User defined signal 1", [LX_SIGSEGV] = "Segmentation fault",
        [LX_SIGUSR2] = "User defined signal 2", [LX_SIGPIPE] = "Broken pipe",
        [LX_SIGALRM] = "Alarm clock", [LX_SIGTERM] = "Terminated",
    };
    if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]) && names[sig])
        return names[sig];
    return "Unknown signal";
}

static void __attribute__((noreturn)) init_ended(int wstatus) {
    if (wstatus & 0x7f) {
        kprintf("init killed by signal %d (%s)\n", wstatus & 0x7f, proc_signame(wstatus & 0x7f));
        port_poweroff(128 + (wstatus & 0x7f));
    }
    kprintf("init exited with status %d\n", (wstatus >> 8) & 0xff);
    port_poweroff((wstatus >> 8) & 0xff);
}

/* init adopts the children of @p p; it is woken if one of them has already ended. */
static void reparent_children(struct proc *p) {
    struct proc *init = proc_find(1);
    for (struct proc *c = proc_table; c < proc_table + NPROC; c++) {
        if (c->state == PROC_UNUSED || c->parent != p)
            continue;
        c->parent = init;
        if (c->state == PROC_ZOMBIE && init)
            proc_wakeup(init);
    }
}

void proc_exit(struct proc *p, int wstatus) {
    release(p);
    if (p->pid == 1)
        init_ended(wstatus);
    reparent_children(p);
    p->state = PROC_ZOMBIE;
    p->wstatus = wstatus;
    p->wchan = NULL;
    if (p->parent) {
        sig_send(p->parent, LX_SIGCHLD);
        proc_wakeup(p->parent);   /* wait4 sleeps on the parent itself */
    }
}

int32_t proc_block(struct proc *p, const void *chan) {
    p->state = PROC_SLEEPING;
    p->wchan = chan;
    p->wake_at = 0;
    return PROC_BLOCKED;
}

int32_t proc_block_until(struct proc *p, uint64_t when) {
    proc_block(p, NULL);
    p->wake_at = when;
    return PROC_BLOCKED;
}

static const char poll_chan;   /* what poll sleeps on: any wake-up may concern it */

const void *proc_poll_chan(void) { return &poll_chan; }

void proc_wakeup(const void *chan) {
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->state == PROC_SLEEPING && chan && (p->wchan == chan || p->wchan == &poll_chan))
            proc_interrupt(p);
}

void proc_interrupt(struct proc *p) {
    if (p->state != PROC_SLEEPING)
        return;
    p->state = PROC_RUNNABLE;
    p->wchan = NULL;
    p->wake_at = 0;
}

int proc_signal_group(int pgid, int sig) {
    int n = 0;
    for (struct proc *p = proc_table; p < proc_table + NPROC; p++)
        if (p->pgid == pgid && p->state != PROC_UNUSED && p->state != PROC_ZOMBIE &&
            p->state != PROC_EMBRYO && sig_send(p, sig) == 0)
            n++;
    return n;
}

uint64_t proc_now(void) { return port_time_ns(); }
