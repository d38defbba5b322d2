/*
 * sc_fpu.c - every vCPU has floating-point registers of its own (a hard-float program:
 * mk/hardfloat.mk). Run by two VMs of two vCPUs each, all at one priority with 20 us
 * slices, so the four take turns on the one register file thousands of times:
 *
 * - first thing, a vCPU looks at d0-d31 and FPSCR: it must find zeros, not the values
 *   another VM (started before it) left there;
 * - then rounds of fpu_hold() (all 32 registers and FPSCR hold a pattern of this VM,
 *   vCPU and round across preemptions) and fpu_series() (exact IEEE arithmetic).
 *
 * The VM's identity is its RAM size (the initial stack pointer): the two VMs' patterns
 * differ, so a register that leaked from one to the other is a mismatch.
 */
#include "fpu_check.h"
#include "scenario_guest.h"

#define ROUNDS SC_FPU_ROUNDS
#define SPINS 8000
#define GAP 1500

extern char *__mv_stack_top;   /* userland/lib/syscalls.c: the initial sp = RAM size */

static uint8_t stacks[2][4096] __attribute__((aligned(8)));
static volatile uint32_t errors, preemptions, finished, fresh_dirty[2];
static uint64_t series[2];

/* The registers a vCPU finds before its first floating-point instruction: all zero? */
static void look_fresh(uint32_t id) { fresh_dirty[id] = fpu_dirty(); }

static void torture(uint32_t id) {
    static struct fpu_hold holds[2];
    struct fpu_hold *h = &holds[id];
    uint32_t vm_seed = (uint32_t)__mv_stack_top, last = mv_cycles();
    uint64_t sum = 0;
    for (uint32_t i = 0; i < ROUNDS; i++) {
        uint32_t seed = fpu_round_seed(vm_seed, id, i);
        fpu_pattern(h, seed, SPINS);
        fpu_hold(h);
        sum ^= fpu_series(seed, FPU_SERIES_N);
        uint32_t now = mv_cycles();
        __atomic_fetch_add(&errors, fpu_hold_errors(h), __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&preemptions, now - last > SPINS * 3 + GAP, __ATOMIC_SEQ_CST);
        last = now;
    }
    series[id] = sum;
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

static void secondary(uint32_t id) {
    look_fresh(id);
    torture(id);
    mv_vcpu_stop(id);
    for (;;)
        ;
}

int main(void) {
    look_fresh(0);
    mv_vcpu_start(1, secondary, stacks[1] + sizeof stacks[1], 1);
    torture(0);
    while (finished < 2)
        mv_yield();
    sg_hex("seed", (uint32_t)__mv_stack_top);
    sg_int("fresh_dirty0", (int32_t)fresh_dirty[0]);
    sg_int("fresh_dirty1", (int32_t)fresh_dirty[1]);
    sg_int("fp_errors", (int32_t)errors);
    sg_int("preempted_rounds", (int32_t)preemptions);
    sg_int("rounds", 2 * ROUNDS);
    for (uint32_t v = 0; v < 2; v++)
        sg_result(v ? "series1" : "series0", "%08x%08x", (unsigned)(series[v] >> 32),
                  (unsigned)series[v]);
    return 0;
}
