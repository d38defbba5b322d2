/*
 * syscalls.c - the minilinux runtime: __ml_start() (called by crt0 with argc, argv and
 * envp from Linux's initial stack) and newlib's system hooks (_read, _open, _fork...) on
 * Linux system calls. Flags, errno values and signal numbers are translated between
 * newlib's numbering (what programs see) and Linux's (what the kernel sees): linux.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include "linux.h"
#include "posix.h"

extern char **environ;
extern void __libc_init_array(void);
extern int main(int argc, char **argv, char **envp);

const uint32_t *lx_auxv;

uint32_t lx_getauxval(uint32_t key) {
    for (const uint32_t *a = lx_auxv; a && a[0] != LX_AT_NULL; a += 2)
        if (a[0] == key)
            return a[1];
    return 0;
}

void __ml_start(int argc, char **argv, char **envp) __attribute__((noreturn));
void __ml_start(int argc, char **argv, char **envp) {
    char **e = envp;
    while (*e)
        e++;
    lx_auxv = (const uint32_t *)(e + 1);
    environ = envp;
    __libc_init_array();
    exit(main(argc, argv, envp));
}

int lx_ret(int32_t rc) {
    if (rc < 0 && rc > -4096) {
        errno = lx_errno_from_linux(-rc);
        return -1;
    }
    return rc;
}

/* newlib's open flags (sys/_default_fcntl.h) and Linux's (abi.h) share only the access
 * mode, so each other flag is mapped on its own. */
static const struct { int nl; uint32_t lx; } open_flags[] = {
    {O_CREAT, LX_O_CREAT},         {O_EXCL, LX_O_EXCL},     {O_NOCTTY, LX_O_NOCTTY},
    {O_TRUNC, LX_O_TRUNC},         {O_APPEND, LX_O_APPEND}, {O_NONBLOCK, LX_O_NONBLOCK},
    {O_DIRECTORY, LX_O_DIRECTORY}, {O_CLOEXEC, LX_O_CLOEXEC}, {O_NOFOLLOW, LX_O_NOFOLLOW},
};
#define N_OPEN_FLAGS (sizeof open_flags / sizeof open_flags[0])

uint32_t lx_oflags_to_linux(int flags) {
    uint32_t lx = (uint32_t)flags & LX_O_ACCMODE;
    for (unsigned i = 0; i < N_OPEN_FLAGS; i++)
        if (flags & open_flags[i].nl)
            lx |= open_flags[i].lx;
    return lx | LX_O_LARGEFILE;
}

int lx_oflags_from_linux(uint32_t lx) {
    int flags = (int)(lx & LX_O_ACCMODE);
    for (unsigned i = 0; i < N_OPEN_FLAGS; i++)
        if (lx & open_flags[i].lx)
            flags |= open_flags[i].nl;
    return flags;
}

/* newlib's struct stat has 16-bit dev/ino and a 32-bit size: the caller gets the low
 * bits, which is all a small file system needs. */
void lx_stat_from_linux(const struct lx_stat64 *l, struct stat *st) {
    memset(st, 0, sizeof *st);
    st->st_dev = (dev_t)l->st_dev;
    st->st_ino = (ino_t)l->st_ino;
    st->st_mode = l->st_mode;
    st->st_nlink = (nlink_t)l->st_nlink;
    st->st_uid = (uid_t)l->st_uid;
    st->st_gid = (gid_t)l->st_gid;
    st->st_rdev = (dev_t)l->st_rdev;
    st->st_size = (off_t)l->st_size;
    st->st_blksize = (blksize_t)l->st_blksize;
    st->st_blocks = (blkcnt_t)l->st_blocks;
    st->st_atim.tv_sec = l->st_atime_sec;
    st->st_mtim.tv_sec = l->st_mtime_sec;
    st->st_ctim.tv_sec = l->st_ctime_sec;
}

