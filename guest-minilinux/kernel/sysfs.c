/*
 * sysfs.c - system calls on paths: open, stat, access, umask (directories are sysdir.c's,
 * links syslink.c's). Each copies its path in from the process
 * (at most VFS_PATH_MAX bytes), walks it (path.c) from the root, the working directory or
 * a directory descriptor (the *at() calls), then asks the tree (vfs.c) to do the work.
 */
#include "kernel/syscall.h"
#include "kernel/upath.h"

/* The inode @p vp names for open(): found, or created with O_CREAT. */
static int open_inode(struct proc *p, struct vfs_path *vp, uint32_t flags, uint32_t mode,
                      struct inode **ino) {
    if (vp->ino) {
        if ((flags & LX_O_CREAT) && (flags & LX_O_EXCL))
            return -LX_EEXIST;
        if ((flags & LX_O_CREAT) && vfs_is_dir(vp->ino))
            return -LX_EISDIR;   /* O_CREAT promises a regular file */
        *ino = vp->ino;
        return 0;
    }
    if (!(flags & LX_O_CREAT))
        return -LX_ENOENT;
    if (vp->trailing_slash)
        return -LX_EISDIR;
    mode = LX_S_IFREG | (mode & 07777u & ~p->files.umask);
    return vfs_create(vp->dir, vp->name, mode, 0, ino);
}

/* May @p ino be opened with @p flags? O_TRUNC happens here. */
static int open_check(struct inode *ino, uint32_t flags) {
    uint32_t acc = flags & LX_O_ACCMODE;
    if (acc == LX_O_ACCMODE)
        return -LX_EINVAL;
    if ((flags & LX_O_DIRECTORY) && !vfs_is_dir(ino))
        return -LX_ENOTDIR;
    if (vfs_is_dir(ino) && acc != LX_O_RDONLY)
        return -LX_EISDIR;
    if (!vfs_is_reg(ino) || acc == LX_O_RDONLY)
        return 0;
    if (ino->rodata || (ino->flags & VFS_RDONLY))
        return -LX_EROFS;
    return (flags & LX_O_TRUNC) ? vfs_truncate(ino, 0) : 0;
}

static int32_t do_open(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t flags, uint32_t mode) {
    struct upath up;
    struct inode *ino;
    /* O_NOFOLLOW opens no link; O_CREAT | O_EXCL creates no file through a link (EEXIST) */
    int excl = (flags & LX_O_CREAT) && (flags & LX_O_EXCL);
    int rc = upath_walk(p, dirfd, upath, (flags & LX_O_NOFOLLOW) || excl ? VFS_NOFOLLOW : 0, &up);
    if (!rc && up.vp.ino && vfs_is_link(up.vp.ino) && !excl)
        rc = -LX_ELOOP;   /* O_NOFOLLOW met a link */
    if (!rc)
        rc = open_inode(p, &up.vp, flags, mode, &ino);
    if (!rc)
        rc = open_check(ino, flags);
    if (rc)
        return rc;
    int chr = (ino->mode & LX_S_IFMT) == LX_S_IFCHR;
    struct file *f = file_alloc(chr ? ino->dev : &vfs_file_ops,
                                flags & (LX_O_ACCMODE | LX_O_APPEND | LX_O_NONBLOCK));
    if (!f)
        return -LX_ENFILE;
    f->ino = vfs_iget(ino);
    int fd = fd_install(p, f, 0);
    if (fd < 0)
        file_put(f);
    else if (flags & LX_O_CLOEXEC)
        p->files.cloexec |= 1u << fd;
    return fd;
}

int32_t sys_open(struct proc *p, const uint32_t a[6]) {
    return do_open(p, LX_AT_FDCWD, a[0], a[1], a[2]);
}

int32_t sys_openat(struct proc *p, const uint32_t a[6]) {
    return do_open(p, (int32_t)a[0], a[1], a[2], a[3]);
}

/* What @p ino is (NULL: a pipe, the only file without an inode). */
static void stat_of(const struct inode *ino, struct lx_stat64 *st) {
    *st = (struct lx_stat64){.st_mode = LX_S_IFIFO | 0600u, .st_blksize = LX_PAGE_SIZE};
    if (ino)
        vfs_stat(ino, st);
}

static int32_t stat_inode(struct proc *p, const struct inode *ino, uint32_t ubuf) {
    struct lx_stat64 st;
    stat_of(ino, &st);
    return port_copy_to_user(&p->th, ubuf, &st, sizeof st) ? -LX_EFAULT : 0;
}

/* The stat of what (@p dirfd, path @p upath, *at() @p flags) names, into @p st: with
 * AT_EMPTY_PATH, "" is dirfd itself (fstat); AT_SYMLINK_NOFOLLOW stats a link itself. */
