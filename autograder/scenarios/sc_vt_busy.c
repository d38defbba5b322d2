/*
 * sc_vt_busy.c - scenario of system test_virq_storm (VM "busy", priority 9): a fixed
 * amount of work in timed steps while VM "storm" (priority 3) floods itself with vIRQs.
 * Each step sleeps in mv_wait with a short timeout (the storm runs meanwhile), then
 * computes for a fixed number of instructions. The storm must cost this VM nothing
 * but the odd timer interrupt: every wait must end on time, every computation take
 * about as long as the one before. Results are printed after the last step, then line
 * 5 of "storm" is raised: this VM is idle for good.
 */
#include "scenario_guest.h"

enum { CAP_STORM_IDLE = 0 };   /* systems/test_virq_storm.c */
#define STEPS 40u
#define WORK 20000u   /* loop iterations of compute() */

struct step {
    uint32_t start, timeout, woke, computed;   /* low words of virtual ns: runs are short */
    int32_t ret;
};
static struct step steps[STEPS];

/* A fixed number of instructions (the asm keeps the compiler from folding the loop). */
static void compute(void) {
    for (uint32_t i = 0; i < WORK; i++)
        __asm__ volatile("" ::: "memory");
}

/* Report @p v as the result "<fmt with i>". */
static void report_u(const char *fmt, uint32_t i, uint32_t v) {
    char key[32];
    snprintf(key, sizeof key, fmt, (unsigned)i);
    sg_result(key, "%u", (unsigned)v);
}

int main(void) {
    for (uint32_t i = 0; i < STEPS; i++) {
        struct step *s = &steps[i];
        s->timeout = 30000u + 11000u * (i % 7);   /* 30..96 us, not in step with anything */
        s->start = (uint32_t)mv_time();
        s->ret = mv_wait(s->timeout);
        s->woke = (uint32_t)mv_time();
        compute();
        s->computed = (uint32_t)mv_time();
    }
    for (uint32_t i = 0; i < STEPS; i++) {
        const struct step *s = &steps[i];
        report_u("s%u_ret", i, (uint32_t)s->ret);
        report_u("s%u_start", i, s->start);
        report_u("s%u_timeout", i, s->timeout);
        report_u("s%u_woke", i, s->woke);
        report_u("s%u_computed", i, s->computed);
    }
    sg_result("idle_at", "%u", (unsigned)mv_time());
    sg_int("idle_raise", mv_virq_raise(CAP_STORM_IDLE));
    return 0;
}
