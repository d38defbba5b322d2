/**
 * @file vfs.h
 * @brief The file system tree: one in-memory tree of inodes (directories, regular files,
 *        symbolic links, devices), filled at boot from the initramfs archive linked into
 *        the kernel image (its files are read-only and their data stays in the image),
 *        with /tmp and every file created later writable, in pages of RAM. Paths are
 *        looked up from the root or from a process's working directory.
 *
 * ## The tree
 * Every inode comes from a fixed pool (VFS_NINODE). There are no hard links (link() is
 * EPERM, as on Linux's file systems without them), so each inode has
 * at most one name: it is stored in the inode itself, with a pointer to the directory that
 * holds it (inode::parent) and to the next entry of that directory (inode::next). A
 * directory is the list of its children. `..` is inode::parent; the root is its own parent.
 *
 * ## Life of an inode
 * inode::nlink counts the names of an inode (1 for a file in a directory, 0 once unlinked;
 * a directory counts its `.` and its subdirectories' `..` too, as Unix does) and
 * inode::refs counts the open files and working directories that use it. The inode and its
 * data are freed only when both are 0, so an unlinked file stays readable and writable
 * through the descriptors that still have it open. A lookup holds no reference: the kernel
 * never sleeps in the middle of a call, so nothing can free an inode under it.
 */
#ifndef MINILINUX_VFS_H
#define MINILINUX_VFS_H

#include "kernel/file.h"
#include "minilinux/abi_types.h"

struct proc;

#define VFS_NINODE 256          /**< Inodes in the pool (ENOSPC beyond). */
#define VFS_NAME_MAX 63         /**< The longest name of one entry (ENAMETOOLONG beyond). */
#define VFS_PATH_MAX 256        /**< The longest path a call accepts, with its NUL. */
#define VFS_FILE_PAGES 256      /**< Pages of a RAM file: its largest size is 1 MiB (EFBIG). */
#define VFS_FILE_MAX (VFS_FILE_PAGES * LX_PAGE_SIZE)   /**< A RAM file's largest size. */
#define VFS_LINK_MAX 8          /**< Symbolic links one lookup follows (ELOOP beyond). */

/** @name inode::flags */
/**@{*/
#define VFS_RDONLY 1u   /**< From the archive (or /dev): no writing, no entry added or removed. */
/**@}*/

/** @name vfs_lookup() flags */
/**@{*/
#define VFS_NOFOLLOW 1u   /**< A symbolic link as the last component is the result itself. */
/**@}*/

/** @brief A file, a directory or a device of the tree. */
struct inode {
    uint32_t mode;            /**< Type (LX_S_IF*) and permission bits; 0: a free inode. */
    uint32_t nlink;           /**< Names (see the file comment). */
    uint32_t refs;            /**< Open files and working directories using it. */
    uint32_t flags;           /**< VFS_RDONLY. */
    uint32_t size;            /**< Bytes of a regular file; a link's target's length. */
    uint32_t rdev;            /**< A device's number ((major << 8) | minor). */
    uint32_t mtime;           /**< Last change, in seconds since boot. */
    char name[VFS_NAME_MAX + 1];  /**< Its name in its directory ("" for the root). */
    struct inode *parent;     /**< The directory that holds it (NULL: unlinked). */
    struct inode *next;       /**< The next entry of that directory. */
    uint32_t cookie;          /**< Its place in that directory (getdents64's offset). */
    struct inode *first;      /**< A directory: its first entry. */
    struct inode *last;       /**< A directory: its last entry (new ones go after it). */
    uint32_t next_cookie;     /**< A directory: the cookie of its next new entry. */
    const uint8_t *rodata;    /**< A read-only file or link: its data, in the archive. */
    uint8_t **pages;          /**< A RAM file: page pointers, in one page (NULL: none yet). */
    const struct file_ops *dev;   /**< A device: the operations of its open files. */
    char *link;               /**< A link made at run time: its target, in one page. */
};

/** @brief True if @p ino is a directory. */
static inline int vfs_is_dir(const struct inode *ino) { return (ino->mode & LX_S_IFMT) == LX_S_IFDIR; }
/** @brief True if @p ino is a regular file. */
static inline int vfs_is_reg(const struct inode *ino) { return (ino->mode & LX_S_IFMT) == LX_S_IFREG; }

/** @brief True if @p ino is a symbolic link. */
static inline int vfs_is_link(const struct inode *ino) { return (ino->mode & LX_S_IFMT) == LX_S_IFLNK; }

/** @brief 1 if @p name is ".", 2 if it is "..", else 0. */
static inline int vfs_dots(const char *name) {
    return name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])) ? 1 + (name[1] == '.') : 0;
}

/** @brief Build the tree from the initramfs archive (cpio "newc") at @p archive of @p size
 *  bytes, with /dev (console, tty, null, zero) and a writable /tmp. Panics if malformed. */
void vfs_init(const uint8_t *archive, uint32_t size);

/**
 * @brief The contents of the regular file at @p path (a kernel string, relative to @p p's
 *        working directory unless absolute) as one piece of kernel memory, for execve.
 * @return 0 with *@p data and *@p size set; -LX_ENOENT, -LX_ENOTDIR, -LX_EACCES (not a
 *         regular file, or not executable), -LX_ENOEXEC (its data is not in one piece).
 *         The memory stays valid until the next call that can change the tree.
 */
int vfs_file_image(struct proc *p, const char *path, const uint8_t **data, uint32_t *size);

