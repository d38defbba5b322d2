/* ps.c - lists minilinux's processes (pid, parent, group, state, name) through its
 * private call ml_procs; other kernels have /proc instead, and ps says so. */
#include <stdio.h>
#include "lib/posix.h"
#include "lib/util.h"

#define PS_MAX 64

int main(int argc, char **argv) {
    static struct lx_procinfo procs[PS_MAX];
    (void)argc;
    util_init(argv[0]);
    int n = ml_procs(procs, PS_MAX);
    if (n < 0) {
        util_msg("not supported by this kernel");
        return 1;
    }
    printf("  PID  PPID  PGID S NAME\n");
    for (int i = 0; i < n && i < PS_MAX; i++)
        printf("%5d %5d %5d %c %.15s\n", (int)procs[i].pid, (int)procs[i].ppid,
               (int)procs[i].pgid, procs[i].state, procs[i].name);
    return 0;
}
