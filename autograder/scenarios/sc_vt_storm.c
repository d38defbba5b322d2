/*
 * sc_vt_storm.c - scenario of system test_virq_storm (VM "storm", priority 3): a guest
 * kernel that floods itself with vIRQs. Its user code only counts; with vIRQs enabled,
 * every upcall handler
 *   - takes its lines (mv_virq_take): 1 = its virtual timer, 2 = its own raises,
 *     5 = "busy is idle for good";
 *   - re-arms the virtual timer, alternately for "now" (already past: raised at once)
 *     and for 300 ns ahead (a real timer interrupt, soon);
 *   - raises line 2 through its own cap;
 * and resumes user code, where the pending line 2 brings it straight back. So this vCPU
 * is interrupted all the time, and the microvisor's timer is always busy with it.
 * It stops AFTER_IDLE_NS after "busy" says it is idle (or at a hard limit), and
 * reports its counts at that moment and at the end: it must have got on with its
 * storm once "busy" no longer needed the CPU.
 */
#include "scenario_guest.h"

enum { CAP_SELF = 0 };   /* systems/test_virq_storm.c */
#define LINE_TIMER 1u
#define LINE_SELF 2u
#define LINE_IDLE 5u
#define AHEAD_NS 300u
#define AFTER_IDLE_NS 1000000u
#define LIMIT_NS 40000000u   /* 40 ms: busy needs ~3 ms */

extern const char user_count[], user_count_end[];
void upcall(uint32_t cause, struct mv_state *s);

__asm__(".pushsection .text.user_count, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n   .global user_count, user_count_end\n"
        "user_count:\n"
        "   adds r4, #1\n"
        "   b user_count\n"
        "user_count_end:\n"
        "   .popsection\n");

static uint32_t user_stack[64] __attribute__((aligned(8)));
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));
static struct mv_state *const st = (struct mv_state *)MV_STATE_VA(0);

struct counts {
    uint32_t upcalls, virq_upcalls, timer_takes, self_takes, raises, raise_errors, set_errors;
};
static struct counts c, at_idle;
static uint32_t start, idle_at, idle_seen;

static void report(const char *prefix, const struct counts *k) {
    char key[32];
#define R(field) (snprintf(key, sizeof key, "%s_" #field, prefix), sg_int(key, (int32_t)k->field))
    R(upcalls), R(virq_upcalls), R(timer_takes), R(self_takes), R(raises), R(raise_errors),
        R(set_errors);
#undef R
}

static void finish(uint32_t now) {
    sg_int("idle_seen", (int32_t)idle_seen);
    sg_result("idle_at", "%u", (unsigned)idle_at);
    sg_result("end_at", "%u", (unsigned)now);
    report("idle", &at_idle);
    report("end", &c);
    mv_vm_exit(0);
}

static uint32_t take(uint32_t line) {
    uint32_t payload;
    return mv_virq_take(line, &payload) == 1;
}

void upcall(uint32_t cause, struct mv_state *s) {
    (void)s;
    c.upcalls++;
    c.virq_upcalls += cause == MV_CAUSE_VIRQ;
    c.timer_takes += take(LINE_TIMER);
    c.self_takes += take(LINE_SELF);
    int idle_now = take(LINE_IDLE);
    /* Read the time only now: "busy" may have preempted this handler anywhere above. */
    uint32_t now = (uint32_t)mv_time();
    if (idle_now && !idle_seen)
        idle_seen = 1, idle_at = now, at_idle = c;
    if ((idle_seen && now - idle_at >= AFTER_IDLE_NS) || now - start >= LIMIT_NS)
        finish(now);
    uint64_t deadline = (c.upcalls & 1) ? mv_time() : mv_time() + AHEAD_NS;
    c.set_errors += mv_vtimer_set(deadline, LINE_TIMER) != 0;
    c.raises++;
    c.raise_errors += mv_virq_raise_payload(CAP_SELF, c.upcalls) != 0;
    mv_resume_user();
}

int main(void) {
    sg_int("set_entry", mv_set_entry(upcall, upcall_stack + sizeof upcall_stack));
    sg_user_context(user_count, user_count_end, user_stack, user_stack + 64);
    start = (uint32_t)mv_time();
    st->user = (struct mv_regs){.pc = (uint32_t)user_count, .sp = (uint32_t)(user_stack + 64),
                                .cpsr = 0x30};   /* user mode, Thumb */
    st->virq_enabled = 1;
    c.raises++;
    c.raise_errors += mv_virq_raise_payload(CAP_SELF, 1) != 0;   /* the storm's first vIRQ */
    sg_int("resume_failed", mv_resume_user());
    return 3;
}
