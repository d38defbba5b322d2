/*
 * path.c - path names: walking a path through the tree one component at a time, and
 * the way back up (getcwd). Components are separated by any number of '/'; "." and ".."
 * are ordinary entries of every directory (vfs_dir_find() knows them). A symbolic link
 * met on the way is replaced by its target: the walk goes on through the target, then
 * through the rest of the path.
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

/*
 * Follow symbolic link @p link met on the way (its directory is out->dir): the rest of the
 * path, @p *rest, is put after its target in @p buf, and the walk goes on from the root
 * (an absolute target) or from the link's directory (a relative one). @p *links counts
 * the links of this lookup: more than VFS_LINK_MAX is taken for a loop, as Linux does.
 */
static int follow(struct inode *link, const char **rest, char buf[2 * VFS_PATH_MAX],
                  uint32_t *links, struct vfs_path *out) {
    const char *target = vfs_link_target(link);
    uint32_t len = link->size, tail = (uint32_t)strlen(*rest);
    if (++*links > VFS_LINK_MAX)
        return -LX_ELOOP;
    if (!len)
        return -LX_ENOENT;   /* an empty target names nothing */
    if (len + tail >= 2 * VFS_PATH_MAX)
        return -LX_ENAMETOOLONG;
    /* the rest may already live in buf (a link within a link's target): move it first,
     * from its end, since it only moves to the right or stays */
    char *to = buf + len;
    if (to > *rest)
        for (uint32_t i = tail + 1u; i-- > 0;)
            to[i] = (*rest)[i];
    else
        for (uint32_t i = 0; i <= tail; i++)
            to[i] = (*rest)[i];
    memcpy(buf, target, len);
    struct inode *dir = target[0] == '/' ? vfs_root() : out->dir;
    *out = (struct vfs_path){.dir = dir, .ino = dir, .name = "."};
    *rest = buf;
    return 0;
}

/* True if nothing but '/'s is left of @p path. */
static int at_end(const char *path) {
    while (*path == '/')
        path++;
    return !*path;
}

int vfs_lookup(struct inode *start, const char *path, uint32_t flags, struct vfs_path *out) {
    char buf[2 * VFS_PATH_MAX];   /* a link's target and what follows it */
    uint32_t links = 0;
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
        /* a link on the way is always followed; the last one unless told not to, but a
         * trailing '/' asks for a directory, so it follows the link too (as in Linux) */
        if (out->ino && vfs_is_link(out->ino) &&
            (!(flags & VFS_NOFOLLOW) || !at_end(path) || out->trailing_slash)) {
            int rc = follow(out->ino, &path, buf, &links, out);
            if (rc)
                return rc;
        }
    }
    if (out->trailing_slash && out->ino && !vfs_is_dir(out->ino))
        return -LX_ENOTDIR;
    return 0;
}

int vfs_namei(struct inode *start, const char *path, struct inode **ino) {
    struct vfs_path vp;
    int rc = vfs_lookup(start, path, 0, &vp);
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
