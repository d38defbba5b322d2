/* mv.c - renames SRC to DST, or moves each SRC into directory DST. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "lib/util.h"

int main(int argc, char **argv) {
    util_init(argv[0]);
    if (argc < 3) {
        util_msg(argc < 2 ? "missing file operand" : "missing destination file operand after '%s'",
                 argv[argc - 1]);
        return 1;
    }
    int status = 0;
    char buf[512];
    for (int i = 1; i < argc - 1; i++) {
        const char *to = util_into_dir(argv[argc - 1], argv[i], buf, sizeof buf);
        if (rename(argv[i], to) < 0) {
            util_msg("cannot move '%s' to '%s': %s", argv[i], to, strerror(errno));
            status = 1;
        }
    }
    return status;
}
