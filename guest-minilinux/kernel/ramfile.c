/*
 * ramfile.c - the data of regular files, and the operations of their open files.
 *
 * A file from the archive is one piece of the kernel image (inode::rodata), read-only.
 * A file created later keeps its data in pages of RAM: inode::pages is one page holding
 * up to VFS_FILE_PAGES pointers, page i holding bytes [i * 4096, (i + 1) * 4096). A page
 * is allocated when first written; a missing page (a hole left by lseek) reads as zeros.
 */
#include "kernel/vfs.h"
#include "kernel/page.h"
#include "kernel/proc.h"

/* Page @p i of RAM file @p ino, allocating it (and the pointer page) if @p alloc. */
static uint8_t *data_page(struct inode *ino, uint32_t i, int alloc) {
    if (!ino->pages && (!alloc || !(ino->pages = page_alloc())))
        return NULL;
    if (!ino->pages[i] && alloc)
        ino->pages[i] = page_alloc();
    return ino->pages[i];
}

int vfs_truncate(struct inode *ino, uint32_t size) {
    if (ino->rodata || (ino->flags & VFS_RDONLY))
        return -LX_EROFS;
    if (size > VFS_FILE_MAX)
        return -LX_EFBIG;
    for (uint32_t i = PAGE_UP(size) / LX_PAGE_SIZE; ino->pages && i < VFS_FILE_PAGES; i++) {
        if (ino->pages[i])
            page_free(ino->pages[i]);
        ino->pages[i] = NULL;
    }
    uint8_t *tail = size % LX_PAGE_SIZE ? data_page(ino, size / LX_PAGE_SIZE, 0) : NULL;
    if (tail && size < ino->size)   /* bytes cut off must read as zeros if it grows again */
        memset(tail + size % LX_PAGE_SIZE, 0, LX_PAGE_SIZE - size % LX_PAGE_SIZE);
    ino->size = size;
    ino->mtime = vfs_now();
    return 0;
}

void vfs_free_data(struct inode *ino) {
    if (ino->link)   /* a symbolic link's target (symlink.c) */
        page_free(ino->link);
    ino->link = NULL;
    if (!ino->pages)
        return;
    for (uint32_t i = 0; i < VFS_FILE_PAGES; i++)
        if (ino->pages[i])
            page_free(ino->pages[i]);
    page_free(ino->pages);
    ino->pages = NULL;
}

static const uint8_t zeros[256];

/* Copy bytes [pos, pos + n) of @p ino (within its size) to user address @p ubuf. */
static int copy_out(struct inode *ino, struct proc *p, uint32_t ubuf, uint32_t pos, uint32_t n) {
    if (ino->rodata)
        return port_copy_to_user(&p->th, ubuf, ino->rodata + pos, n);
    while (n) {
        uint32_t off = pos % LX_PAGE_SIZE, chunk = LX_PAGE_SIZE - off;
        const uint8_t *page = data_page(ino, pos / LX_PAGE_SIZE, 0);
        if (chunk > n)
            chunk = n;
        if (!page && chunk > sizeof zeros)
            chunk = sizeof zeros;   /* a hole: zeros, a piece at a time */
        if (port_copy_to_user(&p->th, ubuf, page ? page + off : zeros, chunk))
            return -LX_EFAULT;
        ubuf += chunk, pos += chunk, n -= chunk;
    }
    return 0;
}

static int32_t file_read(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    struct inode *ino = f->ino;
    if (vfs_is_dir(ino))
        return -LX_EISDIR;
    if (f->pos >= ino->size)
        return 0;
    if (n > ino->size - f->pos)
        n = ino->size - (uint32_t)f->pos;
    int rc = copy_out(ino, p, ubuf, (uint32_t)f->pos, n);
    if (rc < 0)
        return rc;
    f->pos += n;
    return (int32_t)n;
}

/* Copy @p n bytes from user address @p ubuf into @p ino at @p pos, page by page.
 * Returns the bytes copied (fewer when pages ran out or the user buffer ended), or -errno. */
static int32_t copy_in(struct inode *ino, struct proc *p, uint32_t ubuf, uint32_t pos, uint32_t n) {
    uint32_t done = 0;
    while (done < n) {
        uint32_t off = pos % LX_PAGE_SIZE, chunk = LX_PAGE_SIZE - off;
        uint8_t *page = data_page(ino, pos / LX_PAGE_SIZE, 1);
        if (chunk > n - done)
            chunk = n - done;
        if (!page)
            return done ? (int32_t)done : -LX_ENOSPC;
        if (port_copy_from_user(&p->th, page + off, ubuf, chunk))
            return done ? (int32_t)done : -LX_EFAULT;
        ubuf += chunk, pos += chunk, done += chunk;
        if (pos > ino->size)
            ino->size = pos;
    }
    return (int32_t)done;
}

static int32_t file_write(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    struct inode *ino = f->ino;
    if (ino->rodata || (ino->flags & VFS_RDONLY))
        return -LX_EROFS;
    if (f->flags & LX_O_APPEND)
        f->pos = ino->size;
    if (f->pos >= VFS_FILE_MAX)
        return n ? -LX_EFBIG : 0;
    if (n > VFS_FILE_MAX - f->pos)
        n = VFS_FILE_MAX - (uint32_t)f->pos;   /* a partial write up to the limit */
    int32_t rc = copy_in(ino, p, ubuf, (uint32_t)f->pos, n);
    if (rc > 0) {
        f->pos += (uint32_t)rc;
        ino->mtime = vfs_now();
    }
    return rc;
}

const struct file_ops vfs_file_ops = {.read = file_read, .write = file_write};