static int32_t stat_at(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t flags,
                       struct lx_stat64 *st) {
    char first;
    if (flags & ~(LX_AT_EMPTY_PATH | LX_AT_SYMLINK_NOFOLLOW | LX_AT_NO_AUTOMOUNT))
        return -LX_EINVAL;
    if ((flags & LX_AT_EMPTY_PATH) && !port_copy_from_user(&p->th, &first, upath, 1) && !first) {
        struct file *f = dirfd == LX_AT_FDCWD ? NULL : file_get(p, dirfd);
        if (dirfd != LX_AT_FDCWD && !f)
            return -LX_EBADF;
        stat_of(f ? f->ino : p->files.cwd, st);
        return 0;
    }
    struct upath up;
    int rc = upath_walk_existing(p, dirfd, upath,
                                 (flags & LX_AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0, &up);
    if (!rc)
        stat_of(up.vp.ino, st);
    return rc;
}

static int32_t stat_path(struct proc *p, uint32_t upath, uint32_t flags, uint32_t ubuf) {
    struct lx_stat64 st;
    int32_t rc = stat_at(p, LX_AT_FDCWD, upath, flags, &st);
    return rc ? rc : port_copy_to_user(&p->th, ubuf, &st, sizeof st) ? -LX_EFAULT : 0;
}

int32_t sys_stat64(struct proc *p, const uint32_t a[6]) { return stat_path(p, a[0], 0, a[1]); }
/* lstat64: a link itself, not what it leads to. */
int32_t sys_lstat64(struct proc *p, const uint32_t a[6]) {
    return stat_path(p, a[0], LX_AT_SYMLINK_NOFOLLOW, a[1]);
}

int32_t sys_fstat64(struct proc *p, const uint32_t a[6]) {
    struct file *f = file_get(p, (int)a[0]);
    return f ? stat_inode(p, f->ino, a[1]) : -LX_EBADF;
}

/* fstatat64(dirfd, path, buf, flags). */
int32_t sys_fstatat64(struct proc *p, const uint32_t a[6]) {
    struct lx_stat64 st;
    int32_t rc = stat_at(p, (int32_t)a[0], a[1], a[3], &st);
    return rc ? rc : port_copy_to_user(&p->th, a[2], &st, sizeof st) ? -LX_EFAULT : 0;
}

/* statx(dirfd, path, flags, mask, buf): what glibc's stat functions call first. Every
 * basic field is known, whatever the mask asks. */
int32_t sys_statx(struct proc *p, const uint32_t a[6]) {
    struct lx_stat64 st;
    int32_t rc = stat_at(p, (int32_t)a[0], a[1], a[2] & ~LX_AT_STATX_SYNC_TYPE, &st);
    if (rc)
        return rc;
    struct lx_statx x = {
        .stx_mask = LX_STATX_BASIC_STATS, .stx_blksize = st.st_blksize,
        .stx_nlink = st.st_nlink, .stx_mode = (uint16_t)st.st_mode, .stx_ino = st.st_ino,
        .stx_size = (uint64_t)st.st_size, .stx_blocks = st.st_blocks,
        .stx_rdev_major = (uint32_t)(st.st_rdev >> 8), .stx_rdev_minor = (uint32_t)(st.st_rdev & 0xff),
        .stx_dev_minor = (uint32_t)st.st_dev};
    return port_copy_to_user(&p->th, a[4], &x, sizeof x) ? -LX_EFAULT : 0;
}

/* utimensat(dirfd, path, times, flags): files have no times to set (stat reports 0), so
 * it only checks that the file exists and may be written (touch). */
int32_t sys_utimensat(struct proc *p, const uint32_t a[6]) {
    struct lx_stat64 st;
    if (!a[1])   /* futimens(fd) */
        return file_get(p, (int32_t)a[0]) ? 0 : -LX_EBADF;
    return stat_at(p, (int32_t)a[0], a[1], a[3], &st);
}

/* The user is root: reading is always allowed, writing unless the file system is
 * read-only, executing (searching, for a directory) if any x bit is set. */
static int32_t access_check(struct inode *ino, uint32_t mode) {
    if (mode & ~7u)
        return -LX_EINVAL;
    if ((mode & 1u) && !vfs_is_dir(ino) && !(ino->mode & 0111u))
        return -LX_EACCES;
    int ro = ino->rodata || ((ino->flags & VFS_RDONLY) && (ino->mode & LX_S_IFMT) != LX_S_IFCHR);
    if ((mode & 2u) && ro)
        return -LX_EROFS;
    return 0;
}

static int32_t do_access(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t mode) {
    struct upath up;
    int rc = upath_walk_existing(p, dirfd, upath, 0, &up);
    return rc ? rc : access_check(up.vp.ino, mode);
}

int32_t sys_access(struct proc *p, const uint32_t a[6]) { return do_access(p, LX_AT_FDCWD, a[0], a[1]); }
int32_t sys_faccessat(struct proc *p, const uint32_t a[6]) { return do_access(p, (int32_t)a[0], a[1], a[2]); }

int32_t sys_umask(struct proc *p, const uint32_t a[6]) {
    uint32_t old = p->files.umask;
    p->files.umask = a[0] & 0777u;
    return (int32_t)old;
}
