/**
 * @file file.h
 * @brief Open files and file descriptors: what a process holds (struct files), the open
 *        file every descriptor points to (struct file) and the operations each kind of
 *        file provides (regular files, directories, pipes, the tty, /dev/null...).
 *
 * An open file is shared: dup() and fork() make two descriptors point to one struct file
 * (one offset, one set of status flags); it goes away when the last one is closed. The
 * file system behind paths is in vfs.h.
 */
#ifndef MINILINUX_FILE_H
#define MINILINUX_FILE_H

#include "kernel/kernel.h"

#define NFILE 16   /**< File descriptors per process (EMFILE beyond). */

struct proc;
struct file;
struct inode;

/**
 * @brief What a kind of open file can do. Every operation works on user memory of the
 *        calling process @p p (user address @p ubuf, copied with port_copy_*_user()).
 *        A missing operation means the call fails (EINVAL, or ENOTTY for ioctl).
 *        read/write may block: then they return proc_block()'s PROC_BLOCKED, having done
 *        nothing, and run again when woken.
 */
struct file_ops {
    /** @brief Read up to @p n bytes at the file's offset. @return bytes (0: end of file), -errno. */
    int32_t (*read)(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n);
    /** @brief Write @p n bytes. @return bytes written (> 0 unless @p n is 0), -errno. */
    int32_t (*write)(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n);
    /** @brief A device request. @return its result, -errno. */
    int32_t (*ioctl)(struct file *f, struct proc *p, uint32_t cmd, uint32_t arg);
    /** @brief The last descriptor of @p f was closed: release what it holds. */
    void (*release)(struct file *f);
    /** @brief What a read or write could do now without sleeping: LX_POLLIN, LX_POLLOUT,
     *  LX_POLLHUP, LX_POLLERR bits (missing: always ready both ways, like a file). A kind
     *  that can block wakes pollers with proc_wakeup() when its state changes. */
    uint32_t (*poll)(struct file *f);
};

/** @brief An open file. */
struct file {
    const struct file_ops *ops;   /**< What it can do. */
    int refs;                     /**< Descriptors (in every process) that point to it. */
    uint32_t flags;               /**< Access mode and LX_O_APPEND / LX_O_NONBLOCK. */
    uint64_t pos;                 /**< The offset of the next read or write. */
    struct inode *ino;            /**< Its inode (NULL for pipes). */
    void *priv;                   /**< The kind's own state (a pipe, the tty...). */
};

/** @brief What a process holds: its descriptors and its working directory. */
struct files {
    struct file *fd[NFILE];   /**< Descriptor i, or NULL. */
    uint32_t cloexec;         /**< Bit i: descriptor i closes on execve. */
    struct inode *cwd;        /**< The working directory (NULL before files_init()). */
    uint32_t umask;           /**< The bits umask(2) clears from new files' modes. */
};

/** @brief Give the first process its descriptors 0, 1 and 2 on /dev/console and the root
 *  as its working directory. @return 0, -errno. */
int files_init(struct files *fs);
/** @brief A child's copy of @p parent (fork): the same open files, one more reference each.
 *  @return 0. */
int files_fork(struct files *child, const struct files *parent);
/** @brief execve: close the descriptors marked close-on-exec. */
void files_exec(struct files *fs);
/** @brief exit: close every descriptor and drop the working directory. */
void files_close_all(struct files *fs);

/** @brief Descriptor @p fd of @p p, or NULL (EBADF). */
struct file *file_get(struct proc *p, int fd);
/** @brief A new open file with @p ops, one reference, no descriptor yet. NULL: ENFILE. */
struct file *file_alloc(const struct file_ops *ops, uint32_t flags);
/** @brief Drop one reference to @p f (release() when the last goes). */
void file_put(struct file *f);
/** @brief Put @p f in the lowest free descriptor >= @p min of @p p (the reference moves).
 *  @return the descriptor, -LX_EMFILE. */
int fd_install(struct proc *p, struct file *f, int min);
/** @brief Put @p f in descriptor @p fd of @p p (closing what was there), with close-on-exec
 *  if @p cloexec (the reference moves; dup2, dup3). */
void fd_assign(struct proc *p, int fd, struct file *f, int cloexec);
/** @brief Close descriptor @p fd of @p p. @return 0, -LX_EBADF. */
int fd_close(struct proc *p, int fd);

#endif
