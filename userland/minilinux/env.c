/* env.c - prints the environment; with NAME=VALUE arguments and a command, runs the
 * command with those added (status 127 if it cannot be found, 126 if not run). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/util.h"

extern char **environ;

int main(int argc, char **argv) {
    util_init(argv[0]);
    int i = 1;
    for (; i < argc && strchr(argv[i], '='); i++)
        if (putenv(argv[i]) != 0) {
            util_perror("putenv");
            return 125;
        }
    if (i == argc) {
        for (char **e = environ; *e; e++)
            printf("%s\n", *e);
        return 0;
    }
    execvp(argv[i], argv + i);
    int err = errno;
    util_perror(argv[i]);
    return err == ENOENT ? 127 : 126;
}
