/* bench_yield_partner_fpu.c - the other side of bench_vcpu_switch_fpu: one floating-point
 * instruction, then a yield, in a loop. */
#include "bench.h"

int main(void) {
    for (uint32_t i = 0; i < BENCH_SAMPLES + 10; i++) {
        bench_fpu_touch();
        mv_yield();
    }
    return 0;
}
