/**
 * @file minilinux/abi.h
 * @brief The part of the Linux ARM EABI that minilinux implements: system-call numbers,
 *        errno values, signals, flags and the auxiliary vector's keys. The structures
 *        passed through system calls are in minilinux/abi_types.h.
 *
 * The values are Linux's own (asm/unistd-eabi.h, asm-generic/errno*.h, asm/signal.h,
 * asm/fcntl.h for ARM, linux/auxvec.h), so an ordinary static ARM program can run on
 * minilinux. Both sides include it: the guest kernel (guest-minilinux/kernel) and the user
 * runtime (userland/minilinux). No code here.
 *
 * ## Calling convention (EABI)
 * A process makes a system call with `svc #0`: `r7` = the number, `r0`..`r5` = the
 * arguments; the result comes back in `r0`, a negative errno on failure (the C library
 * turns -4095..-1 into errno). Every other register is preserved.
 */
#ifndef MINILINUX_ABI_H
#define MINILINUX_ABI_H

/** @name System-call numbers (r7), Linux's ARM EABI numbering */
/**@{*/
#define LX_NR_exit 1             /**< exit(status): end this thread (here: the process). */
#define LX_NR_fork 2             /**< fork(). */
#define LX_NR_read 3             /**< read(fd, buf, count). */
#define LX_NR_write 4            /**< write(fd, buf, count). */
#define LX_NR_open 5             /**< open(path, flags, mode). */
#define LX_NR_close 6            /**< close(fd). */
#define LX_NR_link 9             /**< link(old, new): EPERM, there are no hard links. */
#define LX_NR_unlink 10          /**< unlink(path). */
#define LX_NR_execve 11          /**< execve(path, argv, envp). */
#define LX_NR_chdir 12           /**< chdir(path). */
#define LX_NR_chmod 15           /**< chmod(path, mode). */
#define LX_NR_lseek 19           /**< lseek(fd, offset, whence). */
#define LX_NR_getpid 20          /**< getpid(). */
#define LX_NR_getuid 24          /**< getuid(). */
#define LX_NR_access 33          /**< access(path, mode). */
#define LX_NR_kill 37            /**< kill(pid, sig). */
#define LX_NR_rename 38          /**< rename(old, new). */
#define LX_NR_mkdir 39           /**< mkdir(path, mode). */
#define LX_NR_rmdir 40           /**< rmdir(path). */
#define LX_NR_dup 41             /**< dup(fd). */
#define LX_NR_pipe 42            /**< pipe(fds[2]). */
#define LX_NR_brk 45             /**< brk(addr): the new break, or the old one on failure. */
#define LX_NR_ioctl 54           /**< ioctl(fd, request, arg). */
#define LX_NR_setpgid 57         /**< setpgid(pid, pgid). */
#define LX_NR_umask 60           /**< umask(mask). */
#define LX_NR_dup2 63            /**< dup2(old, new). */
#define LX_NR_getppid 64         /**< getppid(). */
#define LX_NR_getpgrp 65         /**< getpgrp(). */
#define LX_NR_setsid 66          /**< setsid(). */
#define LX_NR_gettimeofday 78    /**< gettimeofday(tv, tz). */
#define LX_NR_munmap 91          /**< munmap(addr, len). */
#define LX_NR_fchmod 94          /**< fchmod(fd, mode). */
#define LX_NR_wait4 114          /**< wait4(pid, status, options, rusage). */
#define LX_NR_clone 120          /**< clone(flags, stack, ...): only fork's flags. */
#define LX_NR_uname 122          /**< uname(buf). */
#define LX_NR_symlink 83         /**< symlink(target, path). */
#define LX_NR_readlink 85        /**< readlink(path, buf, size). */
#define LX_NR_sigreturn 119      /**< sigreturn(): return from a handler without SA_SIGINFO. */
#define LX_NR_mprotect 125       /**< mprotect(addr, len, prot). */
#define LX_NR_getpgid 132        /**< getpgid(pid). */
#define LX_NR__llseek 140        /**< _llseek(fd, off_hi, off_lo, result, whence). */
#define LX_NR_readv 145          /**< readv(fd, iov, count). */
#define LX_NR_writev 146         /**< writev(fd, iov, count). */
#define LX_NR_getsid 147         /**< getsid(pid). */
#define LX_NR_sched_yield 158    /**< sched_yield(). */
#define LX_NR_poll 168           /**< poll(fds, nfds, timeout_ms). */
#define LX_NR_nanosleep 162      /**< nanosleep(req, rem). */
#define LX_NR_prctl 172          /**< prctl(option, ...): PR_SET_NAME, PR_GET_NAME. */
#define LX_NR_rt_sigreturn 173   /**< rt_sigreturn(): return from a signal handler. */
#define LX_NR_rt_sigaction 174   /**< rt_sigaction(sig, act, oldact, sigsetsize). */
#define LX_NR_rt_sigprocmask 175 /**< rt_sigprocmask(how, set, oldset, sigsetsize). */
#define LX_NR_rt_sigpending 176  /**< rt_sigpending(set, sigsetsize). */
#define LX_NR_rt_sigsuspend 179  /**< rt_sigsuspend(mask, sigsetsize). */
#define LX_NR_getcwd 183         /**< getcwd(buf, size): the length with its NUL. */
#define LX_NR_vfork 190          /**< vfork() (here: fork()). */
#define LX_NR_ugetrlimit 191     /**< ugetrlimit(resource, rlim). */
#define LX_NR_mmap2 192          /**< mmap2(addr, len, prot, flags, fd, pgoffset). */
#define LX_NR_stat64 195         /**< stat64(path, buf). */
#define LX_NR_lstat64 196        /**< lstat64(path, buf). */
#define LX_NR_fstat64 197        /**< fstat64(fd, buf). */
#define LX_NR_getuid32 199       /**< getuid32(). */
#define LX_NR_getgid32 200       /**< getgid32(). */
#define LX_NR_geteuid32 201      /**< geteuid32(). */
#define LX_NR_getegid32 202      /**< getegid32(). */
#define LX_NR_lchown32 198       /**< lchown32(path, uid, gid). */
#define LX_NR_fchown32 207       /**< fchown32(fd, uid, gid). */
#define LX_NR_chown32 212        /**< chown32(path, uid, gid). */
#define LX_NR_getdents64 217     /**< getdents64(fd, buf, count). */
#define LX_NR_fcntl64 221        /**< fcntl64(fd, cmd, arg). */
#define LX_NR_madvise 220        /**< madvise(addr, len, advice): advice only. */
#define LX_NR_gettid 224         /**< gettid(). */
#define LX_NR_futex 240          /**< futex(uaddr, op, val, ...): single-threaded cases. */
#define LX_NR_sendfile64 239     /**< sendfile64(out, in, offset, count): EINVAL here. */
#define LX_NR_exit_group 248     /**< exit_group(status): end the process. */
#define LX_NR_set_tid_address 256/**< set_tid_address(ptr): returns the tid. */
#define LX_NR_clock_gettime 263  /**< clock_gettime(clock, ts). */
#define LX_NR_clock_nanosleep 265 /**< clock_nanosleep(clock, flags, req, rem). */
#define LX_NR_openat 322         /**< openat(dirfd, path, flags, mode). */
#define LX_NR_mkdirat 323        /**< mkdirat(dirfd, path, mode). */
#define LX_NR_fchownat 325       /**< fchownat(dirfd, path, uid, gid, flags). */
#define LX_NR_fstatat64 327      /**< fstatat64(dirfd, path, buf, flags). */
#define LX_NR_unlinkat 328       /**< unlinkat(dirfd, path, flags). */
#define LX_NR_renameat 329       /**< renameat(olddirfd, old, newdirfd, new). */
#define LX_NR_linkat 330         /**< linkat(olddirfd, old, newdirfd, new, flags): EPERM. */
#define LX_NR_symlinkat 331      /**< symlinkat(target, newdirfd, path). */
#define LX_NR_readlinkat 332     /**< readlinkat(dirfd, path, buf, size). */
#define LX_NR_fchmodat 333       /**< fchmodat(dirfd, path, mode). */
#define LX_NR_faccessat 334      /**< faccessat(dirfd, path, mode). */
#define LX_NR_ppoll 336          /**< ppoll(fds, nfds, timeout, sigmask, sigsetsize). */
#define LX_NR_set_robust_list 338 /**< set_robust_list(head, len): accepted, unused. */
#define LX_NR_utimensat 348      /**< utimensat(dirfd, path, times, flags). */
#define LX_NR_dup3 358           /**< dup3(old, new, flags). */
#define LX_NR_pipe2 359          /**< pipe2(fds[2], flags). */
#define LX_NR_prlimit64 369      /**< prlimit64(pid, resource, new, old). */
#define LX_NR_getrandom 384      /**< getrandom(buf, len, flags). */
#define LX_NR_statx 397          /**< statx(dirfd, path, flags, mask, buf). */
#define LX_NR_rseq 398           /**< rseq(area, len, flags, sig): ENOSYS, not logged. */
#define LX_NR_clock_gettime64 403 /**< clock_gettime64(clock, ts64). */
#define LX_NR_ppoll_time64 414   /**< ppoll with a 64-bit timeout. */
#define LX_NR_clock_nanosleep_time64 407 /**< clock_nanosleep_time64(clock, flags, req64, rem64). */
#define LX_NR_ARM_set_tls 0x0f0005 /**< ARM private: set_tls(value) (TPIDRURO). */
/** minilinux's own call, in ARM's private range (where Linux answers ENOSYS, not SIGILL): ml_procs(buf, max) fills @p max
 *  struct lx_procinfo (abi_types.h) and returns how many processes there are. `ps` uses it
 *  (Linux has /proc instead). */
