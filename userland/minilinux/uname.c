/* uname.c - prints system information: -s (default), -n, -r, -v, -m, or -a for all. */
#include <stdio.h>
#include "lib/posix.h"
#include "lib/util.h"

int main(int argc, char **argv) {
    char f[128];
    struct utsname u;
    util_init(argv[0]);
    if (util_flags(argc, argv, "asnrvm", f) < 0)
        return 1;
    if (uname(&u) < 0) {
        util_perror("cannot get system name");
        return 1;
    }
    if (f['a'])
        f['s'] = f['n'] = f['r'] = f['v'] = f['m'] = 1;
    if (!f['n'] && !f['r'] && !f['v'] && !f['m'])
        f['s'] = 1;
    const struct { char flag; const char *text; } parts[] = {
        {'s', u.sysname}, {'n', u.nodename}, {'r', u.release}, {'v', u.version}, {'m', u.machine},
    };
    const char *sep = "";
    for (unsigned i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (f[(int)parts[i].flag]) {
            printf("%s%s", sep, parts[i].text);
            sep = " ";
        }
    printf("\n");
    return 0;
}
