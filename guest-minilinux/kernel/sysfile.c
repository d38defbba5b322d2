/*
 * sysfile.c - system calls about files. For now the only files are the console, as file
 * descriptors 1 and 2; files, pipes and the tty come with later steps.
 */
#include "kernel/syscall.h"

#define CHUNK 256u   /* bytes copied from the process at a time */

int32_t sys_write(struct proc *p, const uint32_t a[6]) {
    uint32_t fd = a[0], buf = a[1], count = a[2], done = 0;
    char kbuf[CHUNK];
    if (fd != 1 && fd != 2)
        return -LX_EBADF;
    if (count > 0x7fffffffu)
        count = 0x7fffffffu;
    while (done < count) {
        uint32_t n = count - done < CHUNK ? count - done : CHUNK;
        if (port_copy_from_user(&p->th, kbuf, buf + done, n))
            return done ? (int32_t)done : -LX_EFAULT;
        port_console_write(kbuf, n);
        done += n;
    }
    return (int32_t)done;
}
