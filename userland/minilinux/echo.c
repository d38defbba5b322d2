/* echo.c - prints its arguments separated by spaces; -n: no final newline. */
#include <string.h>
#include "lib/util.h"

int main(int argc, char **argv) {
    int i = 1, newline = 1;
    if (argc > 1 && strcmp(argv[1], "-n") == 0)
        newline = 0, i++;
    util_init(argv[0]);
    for (int first = i; i < argc; i++) {
        if (i > first && util_write_all(1, " ", 1) < 0)
            return 1;
        if (util_write_all(1, argv[i], strlen(argv[i])) < 0)
            return 1;
    }
    return newline && util_write_all(1, "\n", 1) < 0;
}
