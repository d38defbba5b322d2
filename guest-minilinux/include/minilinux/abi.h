/**
 * @file minilinux/abi.h
 * @brief The part of the Linux ARM EABI that minilinux implements: system-call numbers,
 *        errno values, signal numbers and the auxiliary vector's keys.
 *
 * The values are Linux's own (from linux-libc-dev's asm/unistd-eabi.h, asm-generic/errno*.h,
 * asm/signal.h and linux/auxvec.h), so an ordinary static ARM program can run on minilinux.
 * Both sides include it: the guest kernel (guest-minilinux/kernel) and the user runtime
 * (userland/minilinux). No code here.
 *
 * ## Calling convention (EABI)
 * A process makes a system call with `svc #0`: `r7` = the number, `r0`..`r5` = the
 * arguments; the result comes back in `r0`, a negative errno on failure (the C library
 * turns -4095..-1 into errno). Every other register is preserved.
 */
#ifndef MINILINUX_ABI_H
#define MINILINUX_ABI_H

/** @name System-call numbers (r7) */
/**@{*/
#define LX_NR_exit 1           /**< exit(status): end this thread (here: the process). */
#define LX_NR_write 4          /**< write(fd, buf, count). */
#define LX_NR_getpid 20        /**< getpid(). */
#define LX_NR_brk 45           /**< brk(addr): the new break, or the old one on failure. */
#define LX_NR_exit_group 248   /**< exit_group(status): end the process. */
/**@}*/

/** @name errno values (returned negated) */
/**@{*/
#define LX_EPERM 1     /**< Operation not permitted. */
#define LX_ENOENT 2    /**< No such file or directory. */
#define LX_ESRCH 3     /**< No such process. */
#define LX_EINTR 4     /**< Interrupted system call. */
#define LX_E2BIG 7     /**< Argument list too long. */
#define LX_ENOEXEC 8   /**< Exec format error. */
#define LX_EBADF 9     /**< Bad file descriptor. */
#define LX_ECHILD 10   /**< No child processes. */
#define LX_EAGAIN 11   /**< Try again. */
#define LX_ENOMEM 12   /**< Out of memory. */
#define LX_EFAULT 14   /**< Bad address. */
#define LX_EINVAL 22   /**< Invalid argument. */
#define LX_ENOSYS 38   /**< Function not implemented. */
/**@}*/

/** @name Signals */
/**@{*/
#define LX_SIGILL 4    /**< Illegal instruction. */
#define LX_SIGKILL 9   /**< Killed (here: out of memory). */
#define LX_SIGSEGV 11  /**< Segmentation fault. */
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

/** @brief The page size of minilinux processes. */
#define LX_PAGE_SIZE 4096u

#endif /* MINILINUX_ABI_H */
