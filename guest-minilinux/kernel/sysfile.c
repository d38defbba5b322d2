/*
 * sysfile.c - system calls on file descriptors: reading and writing (and their vector
 * forms), seeking, closing, duplicating, fcntl, ioctl and pipes. What a descriptor's
 * file does is up to its operations (file.h); these calls check the descriptor and the
 * access mode, and move the arguments in and out of the process.
 */
#include "kernel/syscall.h"
#include "kernel/pipe.h"
#include "kernel/vfs.h"

#define IO_MAX 0x7ffff000u   /* Linux's limit on one transfer: the result must fit an int */
#define IOV_MAX 64u          /* segments of one readv/writev (Linux allows 1024) */

/* Read or write @p n bytes at user address @p ubuf through open file @p f. */
static int32_t file_io(struct proc *p, struct file *f, int writing, uint32_t ubuf, uint32_t n) {
    uint32_t acc = f->flags & LX_O_ACCMODE;
    if (acc == (writing ? LX_O_RDONLY : LX_O_WRONLY))
        return -LX_EBADF;
    int32_t (*op)(struct file *, struct proc *, uint32_t, uint32_t) =
        writing ? f->ops->write : f->ops->read;
    if (!op)
        return -LX_EINVAL;
    return op(f, p, ubuf, n > IO_MAX ? IO_MAX : n);
}

/* read and write: @p a = fd, buf, count. */
static int32_t rw(struct proc *p, const uint32_t a[6], int writing) {
    struct file *f = file_get(p, (int)a[0]);
    return f ? file_io(p, f, writing, a[1], a[2]) : -LX_EBADF;
}

int32_t sys_read(struct proc *p, const uint32_t a[6]) { return rw(p, a, 0); }
int32_t sys_write(struct proc *p, const uint32_t a[6]) { return rw(p, a, 1); }

/* One segment after another. Once bytes have moved the call must not sleep (a sleeping
 * call starts again from scratch and would move them twice), so the later segments run
 * with O_NONBLOCK, and a short segment ends the call. */
static int32_t rwv(struct proc *p, const uint32_t a[6], int writing) {
    struct file *f = file_get(p, (int)a[0]);
    struct lx_iovec iov[IOV_MAX];
    uint32_t cnt = a[2], done = 0;
    if (!f)
        return -LX_EBADF;
    if (cnt > IOV_MAX)
        return -LX_EINVAL;
    if (port_copy_from_user(&p->th, iov, a[1], cnt * sizeof iov[0]))
        return -LX_EFAULT;
    uint32_t saved = f->flags;
    for (uint32_t i = 0; i < cnt; i++) {
        if (done)
            f->flags |= LX_O_NONBLOCK;
        int32_t rc = file_io(p, f, writing, iov[i].iov_base, iov[i].iov_len);
        f->flags = saved;
        if (rc < 0)
            return done ? (int32_t)done : rc;
        done += (uint32_t)rc;
        if ((uint32_t)rc < iov[i].iov_len)
            break;
    }
    return (int32_t)done;
}

int32_t sys_readv(struct proc *p, const uint32_t a[6]) { return rwv(p, a, 0); }
int32_t sys_writev(struct proc *p, const uint32_t a[6]) { return rwv(p, a, 1); }

int32_t sys_close(struct proc *p, const uint32_t a[6]) { return fd_close(p, (int)a[0]); }

/* Move @p f's offset by @p off from @p whence. @return 0 with *@p pos set, -errno. */
static int seek(struct file *f, int64_t off, uint32_t whence, uint64_t *pos) {
    if (!f->ino || !(vfs_is_reg(f->ino) || vfs_is_dir(f->ino)))
        return -LX_ESPIPE;   /* pipes, the tty: a stream has no offset */
    int64_t base = whence == LX_SEEK_SET ? 0
                 : whence == LX_SEEK_CUR ? (int64_t)f->pos
                 : whence == LX_SEEK_END ? (int64_t)f->ino->size : -1;
    if (base < 0 || base + off < 0)
        return -LX_EINVAL;
    *pos = f->pos = (uint64_t)(base + off);
    return 0;
}

int32_t sys_lseek(struct proc *p, const uint32_t a[6]) {
    struct file *f = file_get(p, (int)a[0]);
    uint64_t pos;
    int rc = f ? seek(f, (int32_t)a[1], a[2], &pos) : -LX_EBADF;
    if (rc < 0)
        return rc;
    return pos > 0x7fffffffu ? -LX_EINVAL : (int32_t)pos;
}

/* _llseek(fd, offset_high, offset_low, result, whence): a 64-bit offset, the result
 * written to user memory. */
