/**
 * @file minilinux/abi_types.h
 * @brief The structures minilinux's system calls read and write in a process's memory,
 *        laid out exactly as Linux's ARM EABI lays them out (32-bit longs and pointers,
 *        64-bit members 8-byte aligned). The _Static_asserts pin the sizes.
 */
#ifndef MINILINUX_ABI_TYPES_H
#define MINILINUX_ABI_TYPES_H

#include <stdint.h>
#include "minilinux/abi.h"

/** @brief stat64, fstat64, fstatat64: what a file is (asm/stat.h, struct stat64). */
struct lx_stat64 {
    uint64_t st_dev;         /**< Device (file system) id. */
    uint8_t pad0[4];         /**< Padding. */
    uint32_t st_ino32;       /**< Inode number, truncated (Linux's __st_ino). */
    uint32_t st_mode;        /**< Type (LX_S_IF*) and permission bits. */
    uint32_t st_nlink;       /**< Links. */
    uint32_t st_uid;         /**< Owner. */
    uint32_t st_gid;         /**< Group. */
    uint64_t st_rdev;        /**< Device id, for device files. */
    uint8_t pad3[4];         /**< Padding. */
    uint8_t pad4[4];         /**< Alignment of st_size (implicit in Linux's struct). */
    int64_t st_size;         /**< Size in bytes. */
    uint32_t st_blksize;     /**< Preferred I/O size. */
    uint8_t pad5[4];         /**< Alignment of st_blocks. */
    uint64_t st_blocks;      /**< 512-byte blocks allocated. */
    uint32_t st_atime_sec;   /**< Last access. */
    uint32_t st_atime_nsec;  /**< Its nanoseconds. */
    uint32_t st_mtime_sec;   /**< Last modification. */
    uint32_t st_mtime_nsec;  /**< Its nanoseconds. */
    uint32_t st_ctime_sec;   /**< Last status change. */
    uint32_t st_ctime_nsec;  /**< Its nanoseconds. */
    uint64_t st_ino;         /**< Inode number. */
};
_Static_assert(sizeof(struct lx_stat64) == 104, "ARM EABI struct stat64 is 104 bytes");

/** @brief A time in struct lx_statx. */
struct lx_statx_timestamp {
    int64_t tv_sec;     /**< Seconds. */
    uint32_t tv_nsec;   /**< Nanoseconds. */
    int32_t reserved;   /**< Zero. */
};

/** @brief statx's answer (linux/stat.h, struct statx; 256 bytes). */
struct lx_statx {
    uint32_t stx_mask;             /**< Which fields are filled (LX_STATX_BASIC_STATS). */
    uint32_t stx_blksize;          /**< Preferred I/O size. */
    uint64_t stx_attributes;       /**< File attributes (none). */
    uint32_t stx_nlink;            /**< Links. */
    uint32_t stx_uid;              /**< Owner. */
    uint32_t stx_gid;              /**< Group. */
    uint16_t stx_mode;             /**< Type and permission bits. */
    uint16_t pad1;                 /**< Padding. */
    uint64_t stx_ino;              /**< Inode number. */
    uint64_t stx_size;             /**< Size in bytes. */
    uint64_t stx_blocks;           /**< 512-byte blocks. */
    uint64_t stx_attributes_mask;  /**< Attributes supported (none). */
    struct lx_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime; /**< Times (0). */
    uint32_t stx_rdev_major;       /**< Device id, for device files. */
    uint32_t stx_rdev_minor;       /**< Its minor number. */
    uint32_t stx_dev_major;        /**< File system id. */
    uint32_t stx_dev_minor;        /**< Its minor number. */
    uint64_t spare[14];            /**< Newer fields (zero). */
};
_Static_assert(sizeof(struct lx_statx) == 256, "struct statx is 256 bytes");

/** @brief A 64-bit time (clock_gettime64, clock_nanosleep_time64). */
struct lx_timespec64 {
    int64_t tv_sec;    /**< Seconds. */
    int32_t tv_nsec;   /**< Nanoseconds. */
    int32_t pad;       /**< Padding. */
};

/** @brief ugetrlimit's limit (32-bit; prlimit64 uses two 64-bit values). */
struct lx_rlimit {
    uint32_t rlim_cur;  /**< Soft limit. */
    uint32_t rlim_max;  /**< Hard limit. */
};

