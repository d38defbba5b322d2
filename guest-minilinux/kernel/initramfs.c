/*
 * initramfs.c - unpacking the initramfs, a cpio archive in the "newc" format (what Linux's
 * initramfs uses), into the tree at boot. Each member is:
 *
 *     a 110-byte ASCII header: "070701" and 13 fields of 8 hex digits
 *         (ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor
 *          namesize check)
 *     the name (namesize bytes with its NUL), padded to a multiple of 4
 *     the data (filesize bytes), padded to a multiple of 4
 *
 * and the member named "TRAILER!!!" ends the archive. A symbolic link is a member whose
 * data is its target (not NUL-terminated). Hard links (one file under several names, like
 * BusyBox's applets) share an inode number: each name comes with size 0 but the last,
 * which carries the data. The tree has no hard links of its own, so each name becomes an
 * inode of its own, all pointing at that one copy of the data (they are read-only).
 * Offsets are from the start of the
 * archive, which the image aligns to 4 bytes: so every file's data is 4-byte aligned too,
 * and an ELF file can be used where it is (inode::rodata), never copied.
 */
#include "kernel/vfs.h"

#define HDR_SIZE 110u
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK, NFIELDS };

static uint32_t align4(uint32_t x) { return (x + 3u) & ~3u; }

/* The value of hex digit @p c (16: not one). */
static uint32_t hexval(uint32_t c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20u;   /* lower case */
    return c >= 'a' && c <= 'f' ? c - 'a' + 10u : 16u;
}

/* The 8 hex digits at @p s. */
static uint32_t hex8(const uint8_t *s) {
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
        uint32_t d = hexval(s[i]);
        if (d == 16u)
            kpanic("initramfs: bad hex digit in a header");
        v = v << 4 | d;
    }
    return v;
}

#define MAX_LINKS 128u   /* names of hard-linked files waiting for their data */

static struct {
    uint32_t archive_ino;
    struct inode *ino;
} links[MAX_LINKS];
static uint32_t nlinks;

/* A name of a hard-linked file: remember it until the member with the data comes, then
 * give the data to every name. */
static void link_member(struct inode *ino, uint32_t archive_ino, const uint8_t *data,
                        uint32_t size) {
    if (!size) {
        if (nlinks == MAX_LINKS)
            kpanic("initramfs: more than %u hard links", MAX_LINKS);
        links[nlinks++] = (typeof(links[0])){archive_ino, ino};
        return;
    }
    for (uint32_t i = 0; i < nlinks; i++)
        if (links[i].archive_ino == archive_ino) {
            links[i].ino->rodata = data;
            links[i].ino->size = size;
        }
}

/* Create member @p name (a path without a leading "/" or "./") of @p mode. */
static struct inode *add_member(const char *name, uint32_t mode, const uint8_t *data,
                                uint32_t size) {
    struct vfs_path vp;
    if (vfs_lookup(vfs_root(), name, VFS_NOFOLLOW, &vp) < 0 || vp.ino)
        kpanic("initramfs: %s: no directory for it, or there twice", name);
    struct inode *ino;
    uint32_t type = mode & LX_S_IFMT;
    int has_data = type == LX_S_IFREG || type == LX_S_IFLNK;   /* a link's is its target */
    if (!has_data && type != LX_S_IFDIR) {
        kprintf("initramfs: %s: not a file, directory or link, left out\n", name);
        return NULL;
    }
    if (type == LX_S_IFLNK && (!size || size >= VFS_PATH_MAX))
        kpanic("initramfs: %s: a link's target must have 1 to %u bytes", name, VFS_PATH_MAX - 1);
    if (vfs_create(vp.dir, vp.name, mode, VFS_RDONLY, &ino) < 0)
        kpanic("initramfs: %s: cannot create it", name);
    ino->rodata = has_data ? data : NULL;
    ino->size = has_data ? size : 0;
    return ino;
}

/* The name of a member without its leading "./" or "/" ("" for the root itself). */
static const char *strip(const char *name) {
    while (*name == '.' && name[1] == '/')
        name += 2;
    while (*name == '/')
        name++;
    return (name[0] == '.' && !name[1]) ? "" : name;
}

void initramfs_unpack(const uint8_t *archive, uint32_t size) {
    uint32_t at = 0, f[NFIELDS];
    for (;;) {
        if (at > size || size - at < HDR_SIZE || memcmp(archive + at, "070701", 6))
            kpanic("initramfs: no member header at offset %u", at);
        for (int i = 0; i < NFIELDS; i++)
            f[i] = hex8(archive + at + 6 + 8 * i);
        const char *name = (const char *)archive + at + HDR_SIZE;
        if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > size - at - HDR_SIZE)
            kpanic("initramfs: member at offset %u has a bad name size", at);
        uint32_t data = align4(at + HDR_SIZE + f[F_NAMESIZE]);
        if (data > size || f[F_FILESIZE] > size - data || name[f[F_NAMESIZE] - 1] != '\0')
            kpanic("initramfs: member at offset %u runs past the end", at);
        if (!memcmp(name, "TRAILER!!!", 11))
            return;
        struct inode *ino = *strip(name) ? add_member(strip(name), f[F_MODE], archive + data,
                                                      f[F_FILESIZE]) : NULL;
        if (ino && f[F_NLINK] > 1 && (f[F_MODE] & LX_S_IFMT) == LX_S_IFREG)
            link_member(ino, f[F_INO], archive + data, f[F_FILESIZE]);
        at = align4(data + f[F_FILESIZE]);
    }
}
