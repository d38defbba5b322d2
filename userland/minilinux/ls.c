/* ls.c - lists directories (sorted by name) and files; -a: also names starting with '.';
 * -l: type and permissions, links, size and name. Several operands: files first, then
 * each directory under a "dir:" heading, as coreutils does. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/posix.h"
#include "lib/util.h"

static char flags[128];

static void ls_mode(mode_t m, char out[11]) {
    const char *rwx = "rwxrwxrwx";
    out[0] = S_ISDIR(m) ? 'd' : S_ISCHR(m) ? 'c' : S_ISFIFO(m) ? 'p' : S_ISLNK(m) ? 'l' : '-';
    for (int i = 0; i < 9; i++)
        out[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
    out[10] = '\0';
}

/* Prints one entry: @p path is what to stat, @p name what to show. */
static int ls_entry(const char *path, const char *name) {
    if (!flags['l']) {
        printf("%s\n", name);
        return 0;
    }
    struct stat st;
    if (lstat(path, &st) < 0) {
        util_msg("cannot access '%s': %s", path, strerror(errno));
        return 1;
    }
    char mode[11];
    ls_mode(st.st_mode, mode);
    printf("%s %2u %8ld %s\n", mode, (unsigned)st.st_nlink, (long)st.st_size, name);
    return 0;
}

static int ls_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ls_dir(const char *path) {
    DIR *d = opendir(path);
    if (!d) {
        util_msg("cannot open directory '%s': %s", path, strerror(errno));
        return 2;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' && !flags['a'])
            continue;
        if (n == cap && !(names = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof *names)))
            return 2;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, ls_cmp);
    int status = 0;
    char full[512];
    for (size_t i = 0; i < n; i++) {
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        status |= ls_entry(full, names[i]);
        free(names[i]);
    }
    free(names);
    return status;
}

int main(int argc, char **argv) {
    util_init(argv[0]);
    int first = util_flags(argc, argv, "la", flags), status = 0;
    if (first < 0)
        return 2;
    if (first == argc)
        return ls_dir(".");
    qsort(argv + first, (size_t)(argc - first), sizeof *argv, ls_cmp);
    int ndirs = 0;
    struct stat st;
    for (int i = first; i < argc; i++) {   /* files first */
        if (stat(argv[i], &st) < 0) {
            util_msg("cannot access '%s': %s", argv[i], strerror(errno));
            status = 2;
        } else if (S_ISDIR(st.st_mode))
            ndirs++;
        else
            status |= ls_entry(argv[i], argv[i]);
    }
    int shown = argc - first - ndirs > 0;
    for (int i = first; i < argc; i++) {
        if (stat(argv[i], &st) < 0 || !S_ISDIR(st.st_mode))
            continue;
        if (argc - first > 1)
            printf("%s%s:\n", shown++ ? "\n" : "", argv[i]);
        status |= ls_dir(argv[i]);
    }
    return status;
}