/** @brief One entry of getdents64's buffer (linux_dirent64); entries are 8-byte aligned. */
struct lx_dirent64 {
    uint64_t d_ino;      /**< Inode number. */
    int64_t d_off;       /**< Offset of the next entry (for lseek). */
    uint16_t d_reclen;   /**< Size of this entry, padded to 8. */
    uint8_t d_type;      /**< LX_DT_*. */
    char d_name[];       /**< The name, NUL-terminated. */
};

/** @brief A time (timespec with ARM's 32-bit time_t, as clock_gettime 263 uses). */
struct lx_timespec {
    int32_t tv_sec;   /**< Seconds. */
    int32_t tv_nsec;  /**< Nanoseconds (0..999999999). */
};

/** @brief gettimeofday's time. */
struct lx_timeval {
    int32_t tv_sec;   /**< Seconds. */
    int32_t tv_usec;  /**< Microseconds. */
};

/** @brief poll: one descriptor and what is asked of it. */
struct lx_pollfd {
    int32_t fd;        /**< The descriptor (negative: skipped). */
    int16_t events;    /**< LX_POLL* asked. */
    int16_t revents;   /**< LX_POLL* found. */
};

/** @brief readv/writev: one buffer. */
struct lx_iovec {
    uint32_t iov_base;  /**< User address. */
    uint32_t iov_len;   /**< Bytes. */
};

/** @brief uname's answer: six strings of 65 bytes. */
struct lx_utsname {
    char sysname[65];   /**< "Linux" (what programs test for). */
    char nodename[65];  /**< Host name. */
    char release[65];   /**< Kernel release. */
    char version[65];   /**< Kernel version. */
    char machine[65];   /**< "armv7l". */
    char domainname[65];/**< Domain name. */
};

/** @brief rt_sigaction's struct (the kernel's, not libc's): handler, flags, restorer, mask. */
struct lx_sigaction {
    uint32_t sa_handler;   /**< LX_SIG_DFL, LX_SIG_IGN or the handler's address. */
    uint32_t sa_flags;     /**< LX_SA_*. */
    uint32_t sa_restorer;  /**< Where the handler returns (calls rt_sigreturn): LX_SA_RESTORER. */
    uint64_t sa_mask;      /**< Signals blocked while the handler runs. */
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct lx_sigaction) == 20, "ARM struct sigaction is 20 bytes");

/** @brief The kernel's termios (TCGETS/TCSETS). */
struct lx_termios {
    uint32_t c_iflag;          /**< Input modes (LX_ICRNL). */
    uint32_t c_oflag;          /**< Output modes (LX_OPOST, LX_ONLCR). */
    uint32_t c_cflag;          /**< Control modes. */
    uint32_t c_lflag;          /**< Local modes (LX_ICANON, LX_ECHO, LX_ISIG...). */
    uint8_t c_line;            /**< Line discipline (0). */
    uint8_t c_cc[LX_NCCS];     /**< Special characters (LX_V*). */
};
_Static_assert(sizeof(struct lx_termios) == 36, "struct termios is 36 bytes");

/** @brief TIOCGWINSZ: the console's size. */
struct lx_winsize {
    uint16_t ws_row;     /**< Rows. */
    uint16_t ws_col;     /**< Columns. */
    uint16_t ws_xpixel;  /**< Unused. */
    uint16_t ws_ypixel;  /**< Unused. */
};

/** @brief One process as LX_NR_ml_procs reports it (minilinux's own; `ps` reads it). */
struct lx_procinfo {
    int32_t pid;       /**< Process id. */
    int32_t ppid;      /**< Parent's id (0: none). */
    int32_t pgid;      /**< Process group. */
    char state;        /**< 'R' runnable, 'S' sleeping, 'Z' zombie. */
    char name[15];     /**< Program name, NUL-terminated. */
    uint32_t pages;    /**< Pages of memory it holds. */
};
_Static_assert(sizeof(struct lx_procinfo) == 32, "lx_procinfo is 32 bytes");

/** @brief What a handler learns about its signal (siginfo_t, 128 bytes): the first words
 *  only; the rest is zero. */
