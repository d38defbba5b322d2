/*
 * syscalls.c - newlib's system hooks for a program that runs directly on the
 * microvisor: output goes to the console hypercall, the heap grows from the end
 * of the image towards the stack, and exit() stops the VM.
 */
#include <errno.h>
#include <sys/stat.h>
#include "mv/guest.h"

#define STACK_RESERVE (64 * 1024)   /* heap never grows closer than this to sp */

extern char end[];

int _write(int fd, const char *buf, int len) {
    (void)fd;
    int32_t n = mv_console_write(buf, (uint32_t)len);
    if (n < 0) {
        errno = EFAULT;
        return -1;
    }
    return n;
}

void *_sbrk(int incr) {
    static char *brk = end;
    char *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    if (incr > 0 && brk + incr > sp - STACK_RESERVE) {
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
