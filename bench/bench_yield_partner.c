/* bench_yield_partner.c - the other side of bench_vcpu_switch: yields in a loop. */
#include "bench.h"

int main(void) {
    for (uint32_t i = 0; i < BENCH_SAMPLES + 10; i++)
        mv_yield();
    return 0;
}
