/*
 * syslink.c - system calls on links: symbolic links (symlink, readlink and their *at()
 * forms) and hard links, which this tree cannot have (each inode keeps its one name in
 * itself, vfs.h): link and linkat fail with EPERM, what Linux says on a file system
 * without hard links, so programs (cp -l, ln without -s) see a reason they know.
 */
#include "kernel/syscall.h"
#include "kernel/upath.h"

/* symlink's work: link (@p dirfd, @p upath) to the target at user address @p utarget. */
static int32_t do_symlink(struct proc *p, uint32_t utarget, int32_t dirfd, uint32_t upath) {
    char target[VFS_PATH_MAX];
    struct upath up;
    int rc = upath_copy(p, utarget, target);
    if (rc)
        return rc;
    if (!target[0])
        return -LX_ENOENT;   /* as Linux: an empty target is refused */
    /* the new name itself is not followed: a link already there is EEXIST */
    rc = upath_walk(p, dirfd, upath, VFS_NOFOLLOW, &up);
    if (rc)
        return rc;
    if (up.vp.ino)
        return -LX_EEXIST;
    if (up.vp.trailing_slash)
        return -LX_ENOENT;   /* "name/" promises a directory a link cannot be */
    return vfs_symlink(up.vp.dir, up.vp.name, target);
}

int32_t sys_symlink(struct proc *p, const uint32_t a[6]) {
    return do_symlink(p, a[0], LX_AT_FDCWD, a[1]);
}

/* symlinkat(target, newdirfd, path). */
int32_t sys_symlinkat(struct proc *p, const uint32_t a[6]) {
    return do_symlink(p, a[0], (int32_t)a[1], a[2]);
}

/* readlink's work: the target of link (@p dirfd, @p upath), cut to @p size bytes, without
 * a NUL; its length. Anything that is not a link is EINVAL, as on Linux. */
static int32_t do_readlink(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t ubuf,
                           int32_t size) {
    struct upath up;
    if (size <= 0)
        return -LX_EINVAL;
    int rc = upath_walk_existing(p, dirfd, upath, VFS_NOFOLLOW, &up);
    if (rc)
        return rc;
    if (!vfs_is_link(up.vp.ino))
        return -LX_EINVAL;
    uint32_t n = up.vp.ino->size < (uint32_t)size ? up.vp.ino->size : (uint32_t)size;
    if (port_copy_to_user(&p->th, ubuf, vfs_link_target(up.vp.ino), n))
        return -LX_EFAULT;
    return (int32_t)n;
}

int32_t sys_readlink(struct proc *p, const uint32_t a[6]) {
    return do_readlink(p, LX_AT_FDCWD, a[0], a[1], (int32_t)a[2]);
}

/* readlinkat(dirfd, path, buf, size). */
int32_t sys_readlinkat(struct proc *p, const uint32_t a[6]) {
    return do_readlink(p, (int32_t)a[0], a[1], a[2], (int32_t)a[3]);
}

/* link's checks, in Linux's order (the old name must exist, the new one must not), then
 * EPERM: there are no hard links (see the file comment). */
static int32_t do_link(struct proc *p, int32_t olddirfd, uint32_t oldpath, int32_t newdirfd,
                       uint32_t newpath) {
    struct upath from, to;
    int rc = upath_walk_pair(p, olddirfd, oldpath, newdirfd, newpath, &from, &to);
    if (rc)
        return rc;
    return to.vp.ino ? -LX_EEXIST : -LX_EPERM;
}

int32_t sys_link(struct proc *p, const uint32_t a[6]) {
    return do_link(p, LX_AT_FDCWD, a[0], LX_AT_FDCWD, a[1]);
}

/* linkat(olddirfd, old, newdirfd, new, flags). */
int32_t sys_linkat(struct proc *p, const uint32_t a[6]) {
    return do_link(p, (int32_t)a[0], a[1], (int32_t)a[2], a[3]);
}
