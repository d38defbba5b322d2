/*
 * syscalls.c - newlib's system hooks for a program that runs directly on the
 * microvisor: output goes to the console hypercall, the heap grows from the end
 * of the image towards the stack, and exit() stops the VM.
 */
#include <errno.h>
#include <sys/stat.h>
#include "mv/guest.h"

#define STACK_RESERVE (64 * 1024)   /* the heap never grows closer than this to the stack top */

extern char end[];
/* The initial stack pointer (the top of the VM's RAM), saved by crt0. The heap's ceiling
 * is fixed from it, not from the current sp: a vCPU running on another stack (one it
 * allocated, say) must see the same heap limit. */
char *__mv_stack_top;

/* The console hypercall takes at most MV_CONSOLE_MAX bytes at a time. */
int _write(int fd, const char *buf, int len) {
    (void)fd;
    int done = 0;
    while (done < len) {
        uint32_t n = (uint32_t)(len - done);
        int32_t rc = mv_console_write(buf + done, n < MV_CONSOLE_MAX ? n : MV_CONSOLE_MAX);
        if (rc < 0) {
            errno = EFAULT;
            return done ? done : -1;
        }
        done += rc;
    }
    return done;
}

void *_sbrk(int incr) {
    static char *brk = end;
    char *limit = __mv_stack_top - STACK_RESERVE;
    if (incr > 0 && (brk >= limit || incr > limit - brk)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    char *old = brk;
    brk += incr;
    return old;
}

void _exit(int code) { mv_vm_exit(code); }
int _read(int fd, char *buf, int len) { (void)fd, (void)buf, (void)len; return 0; }
int _close(int fd) { (void)fd; return -1; }
int _lseek(int fd, int off, int whence) { (void)fd, (void)off, (void)whence; return 0; }
int _isatty(int fd) { (void)fd; return 1; }
int _fstat(int fd, struct stat *st) { (void)fd; st->st_mode = S_IFCHR; return 0; }
int _getpid(void) { return 1; }
int _kill(int pid, int sig) { (void)pid, (void)sig; errno = EINVAL; return -1; }
int _open(const char *path, int flags, int mode) { (void)path, (void)flags, (void)mode; errno = ENOSYS; return -1; }
int _gettimeofday(void *tv, void *tz) { (void)tv, (void)tz; errno = ENOSYS; return -1; }
void _init(void) {}
void _fini(void) {}
