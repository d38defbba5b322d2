/*
 * sc_vt_prelow.c - scenario of system test_virq_preempt (VM "low", priority 4): spin,
 * reading the virtual time in a tight loop. Consecutive reads are a few hundred ns
 * apart; a longer jump (a gap) means another vCPU ran in between. Each gap is recorded
 * as the last read before it and the first after it, so the host can tell that this
 * vCPU was running right up to each of VM "high"'s deadlines (it was preempted then,
 * not at the end of its 10 ms slice).
 */
#include "scenario_guest.h"

#define GAP_NS 1000u        /* far more than one loop iteration (~200 ns) */
#define SPIN_NS 3000000u    /* well past the high VM's rounds (~1.2 ms) and its report */
#define MAX_GAPS 16u

static uint32_t before[MAX_GAPS], after[MAX_GAPS];

/* Report @p v as the result "<fmt with i>". */
static void report_u(const char *fmt, uint32_t i, uint32_t v) {
    char key[32];
    snprintf(key, sizeof key, fmt, (unsigned)i);
    sg_result(key, "%u", (unsigned)v);
}

int main(void) {
    uint32_t start = (uint32_t)mv_time(), last = start, ngaps = 0, longest = 0;
    for (uint32_t now = last; now - start < SPIN_NS; now = (uint32_t)mv_time()) {
        uint32_t step = now - last;
        if (step > GAP_NS && ngaps < MAX_GAPS)
            before[ngaps] = last, after[ngaps++] = now;
        else if (step <= GAP_NS && step > longest)
            longest = step;
        last = now;
    }
    sg_result("start", "%u", (unsigned)start);
    sg_int("gaps", (int32_t)ngaps);
    sg_result("longest_step", "%u", (unsigned)longest);
    for (uint32_t i = 0; i < ngaps; i++) {
        report_u("g%u_before", i, before[i]);
        report_u("g%u_after", i, after[i]);
    }
    return 0;
}
