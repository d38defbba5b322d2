/*
 * sysproc.c - system calls about processes: exit, fork (and the clone and vfork that C
 * libraries use for it), wait4, process ids, groups and sessions, and ml_procs for ps.
 * execve is in sysexec.c.
 */
#include "kernel/syscall.h"
#include "kernel/uaccess.h"

#define CLONE_SIGNAL_MASK 0xffu        /* the low byte: the signal sent to the parent at exit */
#define CLONE_SETTLS 0x00080000u
#define CLONE_PARENT_SETTID 0x00100000u
#define CLONE_CHILD_SETTID 0x01000000u
#define CLONE_CHILD_CLEARTID 0x00200000u
/* What a fork-like clone may ask for (no shared memory, files or threads). */
#define CLONE_FORK_FLAGS (CLONE_SIGNAL_MASK | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                          CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

/* With one thread per process, exit and exit_group are the same. */
int32_t sys_exit(struct proc *p, const uint32_t a[6]) {
    proc_exit(p, LX_W_EXITCODE((int)a[0]));
    return 0;
}

int32_t sys_exit_group(struct proc *p, const uint32_t a[6]) { return sys_exit(p, a); }

int32_t sys_fork(struct proc *p, const uint32_t a[6]) {
    (void)a;
    int err;
    struct proc *c = proc_fork(p, &err);
    return c ? c->pid : err;
}

/* vfork's promise (the parent waits until the child execs) is an optimisation a full
 * copy does not need. */
int32_t sys_vfork(struct proc *p, const uint32_t a[6]) { return sys_fork(p, a); }

/* clone(flags, stack, parent_tid, tls, child_tid): only the fork case (glibc's fork). */
int32_t sys_clone(struct proc *p, const uint32_t a[6]) {
    uint32_t flags = a[0];
    if (flags & ~CLONE_FORK_FLAGS)
        return -LX_EINVAL;   /* threads and shared address spaces: not supported */
    int err;
    struct proc *c = proc_fork(p, &err);
    if (!c)
        return err;
    if (a[1])
        c->th.regs.sp = a[1];
    if (flags & CLONE_SETTLS)
        c->th.tls = a[3];
    if (flags & CLONE_CHILD_SETTID)
        port_copy_to_user(&c->th, a[4], &c->pid, sizeof c->pid);
    if ((flags & CLONE_PARENT_SETTID) && user_put_word(p, a[2], (uint32_t)c->pid))
        return -LX_EFAULT;
    return c->pid;
}

/* Does child @p c match wait4's pid argument, for parent @p p? */
static int wait_matches(const struct proc *p, const struct proc *c, int32_t pid) {
    if (c->parent != p || c->state == PROC_UNUSED || c->state == PROC_EMBRYO)
        return 0;
    if (pid > 0)
        return c->pid == pid;
    if (pid == 0)
        return c->pgid == p->pgid;
    return pid == -1 || c->pgid == -pid;
}

/* wait4(pid, status, options, rusage): sleeps on the parent; proc_exit() wakes it. */
int32_t sys_wait4(struct proc *p, const uint32_t a[6]) {
    int32_t pid = (int32_t)a[0];
    int any = 0;
    if (a[2] & ~(LX_WNOHANG | LX_WUNTRACED))
        return -LX_EINVAL;
    for (struct proc *c = proc_table; c < proc_table + NPROC; c++) {
        if (!wait_matches(p, c, pid))
            continue;
        any = 1;
        if (c->state != PROC_ZOMBIE)
            continue;
        if (user_put_word(p, a[1], (uint32_t)c->wstatus))
            return -LX_EFAULT;   /* the child stays a zombie: nothing is lost */
        c->state = PROC_UNUSED;
        return c->pid;
    }
    if (!any)
        return -LX_ECHILD;
    return (a[2] & LX_WNOHANG) ? 0 : proc_block(p, p);
}

int32_t sys_getpid(struct proc *p, const uint32_t a[6]) {
    (void)a;
    return p->pid;
}

