/* hello.c - a VM that counts, yielding the CPU now and then, so two of them interleave. */
#include <stdio.h>
#include "mv/guest.h"

int main(void) {
    for (int i = 1; i <= 5; i++) {
        printf("hello from a VM: line %d of 5 (virtual time %u us)\n", i,
               (unsigned)(mv_time() / 1000));
        for (volatile int spin = 0; spin < 20000; spin++)
            ;   /* burn some of the timeslice so the scheduler preempts us */
    }
    return 0;
}
