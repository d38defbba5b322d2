/* sleep.c - pauses for the sum of its arguments, in seconds (fractions allowed). */
#include <stdlib.h>
#include <time.h>
#include "lib/posix.h"
#include "lib/util.h"

int main(int argc, char **argv) {
    util_init(argv[0]);
    if (argc < 2) {
        util_msg("missing operand");
        return 1;
    }
    double total = 0;
    for (int i = 1; i < argc; i++) {
        char *end;
        double s = strtod(argv[i], &end);
        if (*end || end == argv[i] || s < 0) {
            util_msg("invalid time interval '%s'", argv[i]);
            return 1;
        }
        total += s;
    }
    struct timespec req = {(time_t)total, (long)((total - (double)(time_t)total) * 1e9)};
    while (nanosleep(&req, &req) < 0)
        ;   /* interrupted by a handled signal: sleep the rest */
    return 0;
}
