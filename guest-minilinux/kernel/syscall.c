/*
 * syscall.c - the system-call dispatcher: Linux's ARM EABI numbers (r7) index a table of
 * handlers. An unknown number fails with -ENOSYS and is logged once per number, so a
 * program that probes for calls it can live without does not flood the console.
 *
 * A handler that returns PROC_BLOCKED has put its process to sleep: its registers stay
 * as they were and its pc goes back onto the `svc`, so the call runs again when the
 * process wakes (proc.h).
 */
#include "kernel/syscall.h"

#define NR_TABLE 420u
#define LOG_BITS 1024u   /* numbers logged once each; above, only the first is logged */

#define E(name) [LX_NR_##name] = sys_##name
static const syscall_fn table[NR_TABLE] = {
    E(exit), E(fork), E(read), E(write), E(open), E(close), E(unlink), E(execve), E(chdir),
    E(lseek), E(getpid), E(getuid), E(access), E(kill), E(rename), E(mkdir), E(rmdir),
    E(dup), E(pipe), E(brk), E(ioctl), E(setpgid), E(umask), E(dup2), E(getppid),
    E(getpgrp), E(setsid), E(gettimeofday), E(munmap), E(wait4), E(clone), E(uname),
    E(getpgid), E(_llseek), E(readv), E(writev), E(getsid), E(sched_yield), E(nanosleep),
    E(rt_sigreturn), E(rt_sigaction), E(rt_sigprocmask), E(rt_sigpending),
    E(rt_sigsuspend), E(getcwd), E(vfork), E(mmap2), E(stat64), E(lstat64), E(fstat64),
    [LX_NR_getuid32] = sys_getuid, [LX_NR_getgid32] = sys_getuid,
    [LX_NR_geteuid32] = sys_getuid, [LX_NR_getegid32] = sys_getuid,
    E(getdents64), E(fcntl64), E(gettid), E(exit_group), E(set_tid_address),
    E(clock_gettime), E(openat), E(mkdirat), E(fstatat64), E(unlinkat), E(renameat),
    E(faccessat), E(dup3), E(pipe2), E(readlink), E(sigreturn), E(mprotect), E(prctl),
    E(ugetrlimit), E(madvise), E(futex), E(clock_nanosleep), E(set_robust_list),
    E(utimensat), E(prlimit64), E(getrandom), E(statx), E(clock_gettime64),
    E(clock_nanosleep_time64), E(poll), E(ppoll), E(ppoll_time64), E(chmod), E(fchmod),
    E(fchmodat), E(chown32), E(fchown32), E(fchownat), E(sendfile64), E(rseq),
    E(lchown32), E(symlink), E(symlinkat), E(readlinkat), E(link), E(linkat),
};
#undef E

static uint32_t logged[LOG_BITS / 32u];
static int logged_big;

static void log_unknown(const struct proc *p, uint32_t nr) {
    if (nr < LOG_BITS) {
        if (logged[nr / 32u] & (1u << (nr % 32u)))
            return;
        logged[nr / 32u] |= 1u << (nr % 32u);
    } else if (logged_big++) {
        return;
    }
    kprintf("pid %d (%s): unknown system call %u (ENOSYS)\n", p->pid, p->name, nr);
}

static syscall_fn lookup(uint32_t nr) {
    if (nr < NR_TABLE)
        return table[nr];
    if (nr == LX_NR_ARM_set_tls)
        return sys_set_tls;
    if (nr == LX_NR_ml_procs)
        return sys_ml_procs;
    return NULL;
}

/* Serve the call of @p p; its result goes into r0 unless it blocked. */
static void dispatch(struct proc *p) {
    struct uregs *r = &p->th.regs;
    uint32_t nr = r->r[7];
    syscall_fn fn = lookup(nr);
    if (!fn) {
        log_unknown(p, nr);
        r->r[0] = (uint32_t)-LX_ENOSYS;
        return;
    }
    const uint32_t args[6] = {r->r[0], r->r[1], r->r[2], r->r[3], r->r[4], r->r[5]};
    int32_t rc = fn(p, args);
    if (rc == PROC_BLOCKED && p->state == PROC_SLEEPING) {   /* not rt_sigreturn's r0 */
        r->pc -= (r->cpsr & PORT_CPSR_THUMB) ? 2u : 4u;   /* back onto the svc */
        p->in_restart = 1;
        return;
    }
    if (p->state != PROC_UNUSED && p->state != PROC_ZOMBIE)
        r->r[0] = (uint32_t)rc;
}

struct port_thread *kern_syscall(struct port_thread *t) {
    struct proc *p = proc_of(t);
    p->restarted = p->in_restart;   /* the call runs again after a wake-up */
    p->in_restart = 0;
    p->sig.norestart = 0;           /* a call that blocks sets it again if it must */
    dispatch(p);
    p->restarted = 0;
    return kern_resume(p);
}
