/* cat.c - copies each file (or stdin, also for "-") to stdout; status 1 if any failed. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "lib/util.h"

static int cat_one(const char *path) {
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    if (fd < 0) {
        util_perror(path);
        return 1;
    }
    int rc = util_copy_fd(fd, 1);
    if (rc < 0)
        util_perror(path);
    if (fd != 0)
        close(fd);
    return rc < 0;
}

int main(int argc, char **argv) {
    util_init(argv[0]);
    if (argc < 2)
        return cat_one("-");
    int status = 0;
    for (int i = 1; i < argc; i++)
        status |= cat_one(argv[i]);
    return status;
}
