/* kill.c - sends a signal (default TERM) to processes: kill [-SIG|-N|-s SIG] pid...;
 * numbers are Linux's (kill -9, kill -10 for USR1). kill -l lists the names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include "lib/posix.h"
#include "lib/util.h"

static void kill_list(void) {
    for (int l = 1; l < 32; l++) {
        int s = lx_signum((char[4]){(char)('0' + l / 10), (char)('0' + l % 10), 0});
        if (s && lx_signame(s))
            printf("%2d) SIG%s\n", l, lx_signame(s));
    }
}

int main(int argc, char **argv) {
    util_init(argv[0]);
    int i = 1, sig = SIGTERM, status = 0;
    if (argc > 1 && strcmp(argv[1], "-l") == 0) {
        kill_list();
        return 0;
    }
    if (argc > 2 && strcmp(argv[1], "-s") == 0)
        i = 2;
    if (i < argc && (i == 2 || argv[i][0] == '-')) {
        const char *name = i == 2 ? argv[2] : argv[1] + 1;
        if (!(sig = lx_signum(name))) {
            util_msg("%s: invalid signal specification", name);
            return 1;
        }
        i++;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: kill [-SIG|-N|-s SIG] pid...\n");
        return 1;
    }
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (*end || end == argv[i]) {
            util_msg("%s: arguments must be process ids", argv[i]);
            status = 1;
        } else if (kill((pid_t)pid, sig) < 0) {
            util_perror(argv[i]);
            status = 1;
        }
    }
    return status;
}
