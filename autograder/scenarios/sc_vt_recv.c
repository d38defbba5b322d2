/*
 * sc_vt_recv.c - scenario of system test_virq_payload (VM "recv"): line 3 collects the
 * payloads of three senders (sc_vt_sender.c); line 4 is their "done" line, whose
 * payloads say who is done. Everything is observed with mv_virq_take, which returns
 * the pending bit and the accumulated payload and clears both at once.
 *
 *   x. Cross-VM: the intruders (sc_vt_intruder.c) ran first; line 3 must be untouched
 *      (take: 0, payload 0). Sender 0 raises once with a known payload: one take gets it,
 *      a second take gets nothing.
 *   f1. Exact OR: the senders raise about 3000 times while this vCPU is busy and does
 *      not touch line 3; after all are done, one take must return exactly the OR of all
 *      their payloads, and a second take nothing.
 *   f2. No raise lost: the senders raise while this vCPU takes line 3 in a loop; the
 *      OR of all takes (the last one after all are done) must be the OR of all sends.
 *      A take that says pending must carry a payload (every raise has one), a take
 *      that says not pending must carry none.
 * Every loop is bounded in virtual time, so a broken kernel ends in a report, not a hang.
 */
#include "scenario_guest.h"

#define NSENDERS 3u
#define ALL_DONE ((1u << NSENDERS) - 1u)
#define LINE_DATA 3u      /* systems/test_virq_payload.c */
#define LINE_DONE 4u
#define PHASE_LIMIT_NS 50000000u   /* 50 ms: far more than a phase needs (~2 ms) */

static struct mv_state *const st = (struct mv_state *)MV_STATE_VA(0);

/* Start phase @p phase: raise each sender's line 1 (cap k) with payload (phase << 8) | k. */
static void go(uint32_t phase) {
    for (uint32_t k = 0; k < NSENDERS; k++)
        mv_virq_raise_payload(k, (phase << 8) | k);
}

/* Take line 4 if it is pending: the bits of the senders that are done. */
static uint32_t take_done(void) {
    uint32_t who = 0;
    if (st->virq_pending & (1u << LINE_DONE))
        mv_virq_take(LINE_DONE, &who);
    return who;
}

/* Report a take of line 3 as <name>_take and <name>_payload. */
static void take_and_report(const char *name) {
    char key[32];
    uint32_t payload;
    int32_t got = mv_virq_take(LINE_DATA, &payload);
    snprintf(key, sizeof key, "%s_take", name), sg_int(key, got);
    snprintf(key, sizeof key, "%s_payload", name), sg_hex(key, payload);
}

static void cross_vm(void) {
    sg_hex("x_pending_at_start", st->virq_pending);
    take_and_report("x_first");   /* the intruders are done: nothing may be there */
    mv_virq_raise_payload(0, 0 << 8);   /* phase 0, sender 0 only */
    uint32_t done = 0, start = (uint32_t)mv_time();
    while (!(done & 1u) && (uint32_t)mv_time() - start < PHASE_LIMIT_NS) {
        mv_wait(PHASE_LIMIT_NS);
        done |= take_done();
    }
    sg_hex("x_done", done);
    take_and_report("x");
    take_and_report("x_again");
}

static void exact_or(void) {
    go(1);
    uint32_t done = 0, start = (uint32_t)mv_time();
    while (done != ALL_DONE && (uint32_t)mv_time() - start < PHASE_LIMIT_NS)
        done |= take_done();   /* busy: line 3 is left alone meanwhile */
    sg_hex("f1_done", done);
    take_and_report("f1");
    take_and_report("f1_again");
}

static void flood(void) {
    uint32_t done = 0, or_all = 0, takes = 0, calls = 0, empty = 0, stale = 0, payload;
    uint32_t start = (uint32_t)mv_time();
    go(2);
    for (int last = 0; !last;) {
        last = done == ALL_DONE || (uint32_t)mv_time() - start >= PHASE_LIMIT_NS;
        int32_t got = mv_virq_take(LINE_DATA, &payload);   /* after "done": the final one */
        calls++;
        takes += got == 1;
        empty += got == 1 && !payload;
        stale += got != 1 && payload;
        or_all |= payload;
        done |= take_done();
    }
    sg_hex("f2_done", done);
    sg_hex("f2_or", or_all);
    sg_int("f2_takes", (int32_t)takes);
    sg_int("f2_calls", (int32_t)calls);
    sg_int("f2_empty", (int32_t)empty);
    sg_int("f2_stale", (int32_t)stale);
    take_and_report("f2_again");
}

int main(void) {
    cross_vm();
    exact_or();
    flood();
    go(3);   /* the senders report and exit */
    return 0;
}
