/*
 * sc_twovms.c - scenario of system test_boot: the same program runs in two VMs.
 *
 * Each copy reports what its state page says, then works through a few steps,
 * yielding after each one so the two VMs take turns, reports its result and exits 0.
 */
#include "scenario_guest.h"

#define STEPS 3
#define TERMS_PER_STEP 1000u

/* Sum of i*i for i in 1..n (mod 2^32), the slow way: the host checks it with the formula. */
static uint32_t sum_of_squares(uint32_t n) {
    uint32_t sum = 0;
    for (uint32_t i = 1; i <= n; i++)
        sum += i * i;
    return sum;
}

int main(void) {
    const struct mv_state *s = mv_state_page(0);
    sg_hex("magic", s->magic);
    sg_int("vcpu_index", (int32_t)s->vcpu_index);
    for (int step = 1; step <= STEPS; step++) {
        char key[16];
        snprintf(key, sizeof key, "step%d", step);
        sg_result(key, "%u", (unsigned)sum_of_squares(TERMS_PER_STEP * (uint32_t)step));
        mv_yield();
    }
    sg_int("done", STEPS);
    return 0;
}
