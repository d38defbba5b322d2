/*
 * sc_vt_prehigh.c - scenario of system test_virq_preempt (VM "high", priority 10).
 * For each delay D: arm the virtual timer for now + D, block in mv_wait(0), and read the
 * time as soon as it returns. Meanwhile VM "low" (priority 4, 10 ms slices) spins; only
 * the timer's raise can bring this vCPU back before the end of that slice. The results
 * are printed after the last round, so printing never delays a measurement.
 */
#include "scenario_guest.h"

#define LINE_TICK 2u
#define ROUNDS 3u

static const uint32_t delays[ROUNDS] = {20000, 100000, 1000000};

struct round {
    int32_t set, ret, taken;
    uint64_t deadline, woke;
};
static struct round rounds[ROUNDS];

int main(void) {
    for (uint32_t i = 0; i < ROUNDS; i++) {
        struct round *r = &rounds[i];
        uint32_t payload;
        r->deadline = mv_time() + delays[i];
        r->set = mv_vtimer_set(r->deadline, LINE_TICK);
        r->ret = mv_wait(0);
        r->woke = mv_time();   /* first thing after waking: the arrival time */
        r->taken = mv_virq_take(LINE_TICK, &payload);
    }
    char key[32];
    for (uint32_t i = 0; i < ROUNDS; i++) {
        const struct round *r = &rounds[i];
        snprintf(key, sizeof key, "r%u_set", (unsigned)i), sg_int(key, r->set);
        snprintf(key, sizeof key, "r%u_ret", (unsigned)i), sg_hex(key, (uint32_t)r->ret);
        snprintf(key, sizeof key, "r%u_take", (unsigned)i), sg_int(key, r->taken);
        snprintf(key, sizeof key, "r%u_deadline", (unsigned)i), sg_time(key, r->deadline);
        snprintf(key, sizeof key, "r%u_woke", (unsigned)i), sg_time(key, r->woke);
    }
    return 0;
}
