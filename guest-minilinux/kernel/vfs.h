/**
 * @file vfs.h
 * @brief The file system tree: one in-memory tree of inodes (directories, regular files,
 *        devices), filled at boot from the initramfs archive linked into the kernel image
 *        (its files are read-only and their data stays in the image), with /tmp and every
 *        file created later writable, in pages of RAM. Paths are looked up from the root
 *        or from a process's working directory.
 */
#ifndef MINILINUX_VFS_H
#define MINILINUX_VFS_H

#include "kernel/file.h"

struct proc;

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

#endif