#define LX_NR_ml_procs 0x0f07f0
/**@}*/

/** @name errno values (returned negated) */
/**@{*/
#define LX_EPERM 1         /**< Operation not permitted. */
#define LX_ENOENT 2        /**< No such file or directory. */
#define LX_ESRCH 3         /**< No such process. */
#define LX_EINTR 4         /**< Interrupted system call. */
#define LX_EIO 5           /**< I/O error. */
#define LX_ENXIO 6         /**< No such device or address. */
#define LX_E2BIG 7         /**< Argument list too long. */
#define LX_ENOEXEC 8       /**< Exec format error. */
#define LX_EBADF 9         /**< Bad file descriptor. */
#define LX_ECHILD 10       /**< No child processes. */
#define LX_EAGAIN 11       /**< Try again. */
#define LX_ENOMEM 12       /**< Out of memory. */
#define LX_EACCES 13       /**< Permission denied. */
#define LX_EFAULT 14       /**< Bad address. */
#define LX_EBUSY 16        /**< Device or resource busy. */
#define LX_EEXIST 17       /**< File exists. */
#define LX_EXDEV 18        /**< Cross-device link. */
#define LX_ENODEV 19       /**< No such device. */
#define LX_ENOTDIR 20      /**< Not a directory. */
#define LX_EISDIR 21       /**< Is a directory. */
#define LX_EINVAL 22       /**< Invalid argument. */
#define LX_ENFILE 23       /**< File table overflow. */
#define LX_EMFILE 24       /**< Too many open files. */
#define LX_ENOTTY 25       /**< Not a typewriter. */
#define LX_EFBIG 27        /**< File too large. */
#define LX_ENOSPC 28       /**< No space left on device. */
#define LX_ESPIPE 29       /**< Illegal seek. */
#define LX_EROFS 30        /**< Read-only file system. */
#define LX_EPIPE 32        /**< Broken pipe. */
#define LX_ERANGE 34       /**< Result too large. */
#define LX_ENAMETOOLONG 36 /**< File name too long. */
#define LX_ENOSYS 38       /**< Function not implemented. */
#define LX_ENOTEMPTY 39    /**< Directory not empty. */
#define LX_ELOOP 40        /**< Too many symbolic links. */
/**@}*/

