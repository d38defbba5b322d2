/*
 * dir.c - opendir/readdir/closedir on getdents64: a DIR holds the directory's descriptor
 * and a buffer of raw entries, refilled when readdir has consumed it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "linux.h"
#include "posix.h"

#define DIR_BUF 2048

struct lx_dir {
    int fd;
    int pos, len;            /* the unread part of buf */
    struct dirent ent;       /* what readdir returns */
    char buf[DIR_BUF] __attribute__((aligned(8)));
};

DIR *opendir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    DIR *d = calloc(1, sizeof *d);
    if (!d) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    d->fd = fd;
    return d;
}

struct dirent *readdir(DIR *d) {
    if (d->pos >= d->len) {
        int n = lx_ret(LX_SC(LX_NR_getdents64, d->fd, d->buf, DIR_BUF));
        if (n <= 0)
            return NULL;
        d->pos = 0;
        d->len = n;
    }
    const struct lx_dirent64 *e = (const struct lx_dirent64 *)(d->buf + d->pos);
    d->pos += e->d_reclen;
    d->ent.d_ino = (uint32_t)e->d_ino;
    d->ent.d_type = e->d_type;
    strncpy(d->ent.d_name, e->d_name, sizeof d->ent.d_name - 1);
    d->ent.d_name[sizeof d->ent.d_name - 1] = '\0';
    return &d->ent;
}

int closedir(DIR *d) {
    int rc = close(d->fd);
    free(d);
    return rc;
}

int dirfd(DIR *d) { return d->fd; }
