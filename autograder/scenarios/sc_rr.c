/*
 * sc_rr.c - lab 1: three vCPUs of one VM at one priority, with slices of 50, 100 and
 * 150 us, share the CPU round-robin. Each vCPU watches the PMU cycle counter (global
 * instruction count under icount): a jump means it was descheduled and has just run
 * again. It appends its index to a shared trace at every resume and measures how long
 * each of its runs lasted. vCPUs 1 and 2 then spin for TAIL instructions and stop: that
 * last stretch must be charged too (time_used_ns). vCPU 0 reports the trace, the run
 * lengths and the time each vCPU used.
 */
#include <stdlib.h>
#include "scenario_guest.h"

#define NVCPUS 3
#define GAP 1500            /* instructions: more than a switch, less than a slice */
#define TRACE_LEN 45
#define TAIL 50000          /* instructions: less than any slice, more than any slack */

static volatile uint32_t trace[TRACE_LEN];
static volatile uint32_t trace_next, done;
static uint32_t runs[NVCPUS][TRACE_LEN];
static uint32_t nruns[NVCPUS];
static uint8_t stacks[NVCPUS][4096] __attribute__((aligned(8)));

static int record(uint32_t id) {
    uint32_t i = __atomic_fetch_add(&trace_next, 1, __ATOMIC_SEQ_CST);
    if (i >= TRACE_LEN)
        return 0;
    trace[i] = id;
    return 1;
}

static void worker(uint32_t id) {
    uint32_t start = mv_cycles(), last = start;
    int more = record(id);
    while (more) {
        uint32_t now = mv_cycles();
        if (now - last > GAP) {            /* we were away: one run ended at `last` */
            runs[id][nruns[id]++] = last - start;
            start = now;
            more = record(id);
        }
        last = now;
    }
}

static void secondary(uint32_t id) {
    worker(id);
    /* The run that finds the trace full starts a fresh slice, so this spin ends within
     * it: the vCPU runs TAIL instructions more, then stops for good. */
    uint32_t t = mv_cycles();
    while (mv_cycles() - t < TAIL)
        ;
    __atomic_fetch_add(&done, 1, __ATOMIC_SEQ_CST);
    mv_vcpu_stop(id);   /* cap i names vCPU i */
    for (;;)
        ;
}

static int cmp(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int main(void) {
    for (uint32_t i = 1; i < NVCPUS; i++)
        sg_int(i == 1 ? "start1" : "start2",
               mv_vcpu_start(i, (void (*)(uint32_t))secondary, stacks[i] + sizeof stacks[i], i));
    sg_int("start_again", mv_vcpu_start(1, (void (*)(uint32_t))secondary, stacks[1], 1));
    sg_int("start_badcap", mv_vcpu_start(7, (void (*)(uint32_t))secondary, stacks[1], 1));
    worker(0);
    __atomic_fetch_add(&done, 1, __ATOMIC_SEQ_CST);
    while (done < NVCPUS) {   /* spin, not yield: the others must see a gap to stop */
        uint32_t t = mv_cycles();
        while (mv_cycles() - t < 4 * GAP)
            ;
    }
    char line[3 * TRACE_LEN + 1];
    for (uint32_t i = 0; i < TRACE_LEN; i++)
        line[2 * i] = (char)('0' + trace[i]), line[2 * i + 1] = ' ';
    line[2 * TRACE_LEN - 1] = '\0';
    sg_result("trace", "%s", line);
    for (uint32_t id = 0; id < NVCPUS; id++) {
        /* drop each vCPU's first run: vCPU 0's started before the others existed */
        qsort(runs[id] + 1, nruns[id] - 1, sizeof runs[id][0], cmp);
        sg_result(id == 0 ? "run0" : id == 1 ? "run1" : "run2", "%u",
                  (unsigned)runs[id][1 + (nruns[id] - 1) / 2]);
        sg_result(id == 0 ? "time0" : id == 1 ? "time1" : "time2", "%u",
                  (unsigned)(mv_state_page(id)->time_used_ns / 1000));
    }
    return 0;
}
