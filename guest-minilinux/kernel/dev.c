/*
 * dev.c - the character devices of /dev: console and tty (the tty's operations, tty.c),
 * null (reads find the end of file, writes vanish) and zero (reads give zeros). A device
 * inode only names the operations its open files get (inode::dev).
 */
#include "kernel/vfs.h"
#include "kernel/tty.h"
#include "kernel/proc.h"

#define DEV(major, minor) (((major) << 8) | (minor))   /* Linux's old encoding */

static int32_t null_read(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    (void)f, (void)p, (void)ubuf, (void)n;
    return 0;
}

static int32_t null_write(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    (void)f, (void)p, (void)ubuf;
    return (int32_t)n;
}

static int32_t zero_read(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    static const uint8_t zeros[256];
    (void)f;
    for (uint32_t done = 0; done < n;) {
        uint32_t chunk = n - done < sizeof zeros ? n - done : sizeof zeros;
        if (port_copy_to_user(&p->th, ubuf + done, zeros, chunk))
            return done ? (int32_t)done : -LX_EFAULT;
        done += chunk;
    }
    return (int32_t)n;
}

static const struct file_ops null_ops = {.read = null_read, .write = null_write};
static const struct file_ops zero_ops = {.read = zero_read, .write = null_write};

static const struct {
    const char *name;
    const struct file_ops *ops;
    uint32_t rdev;
} devices[] = {
    {"console", &tty_ops, DEV(5u, 1u)},
    {"tty", &tty_ops, DEV(5u, 0u)},
    {"null", &null_ops, DEV(1u, 3u)},
    {"zero", &zero_ops, DEV(1u, 5u)},
};

void dev_init(struct inode *dev) {
    for (uint32_t i = 0; i < sizeof devices / sizeof devices[0]; i++) {
        struct inode *ino;
        if (vfs_create(dev, devices[i].name, LX_S_IFCHR | 0666u, VFS_RDONLY, &ino) < 0)
            kpanic("vfs: cannot create /dev/%s", devices[i].name);
        ino->dev = devices[i].ops;
        ino->rdev = devices[i].rdev;
    }
}
