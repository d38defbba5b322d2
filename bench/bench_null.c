/*
 * bench_null.c - the round trip of the null hypercall: from the guest's `svc` through
 * the microvisor's trap entry, dispatch and scheduler back to the next guest
 * instruction. This is the floor under every other hypercall's cost.
 */
#include "bench.h"

#define TARGET_INSTRUCTIONS 100u   /* a goal for an optimised trap path, not a limit */

int main(void) {
    static uint32_t samples[BENCH_SAMPLES];
    for (uint32_t i = 0; i < BENCH_SAMPLES; i++)
        samples[i] = BENCH_SAMPLE(mv_null());
    uint32_t round_trip = bench_median(samples, BENCH_SAMPLES) - bench_counter_overhead();
    bench_report("null_hypercall", round_trip, TARGET_INSTRUCTIONS);
    return 0;
}
