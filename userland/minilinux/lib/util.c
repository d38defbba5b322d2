/*
 * util.c - the helpers minilinux's utilities share (util.h), so that messages and
 * option handling look the same in every program and no program repeats them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"

const char *util_prog = "?";

void util_init(const char *argv0) {
    const char *slash = strrchr(argv0, '/');
    util_prog = slash ? slash + 1 : argv0;
}

void util_perror(const char *what) {
    fprintf(stderr, "%s: %s: %s\n", util_prog, what, strerror(errno));
}

void util_msg(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", util_prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int util_write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int util_copy_fd(int in, int out) {
    char buf[4096];
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return (int)n;
        if (util_write_all(out, buf, (size_t)n) < 0)
            return -1;
    }
}

int util_parse_uint(const char *s, unsigned long *out) {
    char *end;
    if (!*s || *s == '-')
        return -1;
    errno = 0;
    *out = strtoul(s, &end, 10);
    return (*end || errno) ? -1 : 0;
}

int util_flags(int argc, char **argv, const char *allowed, char flags[128]) {
    memset(flags, 0, 128);
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0)
            return i + 1;
        for (const char *c = argv[i] + 1; *c; c++) {
            if (!strchr(allowed, *c) || (unsigned char)*c >= 128) {
                util_msg("invalid option -- '%c'", *c);
                return -1;
            }
            flags[(unsigned char)*c] = 1;
        }
    }
    return i;
}

char *util_read_all(int fd, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(buf);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n == cap) {
            char *bigger = realloc(buf, (cap *= 2) + 1);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

const char *util_into_dir(const char *dst, const char *src, char *buf, size_t n) {
    struct stat st;
    if (stat(dst, &st) < 0 || !S_ISDIR(st.st_mode))
        return dst;
    const char *base = strrchr(src, '/');
    snprintf(buf, n, "%s/%s", dst, base ? base + 1 : src);
    return buf;
}
