/*
 * path.c - path names: walking a path through the tree one component at a time, and
 * the way back up (getcwd). Components are separated by any number of '/'; "." and ".."
 * are ordinary entries of every directory (vfs_dir_find() knows them).
 */
#include "kernel/vfs.h"

/* Copy the component at @p path into @p name; returns its length (> VFS_NAME_MAX: too long). */
static uint32_t component(const char *path, char name[VFS_NAME_MAX + 1]) {
    uint32_t n = 0;
    for (; path[n] && path[n] != '/'; n++)
        if (n < VFS_NAME_MAX)
            name[n] = path[n];
    name[n <= VFS_NAME_MAX ? n : VFS_NAME_MAX] = '\0';
    return n;
}

int vfs_lookup(struct inode *start, const char *path, struct vfs_path *out) {
    if (!*path)
        return -LX_ENOENT;
    struct inode *dir = (*path == '/' || !start) ? vfs_root() : start;
    *out = (struct vfs_path){.dir = dir, .ino = dir, .name = "."};
    for (;;) {
        while (*path == '/')
            path++;
        if (!*path)
            break;   /* the last component was read (or the path is "/") */
        if (!out->ino)
            return -LX_ENOENT;   /* a missing directory on the way */
        if (!vfs_is_dir(out->ino))
            return -LX_ENOTDIR;
        uint32_t n = component(path, out->name);
        if (n > VFS_NAME_MAX)
            return -LX_ENAMETOOLONG;
        path += n;
        out->dir = out->ino;
        out->ino = vfs_dir_find(out->dir, out->name);
        out->trailing_slash = *path == '/';
    }
    if (out->trailing_slash && out->ino && !vfs_is_dir(out->ino))
        return -LX_ENOTDIR;
    return 0;
}

int vfs_namei(struct inode *start, const char *path, struct inode **ino) {
    struct vfs_path vp;
    int rc = vfs_lookup(start, path, &vp);
    if (rc < 0)
        return rc;
    if (!vp.ino)
        return -LX_ENOENT;
    *ino = vp.ino;
    return 0;
}

int vfs_path_of(struct inode *dir, char *buf, uint32_t size) {
    /* built backwards from the end of the buffer, then moved to its start */
    uint32_t at = size;
    if (at-- == 0)
        return -LX_ERANGE;
    buf[at] = '\0';
    for (struct inode *d = dir; d != vfs_root(); d = d->parent) {
        if (!d->parent)
            return -LX_ENOENT;   /* removed: it has no path any more */
        uint32_t n = (uint32_t)strlen(d->name);
        if (at < n + 1u)
            return -LX_ERANGE;
        at -= n;
        memcpy(buf + at, d->name, n);
        buf[--at] = '/';
    }
    if (at == size - 1u) {   /* the root itself */
        if (at == 0)
            return -LX_ERANGE;
        buf[--at] = '/';
    }
    uint32_t len = size - at;
    for (uint32_t i = 0; i < len; i++)   /* forwards: the regions may overlap */
        buf[i] = buf[at + i];
    return (int)len;
}
