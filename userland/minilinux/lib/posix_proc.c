/*
 * posix_proc.c - processes, time and terminals: waitpid, sleeping, process groups, the
 * tty's foreground group and settings, uname, execvp's PATH search, and minilinux's
 * private process list. Each is a thin layer on one Linux call.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "linux.h"
#include "posix.h"

extern char **environ;

pid_t waitpid(pid_t pid, int *status, int options) {
    int st = 0;
    int rc = lx_ret(lx_syscall6(LX_NR_wait4, (uint32_t)pid, (uint32_t)&st, (uint32_t)options,
                                0, 0, 0));
    if (rc > 0 && status)
        *status = lx_wstatus_from_linux(st);
    return rc;
}

pid_t wait(int *status) { return waitpid(-1, status, 0); }

int nanosleep(const struct timespec *req, struct timespec *rem) {
    struct lx_timespec l = {(int32_t)req->tv_sec, (int32_t)req->tv_nsec}, lrem = {0, 0};
    int rc = lx_ret(LX_SC(LX_NR_nanosleep, &l, &lrem, 0));
    if (rem) {
        rem->tv_sec = lrem.tv_sec;
        rem->tv_nsec = lrem.tv_nsec;
    }
    return rc;
}

unsigned sleep(unsigned seconds) {
    struct timespec req = {seconds, 0}, rem = {0, 0};
    if (nanosleep(&req, &rem) < 0)
        return (unsigned)rem.tv_sec;
    return 0;
}

int usleep(useconds_t us) {
    struct timespec req = {us / 1000000, (long)(us % 1000000) * 1000};
    return nanosleep(&req, NULL);
}

/* newlib's clock ids are not Linux's: only the two every kernel has are mapped. */
int clock_gettime(clockid_t clock, struct timespec *tp) {
    uint32_t lc = clock == CLOCK_MONOTONIC ? LX_CLOCK_MONOTONIC : LX_CLOCK_REALTIME;
    struct lx_timespec l;
    if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME) {
        errno = EINVAL;
        return -1;
    }
    if (lx_ret(LX_SC(LX_NR_clock_gettime, lc, &l, 0)) < 0)
        return -1;
    tp->tv_sec = l.tv_sec;
    tp->tv_nsec = l.tv_nsec;
    return 0;
}

int setpgid(pid_t pid, pid_t pgid) { return lx_ret(LX_SC(LX_NR_setpgid, pid, pgid, 0)); }
pid_t getpgrp(void) { return LX_SC(LX_NR_getpgrp, 0, 0, 0); }
pid_t getpgid(pid_t pid) { return lx_ret(LX_SC(LX_NR_getpgid, pid, 0, 0)); }
pid_t getppid(void) { return LX_SC(LX_NR_getppid, 0, 0, 0); }
pid_t setsid(void) { return lx_ret(LX_SC(LX_NR_setsid, 0, 0, 0)); }
uid_t getuid(void) { return (uid_t)LX_SC(LX_NR_getuid32, 0, 0, 0); }

pid_t tcgetpgrp(int fd) {
    int32_t pgrp = 0;
    if (lx_ret(LX_SC(LX_NR_ioctl, fd, LX_TIOCGPGRP, &pgrp)) < 0)
        return -1;
    return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp) {
    int32_t p = pgrp;
    return lx_ret(LX_SC(LX_NR_ioctl, fd, LX_TIOCSPGRP, &p));
}

int tcgetattr(int fd, struct termios *t) { return lx_ret(LX_SC(LX_NR_ioctl, fd, LX_TCGETS, t)); }

int tcsetattr(int fd, int when, const struct termios *t) {
    static const uint32_t req[] = {LX_TCSETS, LX_TCSETSW, LX_TCSETSF};
    if (when < 0 || when > 2) {
        errno = EINVAL;
        return -1;
    }
    return lx_ret(LX_SC(LX_NR_ioctl, fd, req[when], t));
}

int uname(struct utsname *u) { return lx_ret(LX_SC(LX_NR_uname, u, 0, 0)); }

int lx_is_minilinux(void) {
    struct utsname u;
    return uname(&u) == 0 && strstr(u.release, "minilinux") != NULL;
}

/* Linux raises SIGILL (not ENOSYS) for an unknown ARM-private call above 0x0f07ff, as
 * LX_NR_ml_procs is: so ask only a kernel that says it is minilinux. */
int ml_procs(struct lx_procinfo *buf, int max) {
    if (!lx_is_minilinux()) {
        errno = ENOSYS;
        return -1;
    }
    return lx_ret(LX_SC(LX_NR_ml_procs, buf, max, 0));
}

int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

/* Try @p file in each directory of PATH (default /bin); the last interesting error wins,
 * as in glibc: ENOENT only if no candidate existed at all. */
int execvpe(const char *file, char *const argv[], char *const envp[]) {
    if (strchr(file, '/'))
        return execve(file, argv, envp);
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/bin";
    size_t flen = strlen(file);
    int err = ENOENT;
    for (const char *p = path;; p++) {
        const char *end = strchr(p, ':');
        size_t dlen = end ? (size_t)(end - p) : strlen(p);
        char full[512];
        if (dlen + flen + 2 <= sizeof full) {
            memcpy(full, p, dlen);
            full[dlen] = '/';
            memcpy(full + dlen + (dlen ? 1 : 0), file, flen + 1);
            execve(dlen ? full : file, argv, envp);
            if (errno != ENOENT && errno != ENOTDIR)
                err = errno;
        }
        if (!end)
            break;
        p = end;
    }
    errno = err;
    return -1;
}

int execvp(const char *file, char *const argv[]) { return execvpe(file, argv, environ); }
