/**
 * @file bench.h
 * @brief Helpers shared by the benchmark programs in bench/.
 *
 * Benchmarks count PMU cycles (mv_cycles()), which under QEMU's `-icount shift=0` are
 * instructions: a figure is the same on every run and every host, so a change in it
 * always means a change in the code. Each figure is printed as one line
 *
 *     @@ <nonce> bench <name> <value> <target>
 *
 * which `make bench` (tools/bench.sh) turns into `bench <name>: <value> instructions
 * (target <target>)`; a quotient (bytes per instruction, a ratio) is printed with
 * bench_report_ratio() instead. The nonce comes from the harness (mv_state::boot_nonce), so only
 * lines of this run count. A new benchmark is a program here plus a system file
 * systems/bench_<name>.c that runs it; the runner finds both by itself.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include "mv/guest.h"

/** @brief Samples per measurement: the median of many hides the rare sample that a
 *  timer interrupt or a reschedule landed in. */
#define BENCH_SAMPLES 1000u

/** @brief Instructions spent by the statement @p op, counter reads included. */
#define BENCH_SAMPLE(op)                                                            \
    ({                                                                              \
        uint32_t t0_ = mv_cycles();                                                 \
        op;                                                                         \
        mv_cycles() - t0_;                                                          \
    })

static inline int bench_cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/** @brief The median of @p n samples (sorts @p v in place). */
static inline uint32_t bench_median(uint32_t *v, uint32_t n) {
    qsort(v, n, sizeof *v, bench_cmp_u32);
    return v[n / 2];
}

/** @brief The cost of the measurement itself: median of two back-to-back counter reads.
 *  Subtract it from a BENCH_SAMPLE median to get the cost of the operation alone. */
static inline uint32_t bench_counter_overhead(void) {
    static uint32_t samples[BENCH_SAMPLES];
    for (uint32_t i = 0; i < BENCH_SAMPLES; i++)
        samples[i] = BENCH_SAMPLE((void)0);
    return bench_median(samples, BENCH_SAMPLES);
}

/** @brief Give up: a call the benchmark needs failed (the VM exits with status 1, which
 *  `make bench` reports with the end of the serial log). Use bench_fail(). */
static inline __attribute__((noreturn)) void bench_fail_at(const char *file, const char *what,
                                                           int32_t rc) {
    printf("%s: %s failed (%d)\n", file, what, (int)rc);
    exit(1);
}
/** @brief bench_fail_at() naming this source file. */
#define bench_fail(what, rc) bench_fail_at(__FILE__, (what), (rc))

/** @brief Map [@p lo, @p hi) of this program into process context @p ctx at the same
 *  addresses (mv_ctx_map_same()); any error ends the benchmark. */
static inline void bench_map(uint32_t ctx, const void *lo, const void *hi, uint32_t flags) {
    int32_t rc = mv_ctx_map_same(ctx, lo, hi, flags);
    if (rc)
        bench_fail("mapping a process's memory", rc);
}

/** @brief One floating-point instruction (d16 += d17): after a switch, the first one of
 *  a vCPU is what makes the lazy switch load its registers (kernel/core/fpu.c). The rest
 *  of a benchmark is soft-float and never touches d16-d31, so this is the only use. */
static inline void bench_fpu_touch(void) {
    __asm__ volatile(".fpu neon\n\tvadd.f64 d16, d16, d17" ::: "memory");
}

/** @brief Print one figure for the harness (see the file comment for the format). */
static inline void bench_report(const char *name, uint32_t value, uint32_t target) {
    printf("@@ %08x bench %s %u %u\n", (unsigned)mv_state_page(0)->boot_nonce, name,
           (unsigned)value, (unsigned)target);
}

/** @brief Print a figure that is a quotient, @p num / @p den, with three decimals, in
 *  @p unit ("-" for none), with @p note (free text, e.g. "target >= 0.5"; "-" for none):
 *  `make bench` prints `bench <name>: <value> <unit> (<note>)`. */
static inline void bench_report_ratio(const char *name, uint64_t num, uint64_t den,
                                      const char *unit, const char *note) {
    uint64_t milli = den ? (num * 1000u + den / 2) / den : 0;   /* rounded to 0.001 */
    printf("@@ %08x bench %s %u.%03u %s %s\n", (unsigned)mv_state_page(0)->boot_nonce, name,
           (unsigned)(milli / 1000u), (unsigned)(milli % 1000u), unit, note);
}

#endif
