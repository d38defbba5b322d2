/*
 * tty_stub.c - TEMPORARY (ml-fs testing only, deleted before the merge): a weak tty_ops
 * that writes to the console and reads end-of-file, until the real tty.c arrives.
 */
#include "kernel/tty.h"
#include "kernel/proc.h"

static int32_t stub_write(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    char buf[128];
    (void)f;
    for (uint32_t done = 0; done < n;) {
        uint32_t chunk = n - done < sizeof buf ? n - done : sizeof buf;
        if (port_copy_from_user(&p->th, buf, ubuf + done, chunk))
            return done ? (int32_t)done : -LX_EFAULT;
        port_console_write(buf, chunk);
        done += chunk;
    }
    return (int32_t)n;
}

static int32_t stub_read(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    (void)f, (void)p, (void)ubuf, (void)n;
    return 0;
}

__attribute__((weak)) const struct file_ops tty_ops = {.read = stub_read, .write = stub_write};