/** @name Signals (LX_NSIG: numbers 1..64; sets are 64-bit, bit sig-1) */
/**@{*/
#define LX_SIGHUP 1     /**< Hangup. */
#define LX_SIGINT 2     /**< Interrupt (Ctrl-C). */
#define LX_SIGQUIT 3    /**< Quit. */
#define LX_SIGILL 4     /**< Illegal instruction. */
#define LX_SIGTRAP 5    /**< Trace trap. */
#define LX_SIGABRT 6    /**< Abort. */
#define LX_SIGBUS 7     /**< Bus error. */
#define LX_SIGFPE 8     /**< Floating-point exception. */
#define LX_SIGKILL 9    /**< Killed (cannot be caught or blocked). */
#define LX_SIGUSR1 10   /**< User signal 1. */
#define LX_SIGSEGV 11   /**< Segmentation fault. */
#define LX_SIGUSR2 12   /**< User signal 2. */
#define LX_SIGPIPE 13   /**< Write to a pipe nobody reads. */
#define LX_SIGALRM 14   /**< Alarm clock. */
#define LX_SIGTERM 15   /**< Terminate. */
#define LX_SIGCHLD 17   /**< A child stopped or ended (default: ignored). */
#define LX_SIGCONT 18   /**< Continue (default: ignored here). */
#define LX_SIGSTOP 19   /**< Stop (not supported: treated as ignored). */
#define LX_SIGTSTP 20   /**< Keyboard stop (not supported: ignored). */
#define LX_SIGTTIN 21   /**< Background read from the tty (not supported: ignored). */
#define LX_SIGTTOU 22   /**< Background write to the tty (not supported: ignored). */
#define LX_SIGWINCH 28  /**< Window size changed (default: ignored). */
#define LX_NSIG 64      /**< The highest signal number. */

