/*
 * upath.c - paths given by a process: copied in from its memory, then walked from the
 * right directory (the root, the working directory, or an *at() call's directory
 * descriptor).
 */
#include "kernel/upath.h"
#include "kernel/proc.h"
#include "kernel/uaccess.h"

int upath_copy(struct proc *p, uint32_t u, char buf[VFS_PATH_MAX]) {
    int rc = user_strcpy(p, buf, u, VFS_PATH_MAX, -LX_ENAMETOOLONG);
    return rc < 0 ? rc : 0;
}

/* The directory a path of an *at() call starts from: @p dirfd's, or the working one. */
int upath_at_dir(struct proc *p, int32_t dirfd, struct inode **dir) {
    if (dirfd == LX_AT_FDCWD) {
        *dir = p->files.cwd;
        return 0;
    }
    struct file *f = file_get(p, dirfd);
    if (!f)
        return -LX_EBADF;
    if (!f->ino || !vfs_is_dir(f->ino))
        return -LX_ENOTDIR;
    *dir = f->ino;
    return 0;
}

/* Copy path @p u in and walk it from @p dirfd (absolute paths ignore it, as in Linux). */
int upath_walk(struct proc *p, int32_t dirfd, uint32_t u, uint32_t flags, struct upath *up) {
    struct inode *start = p->files.cwd;
    int rc = upath_copy(p, u, up->buf);
    if (!rc && up->buf[0] != '/')
        rc = upath_at_dir(p, dirfd, &start);
    return rc ? rc : vfs_lookup(start, up->buf, flags, &up->vp);
}

/* As walk(), for a path that must exist. */
int upath_walk_existing(struct proc *p, int32_t dirfd, uint32_t u, uint32_t flags,
                        struct upath *up) {
    int rc = upath_walk(p, dirfd, u, flags, up);
    return rc ? rc : up->vp.ino ? 0 : -LX_ENOENT;
}


int upath_walk_pair(struct proc *p, int32_t olddirfd, uint32_t oldpath, int32_t newdirfd,
                    uint32_t newpath, struct upath *from, struct upath *to) {
    int rc = upath_walk_existing(p, olddirfd, oldpath, VFS_NOFOLLOW, from);
    return rc ? rc : upath_walk(p, newdirfd, newpath, VFS_NOFOLLOW, to);
}
