/* mkdir.c - creates directories; -p: parents too, and no error if one exists. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/posix.h"
#include "lib/util.h"

/* Creates each prefix of @p path in turn, ignoring those that exist already. */
static int mkdir_parents(char *path) {
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = c;
        if (rc < 0 && errno != EEXIST)
            return -1;
        if (!c)
            return 0;
    }
}

int main(int argc, char **argv) {
    char flags[128];
    util_init(argv[0]);
    int i = util_flags(argc, argv, "p", flags), status = 0;
    if (i < 0 || i >= argc) {
        util_msg("missing operand");
        return 1;
    }
    for (; i < argc; i++) {
        int rc = flags['p'] ? mkdir_parents(argv[i]) : mkdir(argv[i], 0777);
        if (rc < 0) {
            util_msg("cannot create directory '%s': %s", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
