/* wc.c - counts lines (-l), words (-w) and bytes (-c) of files or stdin; all three by
 * default. One count of stdin prints the bare number, as coreutils does. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/util.h"

static char flags[128];
static unsigned long totals[3];
static int width = 7;

static void wc_print(const unsigned long c[3], const char *name) {
    static const char which[3] = {'l', 'w', 'c'};
    const char *sep = "";
    for (int i = 0; i < 3; i++)
        if (flags[(int)which[i]]) {
            printf("%s%*lu", sep, width, c[i]);
            sep = " ";
        }
    printf(name ? " %s\n" : "\n", name);
}

static int wc_file(const char *path) {
    int fd = path ? open(path, O_RDONLY) : 0;
    if (fd < 0) {
        util_perror(path);
        return 1;
    }
    unsigned long c[3] = {0, 0, 0};
    char buf[4096];
    int inword = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < n; i++) {
            c[2]++;
            c[0] += buf[i] == '\n';
            c[1] += !inword && !isspace((unsigned char)buf[i]);
            inword = !isspace((unsigned char)buf[i]);
        }
    if (n < 0)
        util_perror(path ? path : "-");
    if (fd)
        close(fd);
    for (int i = 0; i < 3; i++)
        totals[i] += c[i];
    wc_print(c, path);
    return n < 0;
}

int main(int argc, char **argv) {
    util_init(argv[0]);
    int i = util_flags(argc, argv, "lwc", flags), status = 0;
    if (i < 0)
        return 1;
    if (!flags['l'] && !flags['w'] && !flags['c'])
        flags['l'] = flags['w'] = flags['c'] = 1;
    if (i == argc && flags['l'] + flags['w'] + flags['c'] == 1)
        width = 1;
    if (i == argc)
        return wc_file(NULL);
    int nfiles = argc - i;
    for (; i < argc; i++)
        status |= wc_file(argv[i]);
    if (nfiles > 1)
        wc_print(totals, "total");
    return status;
}