int _write(int fd, const char *buf, int len) { return lx_ret(lx_write(fd, buf, (uint32_t)len)); }
int _read(int fd, char *buf, int len) { return lx_ret(LX_SC(LX_NR_read, fd, buf, len)); }
int _close(int fd) { return lx_ret(LX_SC(LX_NR_close, fd, 0, 0)); }
int _getpid(void) { return lx_getpid(); }
int _unlink(const char *path) { return lx_ret(LX_SC(LX_NR_unlink, path, 0, 0)); }
void _exit(int code) { lx_exit_group(code); }

int _open(const char *path, int flags, int mode) {
    return lx_ret(LX_SC(LX_NR_open, path, lx_oflags_to_linux(flags), mode));
}

/* _llseek rather than lseek: the kernel computes a 64-bit offset, newlib's off_t is
 * 32 bits, so an offset that does not fit is an error instead of a wrapped number. */
int _lseek(int fd, int off, int whence) {
    int64_t result = 0;
    int rc = lx_ret(lx_syscall6(LX_NR__llseek, (uint32_t)fd, (uint32_t)(off < 0 ? -1 : 0),
                                (uint32_t)off, (uint32_t)&result, (uint32_t)whence, 0));
    if (rc < 0)
        return -1;
    if (result > 0x7fffffff) {
        errno = EOVERFLOW;
        return -1;
    }
    return (int)result;
}

int _fstat(int fd, struct stat *st) {
    struct lx_stat64 l;
    if (lx_ret(LX_SC(LX_NR_fstat64, fd, &l, 0)) < 0)
        return -1;
    lx_stat_from_linux(&l, st);
    return 0;
}

int _stat(const char *path, struct stat *st) {
    struct lx_stat64 l;
    if (lx_ret(LX_SC(LX_NR_stat64, path, &l, 0)) < 0)
        return -1;
    lx_stat_from_linux(&l, st);
    return 0;
}

/* A terminal is what answers TCGETS: the same test as glibc's isatty. */
int _isatty(int fd) {
    struct lx_termios t;
    if (lx_ret(LX_SC(LX_NR_ioctl, fd, LX_TCGETS, &t)) < 0) {
        errno = ENOTTY;
        return 0;
    }
    return 1;
}

int _kill(int pid, int sig) {
    int lsig = sig ? lx_sig_to_linux(sig) : 0;
    if (sig && !lsig) {
        errno = EINVAL;
        return -1;
    }
    return lx_ret(LX_SC(LX_NR_kill, pid, lsig, 0));
}

int _fork(void) { return lx_ret(LX_SC(LX_NR_fork, 0, 0, 0)); }

int _execve(const char *path, char *const argv[], char *const envp[]) {
    return lx_ret(LX_SC(LX_NR_execve, path, argv, envp));
}

int _wait(int *status) { return waitpid(-1, status, 0); }

/* minilinux has no hard links (and the teaching kit needs none). */
int _link(const char *old, const char *new) {
    (void)old, (void)new;
    errno = ENOSYS;
    return -1;
}

int _gettimeofday(struct timeval *tv, void *tz) {
    struct lx_timeval l;
    (void)tz;
    if (lx_ret(LX_SC(LX_NR_gettimeofday, &l, 0, 0)) < 0)
        return -1;
    if (tv) {
        tv->tv_sec = l.tv_sec;
        tv->tv_usec = l.tv_usec;
    }
    return 0;
}

/* No per-process CPU accounting: times() reports only the elapsed clock, in 1/100 s. */
clock_t _times(struct tms *t) {
    struct lx_timespec ts = {0, 0};
    if (t)
        memset(t, 0, sizeof *t);
    LX_SC(LX_NR_clock_gettime, LX_CLOCK_MONOTONIC, &ts, 0);
    return (clock_t)(ts.tv_sec * 100 + ts.tv_nsec / 10000000);
}

void *_sbrk(int incr) {
    static uint32_t cur;
    if (!cur)
        cur = lx_brk(0);
    uint32_t want = cur + (uint32_t)incr;
    if (lx_brk(want) != want) {
        errno = ENOMEM;
        return (void *)-1;
    }
    uint32_t old = cur;
    cur = want;
    return (void *)old;
}

void _init(void) {}
void _fini(void) {}
