/*
 * sysdir.c - system calls on directories: listing (getdents64), making and removing
 * entries (mkdir, unlink, rmdir, rename) and the working directory (chdir, getcwd).
 */
#include "kernel/syscall.h"
#include "kernel/upath.h"

#define DIRENT_HDR 19u   /* bytes of struct lx_dirent64 before d_name */

/* The entry of directory @p dir at cookie >= @p pos (0 ".", 1 "..", then the entries in
 * the order they were made), with its name and cookie; NULL at the end. */
static struct inode *dir_entry(struct inode *dir, uint64_t pos, const char **name, uint64_t *cookie) {
    if (pos <= 1) {
        *name = pos ? ".." : ".";
        *cookie = pos;
        return pos ? (dir->parent ? dir->parent : dir) : dir;
    }
    for (struct inode *e = dir->first; e; e = e->next) {
        if (e->cookie >= pos) {
            *name = e->name;
            *cookie = e->cookie;
            return e;
        }
    }
    return NULL;
}

/* The d_type of @p ino. */
static uint8_t dtype(const struct inode *ino) {
    switch (ino->mode & LX_S_IFMT) {
    case LX_S_IFDIR: return LX_DT_DIR;
    case LX_S_IFCHR: return LX_DT_CHR;
    case LX_S_IFLNK: return LX_DT_LNK;
    default: return LX_DT_REG;
    }
}

/* getdents64(fd, buf, count): as many entries as fit, from the file's offset on (a
 * cookie, so entries removed meanwhile do not make the listing skip others). */
int32_t sys_getdents64(struct proc *p, const uint32_t a[6]) {
    struct file *f = file_get(p, (int)a[0]);
    uint32_t ubuf = a[1], count = a[2], done = 0;
    union { struct lx_dirent64 d; uint8_t bytes[DIRENT_HDR + VFS_NAME_MAX + 1 + 7]; } rec;
    const char *name;
    uint64_t cookie;
    if (!f)
        return -LX_EBADF;
    if (!f->ino || !vfs_is_dir(f->ino))
        return -LX_ENOTDIR;
    for (struct inode *e; (e = dir_entry(f->ino, f->pos, &name, &cookie)) != NULL;) {
        uint32_t len = (uint32_t)strlen(name);
        uint32_t reclen = (DIRENT_HDR + len + 1u + 7u) & ~7u;
        if (reclen > count - done)
            return done ? (int32_t)done : -LX_EINVAL;   /* the buffer is too small */
        memset(&rec, 0, sizeof rec);
        rec.d.d_ino = vfs_ino(e);
        rec.d.d_off = (int64_t)cookie + 1;
        rec.d.d_reclen = (uint16_t)reclen;
        rec.d.d_type = dtype(e);
        memcpy(rec.bytes + DIRENT_HDR, name, len);
        if (port_copy_to_user(&p->th, ubuf + done, &rec, reclen))
            return -LX_EFAULT;
        done += reclen;
        f->pos = cookie + 1;
    }
    return (int32_t)done;
}

static int32_t do_mkdir(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t mode) {
    struct upath up;
    struct inode *ino;
    int rc = upath_walk(p, dirfd, upath, VFS_NOFOLLOW, &up);   /* a link there: EEXIST */
    if (rc)
        return rc;
    if (up.vp.ino)
        return -LX_EEXIST;
    mode = LX_S_IFDIR | (mode & 07777u & ~p->files.umask);
    return vfs_create(up.vp.dir, up.vp.name, mode, 0, &ino);
}

int32_t sys_mkdir(struct proc *p, const uint32_t a[6]) { return do_mkdir(p, LX_AT_FDCWD, a[0], a[1]); }
int32_t sys_mkdirat(struct proc *p, const uint32_t a[6]) { return do_mkdir(p, (int32_t)a[0], a[1], a[2]); }

/* rmdir's special names: "/" is EBUSY, "." EINVAL, ".." (never empty: it holds this
 * one) ENOTEMPTY. */
static int32_t remove_dir(const struct vfs_path *vp) {
    if (vp->ino == vfs_root())
        return -LX_EBUSY;
    if (vfs_dots(vp->name) == 1)
        return -LX_EINVAL;
    if (vfs_dots(vp->name) == 2)
        return -LX_ENOTEMPTY;
    return vfs_rmdir(vp->ino);
}

static int32_t do_unlink(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t flags) {
    struct upath up;
    if (flags & ~LX_AT_REMOVEDIR)
        return -LX_EINVAL;
    /* a link is removed itself, never what it leads to */
    int rc = upath_walk_existing(p, dirfd, upath, VFS_NOFOLLOW, &up);
    if (rc)
        return rc;
    return (flags & LX_AT_REMOVEDIR) ? remove_dir(&up.vp) : vfs_unlink(up.vp.ino);
}

int32_t sys_unlink(struct proc *p, const uint32_t a[6]) { return do_unlink(p, LX_AT_FDCWD, a[0], 0); }
int32_t sys_unlinkat(struct proc *p, const uint32_t a[6]) { return do_unlink(p, (int32_t)a[0], a[1], a[2]); }
int32_t sys_rmdir(struct proc *p, const uint32_t a[6]) { return do_unlink(p, LX_AT_FDCWD, a[0], LX_AT_REMOVEDIR); }

static int32_t do_rename(struct proc *p, int32_t olddirfd, uint32_t oldpath, int32_t newdirfd,
                         uint32_t newpath) {
    struct upath from, to;
    /* rename moves and replaces links themselves, never what they lead to */
    int rc = upath_walk_pair(p, olddirfd, oldpath, newdirfd, newpath, &from, &to);
    if (rc)
        return rc;
    if (vfs_dots(from.vp.name))
        return -LX_EBUSY;
    if (to.vp.trailing_slash && !vfs_is_dir(from.vp.ino))
        return -LX_ENOTDIR;
    return vfs_rename(from.vp.ino, to.vp.dir, to.vp.name);
}

int32_t sys_rename(struct proc *p, const uint32_t a[6]) {
    return do_rename(p, LX_AT_FDCWD, a[0], LX_AT_FDCWD, a[1]);
}

int32_t sys_renameat(struct proc *p, const uint32_t a[6]) {
    return do_rename(p, (int32_t)a[0], a[1], (int32_t)a[2], a[3]);
}

int32_t sys_chdir(struct proc *p, const uint32_t a[6]) {
    struct upath up;
    int rc = upath_walk_existing(p, LX_AT_FDCWD, a[0], 0, &up);
    if (rc)
        return rc;
    if (!vfs_is_dir(up.vp.ino))
        return -LX_ENOTDIR;
    vfs_iget(up.vp.ino);   /* first: the new one may be the old one */
    vfs_iput(p->files.cwd);
    p->files.cwd = up.vp.ino;
    return 0;
}

/* getcwd(buf, size): the length of the path with its NUL. */
int32_t sys_getcwd(struct proc *p, const uint32_t a[6]) {
    char buf[VFS_PATH_MAX];
    uint32_t size = a[1] < sizeof buf ? a[1] : sizeof buf;
    int rc = vfs_path_of(p->files.cwd, buf, size);
    if (rc == -LX_ERANGE && a[1] > sizeof buf)
        return -LX_ENAMETOOLONG;   /* deeper than this kernel can say */
    if (rc < 0)
        return rc;
    return port_copy_to_user(&p->th, a[0], buf, (uint32_t)rc) ? -LX_EFAULT : rc;
}
