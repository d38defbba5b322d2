/*
 * vfs.c - the tree of inodes: the pool they come from, their references, and the
 * directory operations (create, find, unlink, rmdir, rename) that keep names, link counts
 * and the `..` pointers consistent. vfs.h explains the tree and the life of an inode.
 */
#include "kernel/vfs.h"
#include "kernel/proc.h"

static struct inode pool[VFS_NINODE];
static struct inode *root;

struct inode *vfs_root(void) { return root; }

uint32_t vfs_now(void) { return (uint32_t)(proc_now() / 1000000000u); }

static int name_eq(const char *a, const char *b) {
    size_t n = strlen(a);
    return n == strlen(b) && !memcmp(a, b, n);
}

/* A free inode of @p mode, or NULL. */
static struct inode *inode_alloc(uint32_t mode) {
    for (struct inode *ino = pool; ino < pool + VFS_NINODE; ino++) {
        if (ino->mode)
            continue;
        *ino = (struct inode){.mode = mode, .next_cookie = 2, .mtime = vfs_now()};
        return ino;   /* cookies 0 and 1 are getdents64's "." and ".." */
    }
    return NULL;
}

/* Free @p ino once nothing names or uses it: a RAM file gives its pages back. */
static void inode_maybe_free(struct inode *ino) {
    if (ino->refs || ino->nlink || ino == root)
        return;
    vfs_free_data(ino);
    ino->mode = 0;
}

struct inode *vfs_iget(struct inode *ino) {
    ino->refs++;
    return ino;
}

void vfs_iput(struct inode *ino) {
    if (!ino->refs)
        kpanic("vfs_iput: inode %s has no reference", ino->name);
    ino->refs--;
    inode_maybe_free(ino);
}

struct inode *vfs_dir_find(struct inode *dir, const char *name) {
    if (name_eq(name, "."))
        return dir;
    if (name_eq(name, ".."))
        return dir->parent;   /* NULL for a removed directory */
    for (struct inode *e = dir->first; e; e = e->next)
        if (name_eq(e->name, name))
            return e;
    return NULL;
}

/* Add @p ino as entry @p name at the end of @p dir's list. */
static void dir_link(struct inode *dir, struct inode *ino, const char *name) {
    kstrlcpy(ino->name, name, sizeof ino->name);
    ino->parent = dir;
    ino->next = NULL;
    ino->cookie = dir->next_cookie++;
    if (dir->last)
        dir->last->next = ino;
    else
        dir->first = ino;
    dir->last = ino;
    ino->nlink++;
    if (vfs_is_dir(ino))
        dir->nlink++;   /* its ".." */
    dir->mtime = vfs_now();
}

/* Take @p ino out of its directory's list (its inode lives on while referenced). */
static void dir_unlink(struct inode *ino) {
    struct inode *dir = ino->parent, *prev = NULL;
    for (struct inode *e = dir->first; e != ino; e = e->next)
        prev = e;
    if (prev)
        prev->next = ino->next;
    else
        dir->first = ino->next;
    if (dir->last == ino)
        dir->last = prev;
    ino->nlink--;
    if (vfs_is_dir(ino))
        dir->nlink--;
    ino->parent = ino->next = NULL;
    dir->mtime = vfs_now();
}

/* Why entries of @p dir cannot change (0: they can): read-only, or removed. */
static int dir_frozen(const struct inode *dir) {
    if (dir->flags & VFS_RDONLY)
        return -LX_EROFS;
    return dir->nlink ? 0 : -LX_ENOENT;
}

int vfs_create(struct inode *dir, const char *name, uint32_t mode, uint32_t flags,
               struct inode **out) {
    if (vfs_dir_find(dir, name))
        return -LX_EEXIST;
    int rc = dir_frozen(dir);
    if (rc && !(rc == -LX_EROFS && (flags & VFS_RDONLY)))
        return rc;
    struct inode *ino = inode_alloc(mode);
    if (!ino)
        return -LX_ENOSPC;
    ino->flags = flags;
    if (vfs_is_dir(ino))
        ino->nlink = 1;   /* its "." (dir_link() adds its name) */
    dir_link(dir, ino, name);
    *out = ino;
    return 0;
}

int vfs_unlink(struct inode *ino) {
    if (vfs_is_dir(ino))
        return -LX_EISDIR;
    int rc = dir_frozen(ino->parent);
    if (rc)
        return rc;
    dir_unlink(ino);
    inode_maybe_free(ino);
    return 0;
}