#define LX_SIG_DFL 0u   /**< sa_handler: the default action. */
#define LX_SIG_IGN 1u   /**< sa_handler: ignore. */
#define LX_SA_NOCLDSTOP 0x00000001u /**< sa_flags: no SIGCHLD when a child stops. */
#define LX_SA_SIGINFO 0x00000004u   /**< sa_flags: handler(sig, siginfo *, ucontext *). */
#define LX_SA_RESTORER 0x04000000u  /**< sa_flags: sa_restorer is valid (libc sets it). */
#define LX_SA_RESTART 0x10000000u   /**< sa_flags: restart an interrupted blocking call. */
#define LX_SA_NODEFER 0x40000000u   /**< sa_flags: do not block the signal in its handler. */
#define LX_SA_RESETHAND 0x80000000u /**< sa_flags: back to SIG_DFL once delivered. */
#define LX_SIG_BLOCK 0     /**< rt_sigprocmask how: add to the mask. */
#define LX_SIG_UNBLOCK 1   /**< rt_sigprocmask how: remove from the mask. */
#define LX_SIG_SETMASK 2   /**< rt_sigprocmask how: replace the mask. */
#define LX_SI_USER 0       /**< si_code: sent by kill() (or the tty). */
#define LX_SEGV_MAPERR 1   /**< si_code of SIGSEGV: no valid mapping at si_addr. */
#define LX_ILL_ILLOPC 1    /**< si_code of SIGILL: an undefined instruction. */
#define LX_SS_DISABLE 2    /**< uc_stack.ss_flags: no alternate signal stack. */
/**@}*/

/** @name wait4 options and status encoding */
/**@{*/
#define LX_WNOHANG 1u      /**< Do not block when no child has ended. */
#define LX_WUNTRACED 2u    /**< Also report stopped children (none here). */
/** The status of a child that exited with @p code. */
#define LX_W_EXITCODE(code) (((code) & 0xff) << 8)
/** The status of a child killed by signal @p sig. */
#define LX_W_SIGNALED(sig) ((sig) & 0x7f)
/**@}*/

