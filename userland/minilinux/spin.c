/*
 * spin.c - a process that only computes (for the tests of timer preemption and Ctrl-C):
 * `spin` spins until a signal stops it, `spin MS` spins for MS milliseconds of virtual
 * time and says so. It never makes a system call while it spins, so only the timer tick
 * can take the CPU from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "lib/posix.h"

static unsigned long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long)ts.tv_sec * 1000ul + (unsigned long)ts.tv_nsec / 1000000ul;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        printf("spin: spinning until a signal stops me\n");
        fflush(stdout);
        for (;;)
            ;
    }
    unsigned long ms = strtoul(argv[1], NULL, 10), start = now_ms();
    volatile unsigned long n = 0;
    while (now_ms() - start < ms)   /* a system call per check, but the loop between... */
        for (unsigned i = 0; i < 100000u; i++)   /* ...is long: about 1 ms of pure work */
            n++;
    printf("spin: %lu ms done\n", ms);
    return 0;
}
