/*
 * sysattr.c - a file's attributes: its permission bits (chmod and friends), its owner
 * (chown: everyone is root, so there is only one owner to give), and sendfile, which
 * minilinux leaves to the C library's read/write loop. Files of the initramfs are
 * read-only (EROFS), as the rest of the tree.
 */
#include "kernel/syscall.h"
#include "kernel/upath.h"

#define MODE_BITS 07777u

/* The inode (dirfd, path) or, with @p upath 0, descriptor @p dirfd names, in *@p out
 * (@p flags: VFS_NOFOLLOW for a link itself). */
static int32_t target(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t flags,
                      struct inode **out) {
    if (!upath) {
        struct file *f = file_get(p, dirfd);
        if (!f)
            return -LX_EBADF;
        *out = f->ino;
        return f->ino ? 0 : -LX_EINVAL;   /* a pipe */
    }
    struct upath up;
    int rc = upath_walk_existing(p, dirfd, upath, flags, &up);
    *out = rc ? NULL : up.vp.ino;
    return rc;
}

static int32_t chmod_at(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t mode) {
    struct inode *ino;
    int32_t rc = target(p, dirfd, upath, 0, &ino);
    if (rc)
        return rc;
    if (ino->flags & VFS_RDONLY)
        return -LX_EROFS;
    ino->mode = (ino->mode & ~MODE_BITS) | (mode & MODE_BITS);
    return 0;
}

int32_t sys_chmod(struct proc *p, const uint32_t a[6]) { return chmod_at(p, LX_AT_FDCWD, a[0], a[1]); }
int32_t sys_fchmod(struct proc *p, const uint32_t a[6]) { return chmod_at(p, (int32_t)a[0], 0, a[1]); }
int32_t sys_fchmodat(struct proc *p, const uint32_t a[6]) {
    return chmod_at(p, (int32_t)a[0], a[1], a[2]);
}

/* Every file belongs to root (uid 0, gid 0): giving it to root again changes nothing,
 * and there is no other user to give it to. */
static int32_t chown_at(struct proc *p, int32_t dirfd, uint32_t upath, uint32_t uid, uint32_t gid,
                        uint32_t flags) {
    struct inode *ino;
    int32_t rc = target(p, dirfd, upath, flags, &ino);
    if (rc)
        return rc;
    if ((uid && uid != 0xffffffffu) || (gid && gid != 0xffffffffu))
        return -LX_EINVAL;
    return (ino->flags & VFS_RDONLY) ? -LX_EROFS : 0;
}

int32_t sys_chown32(struct proc *p, const uint32_t a[6]) {
    return chown_at(p, LX_AT_FDCWD, a[0], a[1], a[2], 0);
}
/* lchown32: a link itself. */
int32_t sys_lchown32(struct proc *p, const uint32_t a[6]) {
    return chown_at(p, LX_AT_FDCWD, a[0], a[1], a[2], VFS_NOFOLLOW);
}
int32_t sys_fchown32(struct proc *p, const uint32_t a[6]) {
    return chown_at(p, (int32_t)a[0], 0, a[1], a[2], 0);
}
int32_t sys_fchownat(struct proc *p, const uint32_t a[6]) {
    return chown_at(p, (int32_t)a[0], a[1], a[2], a[3],
                    (a[4] & LX_AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0);
}

/* sendfile64: Linux's answer for files that cannot do it; C libraries and BusyBox then
 * copy with read and write. */
int32_t sys_sendfile64(struct proc *p, const uint32_t a[6]) {
    (void)p, (void)a;
    return -LX_EINVAL;
}