/** @name Inodes (vfs.c) */
/**@{*/
/** @brief The root directory. */
struct inode *vfs_root(void);
/** @brief Take a reference to @p ino (an open file, a working directory). @return @p ino. */
struct inode *vfs_iget(struct inode *ino);
/** @brief Drop a reference; the inode is freed when it has neither references nor names. */
void vfs_iput(struct inode *ino);
/**
 * @brief Create entry @p name in directory @p dir: a new inode of @p mode (type and
 *        permissions), writable unless @p flags has VFS_RDONLY.
 * @return 0 with *@p out set; -LX_EEXIST, -LX_EROFS (@p dir is read-only and @p flags
 *         does not say VFS_RDONLY: only boot code fills read-only directories),
 *         -LX_ENOENT (@p dir was removed), -LX_ENOSPC (no free inode).
 */
int vfs_create(struct inode *dir, const char *name, uint32_t mode, uint32_t flags,
               struct inode **out);
/** @brief The entry @p name ("." and ".." too) of directory @p dir, or NULL. */
struct inode *vfs_dir_find(struct inode *dir, const char *name);
/** @brief Remove entry @p ino (not a directory) from its directory. @return 0, -errno. */
int vfs_unlink(struct inode *ino);
/** @brief Remove the empty directory @p ino. @return 0, -LX_ENOTEMPTY, -LX_EBUSY (the
 *  root), -LX_EROFS. */
int vfs_rmdir(struct inode *ino);
/** @brief Move @p ino to directory @p dir under @p name, replacing what is there by the
 *  rules of rename(2). @return 0, -errno. */
int vfs_rename(struct inode *ino, struct inode *dir, const char *name);
/** @brief The inode number of @p ino (st_ino, d_ino). */
uint32_t vfs_ino(const struct inode *ino);
/** @brief Fill @p st with what @p ino is. */
void vfs_stat(const struct inode *ino, struct lx_stat64 *st);
/** @brief The time now in seconds, for mtime. */
uint32_t vfs_now(void);
/**@}*/

/** @name Paths (path.c) */
/**@{*/
/** @brief Where a path leads: the directory of its last component, that component and,
 *  if it exists, its inode. */
struct vfs_path {
    struct inode *dir;              /**< The directory the last component is looked up in. */
    struct inode *ino;              /**< What the path names, or NULL if it does not exist. */
    int trailing_slash;             /**< The path ended in '/': it must be a directory. */
    char name[VFS_NAME_MAX + 1];    /**< The last component ("." for "/"). */
};
/**
 * @brief Walk @p path (a kernel string) from @p start (relative paths) or the root,
 *        following the symbolic links met on the way, and the last one unless @p flags
 *        has VFS_NOFOLLOW (out->ino is then the link itself).
 * @return 0 with @p out filled (out->ino NULL if only the last component is missing: a
 *         dangling link leads to its target's directory and name); -LX_ENOENT (a
 *         directory on the way is missing, or the path is ""), -LX_ENOTDIR (something on
 *         the way is not a directory, or a trailing '/' after a file), -LX_ENAMETOOLONG
 *         (a component longer than VFS_NAME_MAX, or a link's target and the rest of the
 *         path too long together), -LX_ELOOP (more than VFS_LINK_MAX links).
 */
int vfs_lookup(struct inode *start, const char *path, uint32_t flags, struct vfs_path *out);
/** @brief As vfs_lookup(), for a path that must exist. @return 0 with *@p ino set, -errno. */
int vfs_namei(struct inode *start, const char *path, struct inode **ino);
/** @brief The absolute path of directory @p dir into @p buf of @p size bytes.
 *  @return its length with the NUL, -LX_ERANGE, -LX_ENOENT (@p dir was removed). */
int vfs_path_of(struct inode *dir, char *buf, uint32_t size);
/**@}*/

/** @name Regular files (ramfile.c) */
/**@{*/
/** @brief The operations of an open regular file or directory (read() of a directory is
 *  EISDIR). */
extern const struct file_ops vfs_file_ops;
/** @brief Cut or extend regular file @p ino to @p size bytes (freeing pages beyond it).
 *  @return 0, -LX_EROFS, -LX_EFBIG. */
int vfs_truncate(struct inode *ino, uint32_t size);
/** @brief Give back every page of RAM file or link @p ino (it is being freed). */
void vfs_free_data(struct inode *ino);
/**@}*/

/** @name Symbolic links (symlink.c) */
/**@{*/
/** @brief Create symbolic link @p name in directory @p dir, to @p target (a kernel string
 *  of 1 to VFS_PATH_MAX - 1 bytes). @return 0; -LX_EEXIST, -LX_EROFS, -LX_ENOENT (@p dir
 *  was removed), -LX_ENOSPC (no free inode or page). */
int vfs_symlink(struct inode *dir, const char *name, const char *target);
/** @brief The target of link @p ino: inode::size bytes, not NUL-terminated. */
const char *vfs_link_target(const struct inode *ino);
/**@}*/

/** @name Devices (dev.c) */
/**@{*/
/** @brief Create the devices (console, tty, null, zero) in directory @p dev (/dev). */
void dev_init(struct inode *dev);
/**@}*/

/** @name The initramfs (initramfs.c) */
/**@{*/
/** @brief Unpack the cpio "newc" archive at @p archive (@p size bytes) into the tree:
 *  read-only directories and files, whose data stays in the archive. Panics if malformed. */
void initramfs_unpack(const uint8_t *archive, uint32_t size);
/**@}*/

#endif
