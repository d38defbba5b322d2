/*
 * segv.c - a process that writes to an address no area of its memory covers: the kernel
 * must kill it with "Segmentation fault" (and, since it runs as init, power off).
 */
#include <stdio.h>

#define BAD_ADDRESS 0x10u   /* page 0: never valid */

int main(void) {
    printf("segv: writing to 0x%08x\n", BAD_ADDRESS);
    fflush(stdout);
    volatile unsigned *volatile bad = (volatile unsigned *)BAD_ADDRESS;   /* opaque to gcc */
    *bad = 1;
    printf("segv: still alive\n");   /* must never be printed */
    return 0;
}