int32_t sys__llseek(struct proc *p, const uint32_t a[6]) {
    struct file *f = file_get(p, (int)a[0]);
    uint64_t pos;
    int rc = f ? seek(f, (int64_t)(((uint64_t)a[1] << 32) | a[2]), a[4], &pos) : -LX_EBADF;
    if (rc < 0)
        return rc;
    return port_copy_to_user(&p->th, a[3], &pos, sizeof pos) ? -LX_EFAULT : 0;
}

/* A new descriptor >= @p min for @p f (one more reference). */
static int32_t dup_from(struct proc *p, struct file *f, int min, int cloexec) {
    f->refs++;
    int fd = fd_install(p, f, min);
    if (fd < 0) {
        f->refs--;
        return fd;
    }
    if (cloexec)
        p->files.cloexec |= 1u << fd;
    return fd;
}

int32_t sys_dup(struct proc *p, const uint32_t a[6]) {
    struct file *f = file_get(p, (int)a[0]);
    return f ? dup_from(p, f, 0, 0) : -LX_EBADF;
}

/* dup2 and dup3: make @p newfd another descriptor of @p oldfd's file. */
static int32_t dup_onto(struct proc *p, uint32_t oldfd, uint32_t newfd, int cloexec) {
    struct file *f = file_get(p, (int)oldfd);
    if (!f || newfd >= NFILE)
        return -LX_EBADF;
    if (oldfd != newfd) {
        f->refs++;
        fd_assign(p, (int)newfd, f, cloexec);
    }
    return (int32_t)newfd;
}

int32_t sys_dup2(struct proc *p, const uint32_t a[6]) { return dup_onto(p, a[0], a[1], 0); }

int32_t sys_dup3(struct proc *p, const uint32_t a[6]) {
    if ((a[2] & ~LX_O_CLOEXEC) || a[0] == a[1])
        return -LX_EINVAL;
    return dup_onto(p, a[0], a[1], (a[2] & LX_O_CLOEXEC) != 0);
}

int32_t sys_fcntl64(struct proc *p, const uint32_t a[6]) {
    int fd = (int)a[0];
    struct file *f = file_get(p, fd);
    uint32_t bit = 1u << (fd & 31), arg = a[2];
    if (!f)
        return -LX_EBADF;
    switch (a[1]) {
    case LX_F_DUPFD:
    case LX_F_DUPFD_CLOEXEC:
        if (arg >= NFILE)
            return -LX_EINVAL;
        return dup_from(p, f, (int)arg, a[1] == LX_F_DUPFD_CLOEXEC);
    case LX_F_GETFD:
        return (p->files.cloexec & bit) ? (int32_t)LX_FD_CLOEXEC : 0;
    case LX_F_SETFD:
        p->files.cloexec = (arg & LX_FD_CLOEXEC) ? p->files.cloexec | bit : p->files.cloexec & ~bit;
        return 0;
    case LX_F_GETFL:
        return (int32_t)f->flags;
    case LX_F_SETFL:   /* only these two can change; the access mode stays */
        f->flags = (f->flags & ~(LX_O_APPEND | LX_O_NONBLOCK)) |
                   (arg & (LX_O_APPEND | LX_O_NONBLOCK));
        return 0;
    default:
        return -LX_EINVAL;
    }
}

int32_t sys_ioctl(struct proc *p, const uint32_t a[6]) {
    struct file *f = file_get(p, (int)a[0]);
    if (!f)
        return -LX_EBADF;
    return f->ops->ioctl ? f->ops->ioctl(f, p, a[1], a[2]) : -LX_ENOTTY;
}

int32_t sys_pipe2(struct proc *p, const uint32_t a[6]) {
    struct file *rd, *wr;
    int32_t fds[2] = {-1, -1};
    if (a[1] & ~(LX_O_CLOEXEC | LX_O_NONBLOCK))
        return -LX_EINVAL;
    int rc = pipe_create(a[1], &rd, &wr);
    if (rc < 0)
        return rc;
    int cloexec = (a[1] & LX_O_CLOEXEC) != 0;
    if ((fds[0] = dup_from(p, rd, 0, cloexec)) >= 0)
        fds[1] = dup_from(p, wr, 0, cloexec);
    file_put(rd);   /* the descriptors hold them now (or nothing does) */
    file_put(wr);
    if (fds[0] < 0 || fds[1] < 0 || port_copy_to_user(&p->th, a[0], fds, sizeof fds)) {
        rc = fds[0] < 0 ? fds[0] : fds[1] < 0 ? fds[1] : -LX_EFAULT;
        if (fds[0] >= 0)
            fd_close(p, fds[0]);
        if (fds[0] >= 0 && fds[1] >= 0)
            fd_close(p, fds[1]);
        return rc;
    }
    return 0;
}

int32_t sys_pipe(struct proc *p, const uint32_t a[6]) {
    const uint32_t b[6] = {a[0], 0, 0, 0, 0, 0};
    return sys_pipe2(p, b);
}
