/**
 * @file syscall.h
 * @brief System calls: the dispatcher's table and the calls themselves, one function
 *        each, named sys_ + Linux's name, grouped by the file that implements them.
 *
 * A call gets its process and r0..r5 and returns r0's new value: the result, a negative
 * errno, or PROC_BLOCKED when it put the process to sleep (proc.h: it will run again).
 * A call that ends its process (exit, execve's failure after the point of no return)
 * leaves it not runnable; the dispatcher then runs another.
 *
 * Declarations are weak until every call exists: a call whose file is not linked in is a
 * NULL entry of the table and fails with ENOSYS like an unknown number.
 */
#ifndef MINILINUX_SYSCALL_H
#define MINILINUX_SYSCALL_H

#include "kernel/proc.h"

/** @brief A system call: @p a = r0..r5 of process @p p. */
typedef int32_t (*syscall_fn)(struct proc *p, const uint32_t a[6]);

/** @cond SYSCALLS (one declaration per call: the groups below name their files) */
#define SYSCALL(name) int32_t sys_##name(struct proc *p, const uint32_t a[6]) __attribute__((weak))

/** @name Processes (sysproc.c) */
/**@{*/
SYSCALL(exit); SYSCALL(exit_group); SYSCALL(fork); SYSCALL(vfork); SYSCALL(clone);
SYSCALL(execve); SYSCALL(wait4); SYSCALL(getpid); SYSCALL(getppid); SYSCALL(gettid);
SYSCALL(getpgid); SYSCALL(setpgid); SYSCALL(getpgrp); SYSCALL(setsid); SYSCALL(getsid);
SYSCALL(getuid); SYSCALL(set_tid_address); SYSCALL(set_tls); SYSCALL(sched_yield);
SYSCALL(ml_procs);
/**@}*/
/** @name What a C library's start-up asks (syslimits.c) */
/**@{*/
SYSCALL(ugetrlimit); SYSCALL(prlimit64); SYSCALL(prctl); SYSCALL(set_robust_list);
SYSCALL(futex); SYSCALL(getrandom); SYSCALL(rseq);
/**@}*/
/** @name Memory (sysmem.c) */
/**@{*/
SYSCALL(brk); SYSCALL(mmap2); SYSCALL(munmap); SYSCALL(mprotect); SYSCALL(madvise);
/**@}*/
/** @name Time and the system (systime.c) */
/**@{*/
SYSCALL(nanosleep); SYSCALL(clock_gettime); SYSCALL(gettimeofday); SYSCALL(uname);
SYSCALL(clock_gettime64); SYSCALL(clock_nanosleep); SYSCALL(clock_nanosleep_time64);
/**@}*/
/** @name Files (sysfile.c, sysfs.c) */
/**@{*/
SYSCALL(read); SYSCALL(write); SYSCALL(readv); SYSCALL(writev); SYSCALL(open);
SYSCALL(openat); SYSCALL(close); SYSCALL(lseek); SYSCALL(_llseek); SYSCALL(dup);
SYSCALL(dup2); SYSCALL(dup3); SYSCALL(fcntl64); SYSCALL(ioctl); SYSCALL(pipe);
SYSCALL(pipe2); SYSCALL(stat64); SYSCALL(lstat64); SYSCALL(fstat64); SYSCALL(fstatat64);
SYSCALL(getdents64); SYSCALL(mkdir); SYSCALL(mkdirat); SYSCALL(unlink); SYSCALL(unlinkat);
SYSCALL(rmdir); SYSCALL(rename); SYSCALL(renameat); SYSCALL(chdir); SYSCALL(getcwd);
SYSCALL(access); SYSCALL(faccessat); SYSCALL(umask); SYSCALL(statx);
SYSCALL(utimensat); SYSCALL(chmod); SYSCALL(fchmod); SYSCALL(fchmodat); SYSCALL(chown32);
SYSCALL(fchown32); SYSCALL(fchownat); SYSCALL(sendfile64); SYSCALL(poll); SYSCALL(ppoll); SYSCALL(ppoll_time64);
SYSCALL(lchown32);
/**@}*/
/** @name Links (syslink.c) */
/**@{*/
SYSCALL(symlink); SYSCALL(symlinkat); SYSCALL(readlink); SYSCALL(readlinkat); SYSCALL(link); SYSCALL(linkat);
/**@}*/
/** @name Signals (syssignal.c) */
/**@{*/
SYSCALL(kill); SYSCALL(rt_sigaction); SYSCALL(rt_sigprocmask); SYSCALL(rt_sigreturn);
SYSCALL(rt_sigpending); SYSCALL(rt_sigsuspend); SYSCALL(sigreturn);
/**@}*/

#undef SYSCALL
/** @endcond */

#endif
