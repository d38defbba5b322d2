/*
 * bench_vcpu_switch.c - the cost of switching between vCPUs of two VMs: this VM and
 * its partner (bench_yield_partner) yield to each other, so each mv_yield() here is a
 * round trip of two switches plus the partner's few loop instructions. The figure is
 * half the median round trip: instructions per vCPU switch, address-space change
 * included.
 */
#include "bench.h"

#define TARGET_INSTRUCTIONS 300u

int main(void) {
    static uint32_t samples[BENCH_SAMPLES];
    mv_yield();   /* let the partner start, so every sample is a real round trip */
    for (uint32_t i = 0; i < BENCH_SAMPLES; i++)
        samples[i] = BENCH_SAMPLE(mv_yield());
    uint32_t round_trip = bench_median(samples, BENCH_SAMPLES) - bench_counter_overhead();
    bench_report("vcpu_switch", round_trip / 2, TARGET_INSTRUCTIONS);
    return 0;
}
