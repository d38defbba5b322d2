/*
 * inittest.c - a test init (system test_minilinux_init). It greets, prints its arguments and its
 * auxiliary vector's page size, does work that touches many pages of .bss, heap and
 * stack (each page is allocated by the kernel on first touch), checks two error paths of
 * the system-call layer (EFAULT, ENOSYS) and exits; the kernel then says how init ended
 * and powers the VM off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "lib/linux.h"

#define SIEVE_N (64u * 1024u)     /* 16 pages of .bss */
#define HEAP_WORDS (8u * 1024u)   /* 8 pages of heap */
#define STACK_BYTES (12u * 1024u) /* 3 pages of stack */

static char composite[SIEVE_N];

static unsigned count_primes(void) {
    unsigned n = 0;
    for (unsigned i = 2; i < SIEVE_N; i++) {
        if (composite[i])
            continue;
        n++;
        for (unsigned j = i * 2; j < SIEVE_N; j += i)
            composite[j] = 1;
    }
    return n;
}

static unsigned heap_sum(void) {
    unsigned *w = malloc(HEAP_WORDS * sizeof *w), sum = 0;
    if (!w)
        return 0;
    for (unsigned i = 0; i < HEAP_WORDS; i++)
        w[i] = i;
    for (unsigned i = 0; i < HEAP_WORDS; i++)
        sum += w[i];
    free(w);
    return sum;
}

static unsigned stack_sum(void) {
    volatile unsigned char buf[STACK_BYTES];
    unsigned sum = 0;
    for (unsigned i = 0; i < STACK_BYTES; i++)
        buf[i] = (unsigned char)i;
    for (unsigned i = 0; i < STACK_BYTES; i++)
        sum += buf[i];
    return sum;
}

int main(int argc, char **argv) {
    printf("hello from init (pid %d)\n", (int)getpid());
    for (int i = 0; i < argc; i++)
        printf("init: argv[%d] = \"%s\"\n", i, argv[i]);
    printf("init: AT_PAGESZ %u\n", (unsigned)lx_getauxval(LX_AT_PAGESZ));
    printf("init: %u primes below %u\n", count_primes(), SIEVE_N);
    printf("init: heap sum %u, stack sum %u\n", heap_sum(), stack_sum());
    printf("init: write from a bad pointer -> %d\n", (int)lx_write(1, (const void *)0x10, 4));
    int32_t a = lx_syscall3(999, 0, 0, 0), b = lx_syscall3(999, 0, 0, 0);
    printf("init: unknown system call 999 -> %d, again %d\n", (int)a, (int)b);
    return 0;
}
