/* cp.c - copies file SRC to DST, or each SRC into directory DST (files only). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "lib/util.h"

static int cp_one(const char *from, const char *to) {
    int in = open(from, O_RDONLY);
    if (in < 0) {
        util_msg("cannot stat '%s': %s", from, strerror(errno));
        return 1;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (out < 0) {
        util_msg("cannot create regular file '%s': %s", to, strerror(errno));
        close(in);
        return 1;
    }
    int rc = util_copy_fd(in, out);
    if (rc < 0)
        util_msg("error copying '%s' to '%s': %s", from, to, strerror(errno));
    close(in);
    close(out);
    return rc < 0;
}

int main(int argc, char **argv) {
    util_init(argv[0]);
    if (argc < 3) {
        util_msg("missing file operand");
        return 1;
    }
    int status = 0;
    char buf[512];
    for (int i = 1; i < argc - 1; i++)
        status |= cp_one(argv[i], util_into_dir(argv[argc - 1], argv[i], buf, sizeof buf));
    return status;
}
