/*
 * bench_vcpu_switch_fpu.c - bench_vcpu_switch with floating point: this VM and its
 * partner (bench_yield_partner_fpu) each execute one floating-point instruction between
 * yields, so every switch hands the register file to the other vCPU. An eager switch
 * always pays for that (save and load of d0-d31); a lazy one pays here, and more: a trap
 * on the first floating-point instruction after each switch. The figure is half the
 * median round trip, as vcpu_switch's (plus the two instructions of bench_fpu_touch()).
 */
#include "bench.h"

#define TARGET_INSTRUCTIONS 300u

int main(void) {
    static uint32_t samples[BENCH_SAMPLES];
    bench_fpu_touch();
    mv_yield();   /* let the partner start, so every sample is a real round trip */
    for (uint32_t i = 0; i < BENCH_SAMPLES; i++)
        samples[i] = BENCH_SAMPLE(bench_fpu_touch(); mv_yield());
    uint32_t round_trip = bench_median(samples, BENCH_SAMPLES) - bench_counter_overhead();
    bench_report("vcpu_switch_fpu", round_trip / 2, TARGET_INSTRUCTIONS);
    return 0;
}
