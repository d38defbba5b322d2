/*
 * sc_vt_peer.c - scenario of system test_vtimer (VM "vt2", 4 vCPUs): the interleave
 * phase. Each vCPU blocks until VM "vt" raises its "go" line; the payload of that raise
 * is the absolute deadline (low 32 bits of virtual ns) this vCPU must arm its virtual
 * timer for. It takes the line (mv_virq_take: pending bit and payload together), arms
 * the timer, blocks in mv_wait(0) and notes when it woke.
 *
 * Nothing is printed until every vCPU has woken: printing takes thousands of
 * instructions, and a vCPU busy printing at this priority would delay the wake-up of
 * an equal-priority sibling (a woken vCPU waits for the end of the running one's
 * slice). vCPU 0 prints all four records when "vt" raises its "report" line.
 */
#include "scenario_guest.h"

#define NPEERS 4u
#define LINE_GO 1u       /* systems/test_vtimer.c: the caps of "vt" name these lines */
#define LINE_REPORT 2u
#define LINE_TICK 3u     /* the line each vCPU's timer raises */

struct record {
    int32_t go_taken;    /* mv_virq_take of the go line: 1 */
    uint32_t deadline;   /* its payload: the deadline to arm */
    int32_t set;         /* mv_vtimer_set's result */
    int32_t wait_ret;    /* mv_wait(0)'s result: the tick line */
    int32_t tick_taken;  /* mv_virq_take of the tick line after waking: 1 */
    uint64_t armed, woke;
};

static struct record recs[NPEERS];
static uint8_t stacks[NPEERS][2048] __attribute__((aligned(8)));

static void peer(uint32_t id) {
    struct record *r = &recs[id];
    uint32_t payload;
    mv_wait(0);   /* until "go" */
    r->go_taken = mv_virq_take(LINE_GO, &r->deadline);
    r->armed = mv_time();
    r->set = mv_vtimer_set(r->deadline, LINE_TICK);
    r->wait_ret = mv_wait(0);
    r->woke = mv_time();   /* first thing after waking: the arrival time */
    r->tick_taken = mv_virq_take(LINE_TICK, &payload);
}

static void secondary(uint32_t id) {
    peer(id);
    for (;;)
        mv_wait(0);   /* nothing more: the VM's exit stops this vCPU */
}

static void report(uint32_t id) {
    const struct record *r = &recs[id];
    char key[32];
#define KEY(name) (snprintf(key, sizeof key, "p%u_" name, (unsigned)id), key)
    sg_int(KEY("go_taken"), r->go_taken);
    sg_result(KEY("deadline"), "%u", (unsigned)r->deadline);
    sg_int(KEY("set"), r->set);
    sg_hex(KEY("wait_ret"), (uint32_t)r->wait_ret);
    sg_int(KEY("tick_taken"), r->tick_taken);
    sg_time(KEY("armed"), r->armed);
    sg_time(KEY("woke"), r->woke);
#undef KEY
}

int main(void) {
    for (uint32_t i = 1; i < NPEERS; i++)   /* cap i names vCPU i */
        sg_int(i == 1 ? "start1" : i == 2 ? "start2" : "start3",
               mv_vcpu_start(i, secondary, stacks[i] + sizeof stacks[i], i));
    peer(0);
    while (!(mv_wait(0) & (1 << LINE_REPORT)))
        ;
    for (uint32_t id = 0; id < NPEERS; id++)
        report(id);
    return 0;
}
