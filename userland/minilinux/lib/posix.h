/**
 * @file posix.h
 * @brief The POSIX interfaces minilinux programs use that newlib's arm-none-eabi headers
 *        lack or declare without an implementation: directories, termios, uname, waitpid,
 *        the rest of signals, and minilinux's process list.
 *
 * Include it after the standard headers. Functions newlib already declares (pipe, dup2,
 * fork, execvp, sigaction, nanosleep...) keep newlib's prototypes and are implemented in
 * this directory; only what newlib does not declare at all is declared here. newlib's
 * <dirent.h> and <termios.h> are unusable on this target (they #error or include a missing
 * file), so their contents are here instead.
 */
#ifndef MINILINUX_USER_POSIX_H
#define MINILINUX_USER_POSIX_H

#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "minilinux/abi_types.h"

/** @name Directories (getdents64) */
/**@{*/
/** @brief One directory entry, as readdir() returns it. */
struct dirent {
    uint32_t d_ino;        /**< Inode number (low 32 bits). */
    unsigned char d_type;  /**< DT_* (Linux's values). */
    char d_name[256];      /**< The name. */
};
/** @brief An open directory stream (opaque outside lib/dir.c). */
typedef struct lx_dir DIR;
#define DT_UNKNOWN 0u
#define DT_FIFO LX_DT_FIFO
#define DT_CHR LX_DT_CHR
#define DT_DIR LX_DT_DIR
#define DT_REG LX_DT_REG
#define DT_LNK LX_DT_LNK
/** @brief Opens directory @p path for reading; NULL and errno on failure. */
DIR *opendir(const char *path);
/** @brief The next entry of @p d, NULL at the end (errno unchanged) or on error. */
struct dirent *readdir(DIR *d);
/** @brief Closes @p d and frees it. */
int closedir(DIR *d);
/** @brief The file descriptor under @p d. */
int dirfd(DIR *d);
/**@}*/

/** @name Terminals */
/**@{*/
/** @brief The terminal's settings (the kernel's struct termios). */
struct termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[LX_NCCS];
};
#define ISIG LX_ISIG
#define ICANON LX_ICANON
#define ECHO LX_ECHO
#define VINTR LX_VINTR
#define VEOF LX_VEOF
#define VMIN LX_VMIN
#define VTIME LX_VTIME
#define TCSANOW 0
#define TCSADRAIN 1
#define TCSAFLUSH 2
/** @brief Reads @p fd's terminal settings (TCGETS). */
int tcgetattr(int fd, struct termios *t);
/** @brief Sets them (TCSETS, TCSETSW or TCSETSF by @p when). */
int tcsetattr(int fd, int when, const struct termios *t);
/**@}*/

/** @name System identification */
/**@{*/
/** @brief uname's answer. */
struct utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};
/** @brief Fills @p u (uname(2)). */
int uname(struct utsname *u);
/** @brief Nonzero when the kernel is minilinux (its release says so). */
int lx_is_minilinux(void);
/**@}*/

/** @name Processes and signals */
/**@{*/
#ifndef SA_RESTART
#define SA_RESTART 0x10000000   /**< Restart a system call the handler interrupted. */
#define SA_NODEFER 0x40000000   /**< Do not block the signal inside its handler. */
#define SA_RESETHAND 0x80000000 /**< Back to SIG_DFL once delivered. */
#endif
#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC ((clockid_t)4) /**< newlib's number (time.h hides it here). */
#endif
/** @brief nanosleep(2) (time.h declares it only with _POSIX_TIMERS, unset here). */
int nanosleep(const struct timespec *req, struct timespec *rem);
/** @brief clock_gettime(2): CLOCK_REALTIME or CLOCK_MONOTONIC. */
int clock_gettime(clockid_t clock, struct timespec *tp);
#ifndef WCOREDUMP
#define WCOREDUMP(w) ((w) & 0x80)
#endif
/** @brief lstat: stat without following a final symbolic link. */
int lstat(const char *path, struct stat *st);
/** @brief The signal number of name @p name ("INT", "SIGINT" or a Linux number "2"), or
 *         0 if there is none. Numbers are read as Linux's, as kill(1) users expect. */
int lx_signum(const char *name);
/** @brief The short name ("INT") of signal @p sig, NULL if unknown. */
const char *lx_signame(int sig);
/** @brief ml_procs: fills up to @p max entries of @p buf; the number of processes, or
 *         -1 (ENOSYS on a kernel that is not minilinux). */
int ml_procs(struct lx_procinfo *buf, int max);
/**@}*/

/** @name Translation helpers (lib/syscalls.c) */
/**@{*/
/** @brief Linux's number of newlib signal @p sig (what kill(1) and $? show), 0 if none. */
int lx_sig_to_linux(int sig);
/** @brief newlib's number of Linux signal @p lsig, 0 if none. */
int lx_sig_from_linux(int lsig);
/** @brief Linux open flags for newlib's @p flags. */
uint32_t lx_oflags_to_linux(int flags);
/** @brief newlib open flags for Linux's @p lx. */
int lx_oflags_from_linux(uint32_t lx);
/** @brief Converts Linux's stat64 @p l to newlib's @p st. */
void lx_stat_from_linux(const struct lx_stat64 *l, struct stat *st);
/**@}*/

#endif
