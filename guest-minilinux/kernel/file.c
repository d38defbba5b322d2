/*
 * file.c - open files and file descriptors. Open files come from one system-wide pool
 * (like Unix's file table): a descriptor is a pointer into it, and dup() or fork() only
 * adds a reference, so the two descriptors share one offset and one set of flags.
 *
 * An open file holds a reference to its inode (if it has one); file_put() drops it after
 * the kind's release(), so a device's or a pipe's operations never deal with inodes.
 */
#include "kernel/proc.h"
#include "kernel/vfs.h"

#define NFILE_SYS 64   /* open files in the whole system (ENFILE beyond) */

static struct file file_pool[NFILE_SYS];

struct file *file_alloc(const struct file_ops *ops, uint32_t flags) {
    for (struct file *f = file_pool; f < file_pool + NFILE_SYS; f++) {
        if (f->refs)
            continue;
        *f = (struct file){.ops = ops, .refs = 1, .flags = flags};
        return f;
    }
    return NULL;
}

void file_put(struct file *f) {
    if (--f->refs > 0)
        return;
    if (f->ops->release)
        f->ops->release(f);
    if (f->ino)
        vfs_iput(f->ino);
    f->ino = NULL;
}

struct file *file_get(struct proc *p, int fd) {
    if (fd < 0 || fd >= NFILE)
        return NULL;
    return p->files.fd[fd];
}

void fd_assign(struct proc *p, int fd, struct file *f, int cloexec) {
    struct files *fs = &p->files;
    struct file *old = fs->fd[fd];
    fs->fd[fd] = f;
    if (cloexec)
        fs->cloexec |= 1u << fd;
    else
        fs->cloexec &= ~(1u << fd);
    if (old)   /* after the switch: releasing may wake processes that look at this table */
        file_put(old);
}

int fd_install(struct proc *p, struct file *f, int min) {
    for (int fd = min < 0 ? 0 : min; fd < NFILE; fd++) {
        if (!p->files.fd[fd]) {
            fd_assign(p, fd, f, 0);
            return fd;
        }
    }
    return -LX_EMFILE;
}

int fd_close(struct proc *p, int fd) {
    if (!file_get(p, fd))
        return -LX_EBADF;
    struct file *f = p->files.fd[fd];
    p->files.fd[fd] = NULL;
    p->files.cloexec &= ~(1u << fd);
    file_put(f);
    return 0;
}

int files_init(struct files *fs) {
    struct inode *console;
    int rc = vfs_namei(vfs_root(), "/dev/console", &console);
    if (rc < 0)
        return rc;
    struct file *f = file_alloc(console->dev, LX_O_RDWR);
    if (!f)
        return -LX_ENFILE;
    f->ino = vfs_iget(console);
    *fs = (struct files){.cwd = vfs_iget(vfs_root()), .umask = 022};
    for (int fd = 0; fd < 3; fd++)   /* one open file, as if opened once and dup'ed */
        fs->fd[fd] = f;
    f->refs = 3;
    return 0;
}

int files_fork(struct files *child, const struct files *parent) {
    *child = *parent;
    for (int fd = 0; fd < NFILE; fd++)
        if (child->fd[fd])
            child->fd[fd]->refs++;
    if (child->cwd)
        vfs_iget(child->cwd);
    return 0;
}

/* Close every descriptor of @p fs whose bit is set in @p which. */
static void close_set(struct files *fs, uint32_t which) {
    for (int fd = 0; fd < NFILE; fd++) {
        struct file *f = fs->fd[fd];
        if (!f || !(which & (1u << fd)))
            continue;
        fs->fd[fd] = NULL;
        file_put(f);
    }
    fs->cloexec &= ~which;
}

void files_exec(struct files *fs) { close_set(fs, fs->cloexec); }

void files_close_all(struct files *fs) {
    close_set(fs, ~0u);
    if (fs->cwd)
        vfs_iput(fs->cwd);
    fs->cwd = NULL;
}
