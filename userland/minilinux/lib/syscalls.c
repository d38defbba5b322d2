/*
 * syscalls.c - the minilinux runtime: __ml_start() (called by crt0 with argc, argv and
 * envp from Linux's initial stack) and newlib's system hooks on Linux system calls:
 * output is write(2), the heap is brk(2), exit is exit_group(2).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "linux.h"

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

/* A raw result: -4095..-1 is -errno. */
static int ret(int32_t rc) {
    if (rc < 0 && rc > -4096) {
        errno = -rc;
        return -1;
    }
    return rc;
}

int _write(int fd, const char *buf, int len) { return ret(lx_write(fd, buf, (uint32_t)len)); }

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

void _exit(int code) { lx_exit_group(code); }
int _getpid(void) { return lx_getpid(); }
int _read(int fd, char *buf, int len) { (void)fd, (void)buf, (void)len; errno = ENOSYS; return -1; }
int _close(int fd) { (void)fd; errno = EBADF; return -1; }
int _lseek(int fd, int off, int whence) { (void)fd, (void)off, (void)whence; errno = ESPIPE; return -1; }
int _isatty(int fd) { return fd >= 0 && fd <= 2; }
int _fstat(int fd, struct stat *st) { (void)fd; st->st_mode = S_IFCHR; return 0; }
int _kill(int pid, int sig) { (void)pid, (void)sig; errno = ENOSYS; return -1; }
int _open(const char *path, int flags, int mode) { (void)path, (void)flags, (void)mode; errno = ENOSYS; return -1; }
int _gettimeofday(void *tv, void *tz) { (void)tv, (void)tz; errno = ENOSYS; return -1; }
void _init(void) {}
void _fini(void) {}