struct lx_siginfo {
    int32_t si_signo;     /**< The signal. */
    int32_t si_errno;     /**< 0. */
    int32_t si_code;      /**< LX_SI_USER (sent) or a fault's code (LX_SEGV_MAPERR...). */
    uint32_t si_addr;     /**< A fault: the address that faulted (else si_pid: 0 here). */
    uint32_t pad[28];     /**< Up to 128 bytes. */
};
_Static_assert(sizeof(struct lx_siginfo) == 128, "siginfo_t is 128 bytes");

/** @brief The registers a handler interrupted (asm/sigcontext.h, struct sigcontext). */
struct lx_sigcontext {
    uint32_t trap_no;        /**< 0. */
    uint32_t error_code;     /**< 0. */
    uint32_t oldmask;        /**< The low 32 bits of the interrupted mask. */
    uint32_t arm_r[11];      /**< r0..r10. */
    uint32_t arm_fp;         /**< r11. */
    uint32_t arm_ip;         /**< r12. */
    uint32_t arm_sp;         /**< r13. */
    uint32_t arm_lr;         /**< r14. */
    uint32_t arm_pc;         /**< r15: where the interrupted code goes on. */
    uint32_t arm_cpsr;       /**< Flags and Thumb/IT state. */
    uint32_t fault_address;  /**< A fault: its address. */
};
_Static_assert(sizeof(struct lx_sigcontext) == 84, "struct sigcontext is 21 words");

/** @brief A handler's third argument (asm/ucontext.h, struct ucontext): the state that
 *  rt_sigreturn puts back. A handler may change it (its pc, say) to go on elsewhere. */
struct lx_ucontext {
    uint32_t uc_flags;               /**< 0. */
    uint32_t uc_link;                /**< 0. */
    uint32_t ss_sp;                  /**< uc_stack: no sigaltstack here, so 0... */
    uint32_t ss_flags;               /**< ...LX_SS_DISABLE... */
    uint32_t ss_size;                /**< ...and 0. */
    struct lx_sigcontext uc_mcontext;/**< The interrupted registers. */
    uint64_t uc_sigmask;             /**< The interrupted mask (restored by rt_sigreturn). */
    uint32_t unused[30];             /**< Room for glibc's 1024-bit sigset_t. */
    uint32_t uc_regspace[128] __attribute__((aligned(8)));  /**< Coprocessor state: a
                                                                 struct lx_vfp_sigframe, then 0. */
};

/** @brief The floating-point registers in a signal frame's uc_regspace (Linux's
 *  vfp_sigframe): saved at the signal, restored by (rt_)sigreturn. */
struct lx_vfp_sigframe {
    uint32_t magic;        /**< LX_VFP_MAGIC. */
    uint32_t size;         /**< sizeof(struct lx_vfp_sigframe): 0x120. */
    uint64_t fpregs[32];   /**< d0..d31. */
    uint32_t fpscr;        /**< Status and control. */
    uint32_t pad;          /**< (user_vfp's alignment) */
    uint32_t fpexc;        /**< FPEXC as the process sees it (enabled). */
    uint32_t fpinst;       /**< Unused (0). */
    uint32_t fpinst2;      /**< Unused (0). */
    uint32_t pad2;         /**< To 8 bytes. */
};
_Static_assert(sizeof(struct lx_vfp_sigframe) == 0x120, "VFP_STORAGE_SIZE is 0x120");
#define LX_VFP_MAGIC 0x56465001u   /**< lx_vfp_sigframe::magic. */
_Static_assert(sizeof(struct lx_ucontext) == 744, "ARM struct ucontext is 744 bytes");

/** @brief The frame a handler finds at its sp (arch/arm/kernel/signal.c, rt_sigframe):
 *  r1 = &info, r2 = &uc. */
struct lx_rt_sigframe {
    struct lx_siginfo info;   /**< At sp. */
    struct lx_ucontext uc;    /**< At sp + 128. */
    uint32_t retcode[4];      /**< Linux's return trampoline (unused: SA_RESTORER). */
};
_Static_assert(sizeof(struct lx_rt_sigframe) == 888, "ARM rt_sigframe is 888 bytes");

#endif /* MINILINUX_ABI_TYPES_H */