/* One thread per process: the thread id is the process id. */
int32_t sys_gettid(struct proc *p, const uint32_t a[6]) { return sys_getpid(p, a); }
int32_t sys_set_tid_address(struct proc *p, const uint32_t a[6]) { return sys_getpid(p, a); }

int32_t sys_getppid(struct proc *p, const uint32_t a[6]) {
    (void)a;
    return p->parent ? p->parent->pid : 0;
}

/* Everyone is root: uid, gid, euid and egid are all 0. */
int32_t sys_getuid(struct proc *p, const uint32_t a[6]) {
    (void)p, (void)a;
    return 0;
}

/* The process @p pid names for the group calls (0: @p p), or NULL. */
static struct proc *target(struct proc *p, int32_t pid) {
    struct proc *t = pid ? proc_find(pid) : p;
    return t && t->state != PROC_ZOMBIE ? t : NULL;
}

int32_t sys_getpgid(struct proc *p, const uint32_t a[6]) {
    struct proc *t = target(p, (int32_t)a[0]);
    return t ? t->pgid : -LX_ESRCH;
}

int32_t sys_getpgrp(struct proc *p, const uint32_t a[6]) {
    (void)a;
    return p->pgid;
}

int32_t sys_getsid(struct proc *p, const uint32_t a[6]) {
    struct proc *t = target(p, (int32_t)a[0]);
    return t ? t->sid : -LX_ESRCH;
}

/* setpgid(pid, pgid): a shell puts each job in a group of its own. Only itself or its
 * own children in its session may be moved, into a new group or one of the session. */
int32_t sys_setpgid(struct proc *p, const uint32_t a[6]) {
    struct proc *t = target(p, (int32_t)a[0]);
    int32_t pgid = (int32_t)a[1];
    if (pgid < 0)
        return -LX_EINVAL;
    if (!t || (t != p && t->parent != p))
        return -LX_ESRCH;
    if (t->sid != p->sid || t->sid == t->pid)
        return -LX_EPERM;   /* another session, or a session leader */
    if (!pgid)
        pgid = t->pid;
    if (pgid != t->pid) {
        int found = 0;
        for (struct proc *q = proc_table; q < proc_table + NPROC; q++)
            found |= q->state != PROC_UNUSED && q->pgid == pgid && q->sid == p->sid;
        if (!found)
            return -LX_EPERM;
    }
    t->pgid = pgid;
    return 0;
}

int32_t sys_setsid(struct proc *p, const uint32_t a[6]) {
    (void)a;
    for (struct proc *q = proc_table; q < proc_table + NPROC; q++)
        if (q->state != PROC_UNUSED && q->pgid == p->pid)
            return -LX_EPERM;   /* already a group leader */
    p->sid = p->pgid = p->pid;
    return p->pid;
}

int32_t sys_sched_yield(struct proc *p, const uint32_t a[6]) {
    (void)a;
    proc_yield(p);
    return 0;
}

/* ARM's set_tls: the port loads it into TPIDRURO whenever this process runs. */
int32_t sys_set_tls(struct proc *p, const uint32_t a[6]) {
    p->th.tls = a[0];
    return 0;
}

/* ml_procs(buf, max): minilinux's stand-in for /proc, for ps. */
int32_t sys_ml_procs(struct proc *p, const uint32_t a[6]) {
    static const char states[] = {[PROC_RUNNABLE] = 'R', [PROC_SLEEPING] = 'S',
                                  [PROC_ZOMBIE] = 'Z', [PROC_EMBRYO] = 'E'};
    uint32_t n = 0;
    for (struct proc *q = proc_table; q < proc_table + NPROC; q++) {
        if (q->state == PROC_UNUSED)
            continue;
        if (n < a[1]) {
            struct lx_procinfo info = {.pid = q->pid, .ppid = q->parent ? q->parent->pid : 0,
                                       .pgid = q->pgid, .state = states[q->state],
                                       .pages = q->mm.pages};
            kstrlcpy(info.name, q->name, sizeof info.name);
            if (port_copy_to_user(&p->th, a[0] + n * sizeof info, &info, sizeof info))
                return -LX_EFAULT;
        }
        n++;
    }
    return (int32_t)n;
}
