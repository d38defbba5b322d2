/* rm.c - removes files; -r: directories and their contents; -f: no error for missing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/posix.h"
#include "lib/util.h"

static char flags[128];

static int rm_path(const char *path);

/* Empties directory @p path, then removes it. */
static int rm_dir(const char *path) {
    DIR *d = opendir(path);
    if (!d) {
        util_msg("cannot remove '%s': %s", path, strerror(errno));
        return 1;
    }
    int status = 0;
    struct dirent *e;
    char child[512];
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        status |= rm_path(child);
    }
    closedir(d);
    if (rmdir(path) < 0) {
        util_msg("cannot remove '%s': %s", path, strerror(errno));
        return 1;
    }
    return status;
}

static int rm_path(const char *path) {
    struct stat st;
    if (lstat(path, &st) < 0) {
        if (flags['f'] && errno == ENOENT)
            return 0;
        util_msg("cannot remove '%s': %s", path, strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (flags['r'])
            return rm_dir(path);
        util_msg("cannot remove '%s': Is a directory", path);
        return 1;
    }
    if (unlink(path) < 0) {
        util_msg("cannot remove '%s': %s", path, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    util_init(argv[0]);
    int i = util_flags(argc, argv, "rRf", flags), status = 0;
    if (i < 0)
        return 1;
    flags['r'] |= flags['R'];
    if (i >= argc && !flags['f']) {
        util_msg("missing operand");
        return 1;
    }
    for (; i < argc; i++)
        status |= rm_path(argv[i]);
    return status;
}