/** @name open flags (ARM's values: O_DIRECTORY and friends differ from other ports) */
/**@{*/
#define LX_O_ACCMODE 3u          /**< Mask of the access mode. */
#define LX_O_RDONLY 0u           /**< Read only. */
#define LX_O_WRONLY 1u           /**< Write only. */
#define LX_O_RDWR 2u             /**< Read and write. */
#define LX_O_CREAT 0100u         /**< Create if missing. */
#define LX_O_EXCL 0200u          /**< With O_CREAT: fail if it exists. */
#define LX_O_NOCTTY 0400u        /**< Do not become the controlling tty. */
#define LX_O_TRUNC 01000u        /**< Truncate to 0 bytes. */
#define LX_O_APPEND 02000u       /**< Every write at the end. */
#define LX_O_NONBLOCK 04000u     /**< Never block (EAGAIN instead). */
#define LX_O_DIRECTORY 040000u   /**< Fail unless a directory (ARM: 040000). */
#define LX_O_NOFOLLOW 0100000u   /**< Do not follow a final symbolic link (ARM). */
#define LX_O_LARGEFILE 0400000u  /**< 64-bit offsets (ARM; always so here). */
#define LX_O_CLOEXEC 02000000u   /**< Close on execve. */
#define LX_AT_FDCWD (-100)       /**< *at() calls: relative to the working directory. */
#define LX_AT_SYMLINK_NOFOLLOW 0x100u /**< fstatat64: do not follow a final link. */
#define LX_AT_REMOVEDIR 0x200u   /**< unlinkat: remove a directory (rmdir). */
#define LX_AT_EMPTY_PATH 0x1000u /**< fstatat64 with "": the dirfd itself. */
#define LX_AT_NO_AUTOMOUNT 0x800u /**< *at(): do not trigger an automount (nothing to do). */
#define LX_AT_STATX_SYNC_TYPE 0x6000u /**< statx: how to synchronise (nothing to do here). */
#define LX_STATX_BASIC_STATS 0x7ffu   /**< statx's mask: every field of stat. */
#define LX_SEEK_SET 0            /**< lseek: from the start. */
#define LX_SEEK_CUR 1            /**< lseek: from the current offset. */
#define LX_SEEK_END 2            /**< lseek: from the end. */
#define LX_F_DUPFD 0             /**< fcntl: duplicate to the lowest fd >= arg. */
#define LX_F_GETFD 1             /**< fcntl: the fd's flags (FD_CLOEXEC). */
#define LX_F_SETFD 2             /**< fcntl: set the fd's flags. */
#define LX_F_GETFL 3             /**< fcntl: the file's status flags and access mode. */
#define LX_F_SETFL 4             /**< fcntl: set O_APPEND / O_NONBLOCK. */
#define LX_F_DUPFD_CLOEXEC 1030  /**< fcntl: F_DUPFD with FD_CLOEXEC. */
#define LX_FD_CLOEXEC 1u         /**< The fd flag: close on execve. */
/**@}*/

/** @name File types and modes (st_mode; d_type of getdents64) */
/**@{*/
#define LX_S_IFMT 0170000u   /**< Mask of the type. */
#define LX_S_IFIFO 0010000u  /**< A pipe. */
#define LX_S_IFCHR 0020000u  /**< A character device. */
#define LX_S_IFDIR 0040000u  /**< A directory. */
#define LX_S_IFREG 0100000u  /**< A regular file. */
#define LX_S_IFLNK 0120000u  /**< A symbolic link. */
#define LX_DT_FIFO 1u        /**< d_type: pipe. */
#define LX_DT_CHR 2u         /**< d_type: character device. */
#define LX_DT_DIR 4u         /**< d_type: directory. */
#define LX_DT_REG 8u         /**< d_type: regular file. */
#define LX_DT_LNK 10u        /**< d_type: symbolic link. */
/**@}*/

/** @name mmap2 */
/**@{*/
#define LX_PROT_READ 1u        /**< Readable. */
#define LX_PROT_WRITE 2u       /**< Writable. */
#define LX_PROT_EXEC 4u        /**< Executable. */
#define LX_MAP_SHARED 0x01u    /**< Shared (refused: EINVAL). */
#define LX_MAP_PRIVATE 0x02u   /**< Private. */
#define LX_MAP_FIXED 0x10u     /**< Exactly at addr. */
#define LX_MAP_ANONYMOUS 0x20u /**< Not backed by a file: zero pages. */
/**@}*/

/** @name poll events */
/**@{*/
#define LX_POLLIN 0x001u    /**< Data to read (or end of file). */
#define LX_POLLPRI 0x002u   /**< Urgent data (never here). */
#define LX_POLLOUT 0x004u   /**< Room to write. */
#define LX_POLLERR 0x008u   /**< An error: a pipe nobody reads. */
#define LX_POLLHUP 0x010u   /**< Hung up: a pipe nobody writes. */
#define LX_POLLNVAL 0x020u  /**< Not an open descriptor. */
/**@}*/

