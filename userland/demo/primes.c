/* primes.c - a VM that computes primes; it is preempted by the timer, never yields. */
#include <stdio.h>

static int is_prime(int n) {
    for (int d = 2; d * d <= n; d++)
        if (n % d == 0)
            return 0;
    return n > 1;
}

int main(void) {
    int found = 0;
    for (int n = 2; found < 25; n++) {
        if (!is_prime(n))
            continue;
        found++;
        if (found % 5 == 0)
            printf("primes: the %dth prime is %d\n", found, n);
        for (volatile int spin = 0; spin < 8000; spin++)
            ;
    }
    return 0;
}
