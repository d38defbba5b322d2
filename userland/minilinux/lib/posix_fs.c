/*
 * posix_fs.c - file-system and descriptor calls newlib declares but does not implement
 * on this target: each is one Linux system call, with flags translated where newlib's
 * numbers differ (fcntl's F_DUPFD_CLOEXEC and status flags).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "linux.h"
#include "posix.h"

int pipe(int fds[2]) { return lx_ret(LX_SC(LX_NR_pipe, fds, 0, 0)); }
int pipe2(int fds[2], int flags) {
    return lx_ret(LX_SC(LX_NR_pipe2, fds, lx_oflags_to_linux(flags) & ~LX_O_LARGEFILE, 0));
}
int dup(int fd) { return lx_ret(LX_SC(LX_NR_dup, fd, 0, 0)); }
int dup2(int fd, int fd2) { return lx_ret(LX_SC(LX_NR_dup2, fd, fd2, 0)); }
int chdir(const char *path) { return lx_ret(LX_SC(LX_NR_chdir, path, 0, 0)); }
int mkdir(const char *path, mode_t mode) { return lx_ret(LX_SC(LX_NR_mkdir, path, mode, 0)); }
int rmdir(const char *path) { return lx_ret(LX_SC(LX_NR_rmdir, path, 0, 0)); }
int rename(const char *from, const char *to) { return lx_ret(LX_SC(LX_NR_rename, from, to, 0)); }
int access(const char *path, int mode) { return lx_ret(LX_SC(LX_NR_access, path, mode, 0)); }
mode_t umask(mode_t mask) { return (mode_t)LX_SC(LX_NR_umask, mask, 0, 0); }

/** @brief getcwd(3); with @p buf NULL, a malloc'd buffer (glibc's extension). */
char *getcwd(char *buf, size_t size) {
    char *b = buf;
    if (!b) {
        size = size ? size : 4096;
        if (!(b = malloc(size)))
            return NULL;
    }
    if (lx_ret(LX_SC(LX_NR_getcwd, b, size, 0)) < 0) {
        if (!buf)
            free(b);
        return NULL;
    }
    return b;
}

int lstat(const char *path, struct stat *st) {
    struct lx_stat64 l;
    if (lx_ret(LX_SC(LX_NR_lstat64, path, &l, 0)) < 0)
        return -1;
    lx_stat_from_linux(&l, st);
    return 0;
}

int fcntl(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    int arg = va_arg(ap, int);
    va_end(ap);
    switch (cmd) {
    case F_DUPFD_CLOEXEC:
        return lx_ret(LX_SC(LX_NR_fcntl64, fd, LX_F_DUPFD_CLOEXEC, arg));
    case F_GETFL: {
        int rc = lx_ret(LX_SC(LX_NR_fcntl64, fd, LX_F_GETFL, 0));
        return rc < 0 ? rc : lx_oflags_from_linux((uint32_t)rc);
    }
    case F_SETFL:
        return lx_ret(LX_SC(LX_NR_fcntl64, fd, LX_F_SETFL, lx_oflags_to_linux(arg)));
    case F_DUPFD: case F_GETFD: case F_SETFD:   /* the same numbers as Linux's */
        return lx_ret(LX_SC(LX_NR_fcntl64, fd, cmd, arg));
    default:
        errno = EINVAL;
        return -1;
    }
}
