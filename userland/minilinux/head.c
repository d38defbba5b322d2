/* head.c - prints the first N lines (default 10; -n N) of files or stdin. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/util.h"

/* Copies up to @p lines lines of @p fd to stdout, a block at a time. */
static int head_fd(int fd, unsigned long lines) {
    char buf[4096];
    ssize_t n;
    while (lines > 0 && (n = read(fd, buf, sizeof buf)) > 0) {
        ssize_t take = 0;
        while (take < n && lines > 0)
            if (buf[take++] == '\n')
                lines--;
        if (util_write_all(1, buf, (size_t)take) < 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    unsigned long lines = 10;
    int i = 1, status = 0;
    util_init(argv[0]);
    if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
        if (util_parse_uint(argv[i + 1], &lines) < 0) {
            util_msg("invalid number of lines: '%s'", argv[i + 1]);
            return 1;
        }
        i += 2;
    }
    if (i == argc)
        return head_fd(0, lines) < 0;
    for (int first = i; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            util_msg("cannot open '%s' for reading: %s", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        if (argc - first > 1)
            printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]), fflush(stdout);
        status |= head_fd(fd, lines) < 0;
        close(fd);
    }
    return status;
}
