/*
 * symlink.c - the data of symbolic links: a link's target is a path kept as the link's
 * data. A link from the archive keeps it where it is, in the image (inode::rodata); a link
 * made at run time gets a page of its own (inode::link), since targets are short and never
 * change: a page holds any of them (up to VFS_PATH_MAX bytes) without the RAM-file
 * machinery of page pointers.
 */
#include "kernel/vfs.h"
#include "kernel/page.h"

int vfs_symlink(struct inode *dir, const char *name, const char *target) {
    uint32_t len = (uint32_t)strlen(target);
    char *page = page_alloc();
    struct inode *ino;
    if (!page)
        return -LX_ENOSPC;
    int rc = vfs_create(dir, name, LX_S_IFLNK | 0777u, 0, &ino);
    if (rc < 0) {
        page_free(page);
        return rc;
    }
    memcpy(page, target, len);
    ino->link = page;
    ino->size = len;
    return 0;
}

const char *vfs_link_target(const struct inode *ino) {
    return ino->rodata ? (const char *)ino->rodata : ino->link;
}