/** @name tty ioctls and termios flags (asm-generic/ioctls.h, termbits.h) */
/**@{*/
#define LX_TCGETS 0x5401u     /**< ioctl: get struct lx_termios. */
#define LX_TCSETS 0x5402u     /**< ioctl: set it now. */
#define LX_TCSETSW 0x5403u    /**< ioctl: set it after output drains. */
#define LX_TCSETSF 0x5404u    /**< ioctl: set it after draining, dropping input. */
#define LX_TIOCGPGRP 0x540fu  /**< ioctl: the foreground process group. */
#define LX_TIOCSPGRP 0x5410u  /**< ioctl: set the foreground process group. */
#define LX_TIOCGWINSZ 0x5413u /**< ioctl: get struct lx_winsize. */
#define LX_ISIG 0x0001u       /**< c_lflag: Ctrl-C raises SIGINT. */
#define LX_ICANON 0x0002u     /**< c_lflag: line by line, with editing. */
#define LX_ECHO 0x0008u       /**< c_lflag: echo input. */
#define LX_ECHOE 0x0010u      /**< c_lflag: erase echoes as backspace-space-backspace. */
#define LX_ECHOK 0x0020u      /**< c_lflag: echo the kill character. */
#define LX_ICRNL 0x0100u      /**< c_iflag: carriage return becomes newline. */
#define LX_OPOST 0x0001u      /**< c_oflag: post-process output. */
#define LX_ONLCR 0x0004u      /**< c_oflag: newline becomes CR NL. */
#define LX_VINTR 0            /**< c_cc index: interrupt (Ctrl-C). */
#define LX_VQUIT 1            /**< c_cc index: quit. */
#define LX_VERASE 2           /**< c_cc index: erase (DEL or Backspace). */
#define LX_VKILL 3            /**< c_cc index: kill line (Ctrl-U). */
#define LX_VEOF 4             /**< c_cc index: end of file (Ctrl-D). */
#define LX_VTIME 5            /**< c_cc index: non-canonical timeout. */
#define LX_VMIN 6             /**< c_cc index: non-canonical minimum. */
#define LX_NCCS 19            /**< Entries of c_cc. */
/**@}*/

/** @name Clocks */
/**@{*/
#define LX_CLOCK_REALTIME 0u   /**< Wall time (here: since boot). */
#define LX_CLOCK_MONOTONIC 1u  /**< Time since boot. */
/**@}*/

/** @name Auxiliary vector keys (after envp on the initial stack) */
/**@{*/
#define LX_AT_NULL 0     /**< End of the vector. */
#define LX_AT_PHDR 3     /**< Address of the program headers in memory. */
#define LX_AT_PHENT 4    /**< Size of one program header. */
#define LX_AT_PHNUM 5    /**< Number of program headers. */
#define LX_AT_PAGESZ 6   /**< Page size. */
#define LX_AT_ENTRY 9    /**< The program's entry point. */
#define LX_AT_UID 11     /**< Real user id. */
#define LX_AT_EUID 12    /**< Effective user id. */
#define LX_AT_GID 13     /**< Real group id. */
#define LX_AT_EGID 14    /**< Effective group id. */
#define LX_AT_HWCAP 16   /**< Hardware capabilities. */
#define LX_AT_CLKTCK 17  /**< Clock ticks per second (times()). */
#define LX_AT_SECURE 23  /**< Nonzero: secure mode. */
#define LX_AT_RANDOM 25  /**< Address of 16 random bytes. */
#define LX_AT_EXECFN 31  /**< Address of the program's file name. */
/**@}*/

/** @brief AT_HWCAP: what the CPU (QEMU's Cortex-A15) offers a process, as Linux reports it:
 *  swp half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae (C
 *  libraries choose their NEON string functions by it). Every process has its own VFP and
 *  NEON registers. */
#define LX_HWCAP_CORTEX_A15 0x1fb0d7u

/** @brief The page size of minilinux processes. */
#define LX_PAGE_SIZE 4096u

#endif /* MINILINUX_ABI_H */
