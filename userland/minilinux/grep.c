/* grep.c - prints the lines of files (or stdin) that contain a fixed string; -v: those
 * that do not; -c: only how many; -n: with line numbers. Several files: "file:" prefix.
 * Status 0 if a line was selected, 1 if none, 2 on an error. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/util.h"

static char flags[128];

/* Greps @p fd (named @p name, shown when @p prefix); the number of selected lines. */
static long grep_fd(int fd, const char *pattern, const char *name, int prefix) {
    size_t len;
    char *text = util_read_all(fd, &len);
    if (!text) {
        util_perror(name);
        return -1;
    }
    long count = 0, lineno = 0;
    for (char *line = text; line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *end = nl ? nl : text + len;
        *end = '\0';
        lineno++;
        if ((strstr(line, pattern) != NULL) != (flags['v'] != 0)) {
            count++;
            if (!flags['c'])
                printf("%s%s%.0ld%s%s\n", prefix ? name : "", prefix ? ":" : "",
                       flags['n'] ? lineno : 0L, flags['n'] ? ":" : "", line);
        }
        line = end + 1;
    }
    if (flags['c'])
        printf("%s%s%ld\n", prefix ? name : "", prefix ? ":" : "", count);
    free(text);
    return count;
}

int main(int argc, char **argv) {
    util_init(argv[0]);
    int i = util_flags(argc, argv, "vcn", flags);
    if (i < 0 || i >= argc) {
        fprintf(stderr, "usage: grep [-vcn] PATTERN [FILE]...\n");
        return 2;
    }
    const char *pattern = argv[i++];
    int prefix = argc - i > 1, error = 0;
    long selected = 0;
    if (i == argc)
        selected = grep_fd(0, pattern, "(standard input)", 0);
    for (; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        long n = fd < 0 ? -1 : grep_fd(fd, pattern, argv[i], prefix);
        if (fd < 0)
            util_perror(argv[i]);
        else
            close(fd);
        error |= n < 0;
        selected += n > 0 ? n : 0;
    }
    return error ? 2 : selected > 0 ? 0 : 1;
}