int vfs_rmdir(struct inode *ino) {
    if (!vfs_is_dir(ino))
        return -LX_ENOTDIR;
    if (ino == root)
        return -LX_EBUSY;
    if (ino->first)
        return -LX_ENOTEMPTY;
    int rc = dir_frozen(ino->parent);
    if (rc)
        return rc;
    dir_unlink(ino);
    ino->nlink = 0;   /* its "." goes too: nothing can be created in it any more */
    inode_maybe_free(ino);
    return 0;
}

/* True if directory @p dir is @p ino or inside it (a directory cannot move into itself). */
static int is_within(const struct inode *dir, const struct inode *ino) {
    for (; dir && dir != root; dir = dir->parent)
        if (dir == ino)
            return 1;
    return ino == root;
}

/* rename(2)'s rules for moving @p ino onto the existing @p old: remove @p old. */
static int replace(struct inode *ino, struct inode *old) {
    if (vfs_is_dir(ino) && !vfs_is_dir(old))
        return -LX_ENOTDIR;
    if (!vfs_is_dir(ino) && vfs_is_dir(old))
        return -LX_EISDIR;
    return vfs_is_dir(old) ? vfs_rmdir(old) : vfs_unlink(old);
}

int vfs_rename(struct inode *ino, struct inode *dir, const char *name) {
    struct inode *old = vfs_dir_find(dir, name);
    if (old == ino)
        return 0;   /* a rename onto itself does nothing */
    if (ino == root || name_eq(name, ".") || name_eq(name, ".."))
        return -LX_EBUSY;
    int rc = dir_frozen(ino->parent);
    if (!rc)
        rc = dir_frozen(dir);
    if (!rc && vfs_is_dir(ino) && is_within(dir, ino))
        rc = -LX_EINVAL;
    if (!rc && old)
        rc = replace(ino, old);
    if (rc)
        return rc;
    dir_unlink(ino);
    dir_link(dir, ino, name);
    return 0;
}

uint32_t vfs_ino(const struct inode *ino) { return (uint32_t)(ino - pool) + 1u; }

void vfs_stat(const struct inode *ino, struct lx_stat64 *st) {
    uint32_t num = vfs_ino(ino);
    *st = (struct lx_stat64){
        .st_dev = 1, .st_ino32 = num, .st_ino = num, .st_mode = ino->mode,
        .st_nlink = ino->nlink, .st_rdev = ino->rdev, .st_size = ino->size,
        .st_blksize = LX_PAGE_SIZE, .st_blocks = (PAGE_UP(ino->size) / 512u),
        .st_atime_sec = ino->mtime, .st_mtime_sec = ino->mtime, .st_ctime_sec = ino->mtime};
}

/* The directory @p name in the root, created (writable, @p mode) if the archive had none. */
static struct inode *root_dir(const char *name, uint32_t mode) {
    struct inode *dir = vfs_dir_find(root, name);
    if (!dir && vfs_create(root, name, LX_S_IFDIR | mode, VFS_RDONLY, &dir) < 0)
        kpanic("vfs: cannot create /%s", name);
    return dir;
}

void vfs_init(const uint8_t *archive, uint32_t size) {
    root = inode_alloc(LX_S_IFDIR | 0755u);
    root->flags = VFS_RDONLY;
    root->parent = root;
    root->nlink = 2;   /* its "." and its own ".." */
    initramfs_unpack(archive, size);
    struct inode *tmp = root_dir("tmp", 01777u);
    tmp->flags &= ~VFS_RDONLY;   /* the one writable place */
    tmp->mode = LX_S_IFDIR | 01777u;
    dev_init(root_dir("dev", 0755u));
}

int vfs_file_image(struct proc *p, const char *path, const uint8_t **data, uint32_t *size) {
    struct inode *ino;
    int rc = vfs_namei(p ? p->files.cwd : root, path, &ino);
    if (rc < 0)
        return rc;
    if (!vfs_is_reg(ino) || !(ino->mode & 0111u))
        return -LX_EACCES;
    if (!ino->rodata)
        return -LX_ENOEXEC;   /* a RAM file's pages are not contiguous */
    *data = ino->rodata;
    *size = ino->size;
    return 0;
}
