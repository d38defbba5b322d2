/**
 * @file upath.h
 * @brief Paths given by a process to a system call: copied in from its memory (at most
 *        VFS_PATH_MAX bytes) and walked from the root, its working directory or the
 *        directory descriptor of an *at() call.
 */
#ifndef MINILINUX_UPATH_H
#define MINILINUX_UPATH_H

#include "kernel/vfs.h"

/** @brief A path copied in from a process, and where it leads. */
struct upath {
    char buf[VFS_PATH_MAX];   /**< The path, NUL-terminated. */
    struct vfs_path vp;       /**< Where it leads (vfs_lookup()). */
};

/** @brief Copy the string at user address @p u of @p p into @p buf.
 *  @return 0, -LX_EFAULT, -LX_ENAMETOOLONG (no NUL in VFS_PATH_MAX bytes). */
int upath_copy(struct proc *p, uint32_t u, char buf[VFS_PATH_MAX]);
/** @brief The directory relative paths of an *at() call start from: @p dirfd's inode, or
 *  the working directory for LX_AT_FDCWD. @return 0, -LX_EBADF, -LX_ENOTDIR. */
int upath_at_dir(struct proc *p, int32_t dirfd, struct inode **dir);
/** @brief Copy the path at user address @p u and walk it (from @p dirfd when relative),
 *  following a last symbolic link unless @p flags has VFS_NOFOLLOW (vfs_lookup()).
 *  @return 0 with @p up filled (up->vp.ino may be NULL), -errno. */
int upath_walk(struct proc *p, int32_t dirfd, uint32_t u, uint32_t flags, struct upath *up);
/** @brief As upath_walk(), for a path that must exist (-LX_ENOENT otherwise). */
int upath_walk_existing(struct proc *p, int32_t dirfd, uint32_t u, uint32_t flags,
                        struct upath *up);
/** @brief The two names of rename and link, neither followed if a symbolic link: @p from
 *  (must exist) and @p to (may not). @return 0, -errno. */
int upath_walk_pair(struct proc *p, int32_t olddirfd, uint32_t oldpath, int32_t newdirfd,
                    uint32_t newpath, struct upath *from, struct upath *to);

#endif
