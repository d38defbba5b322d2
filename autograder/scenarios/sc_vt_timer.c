/*
 * sc_vt_timer.c - scenario of system test_vtimer (VM "vt"): the virtual timer of one
 * vCPU, measured. Under icount one instruction is one virtual ns, so every arrival
 * time below is the same on every run (the host test boots the image twice to check).
 *
 * Guest-kernel mode (the timer wakes mv_wait):
 *   a. for each delay D: arm now + D, mv_wait(0), read the time at once;
 *   c. a deadline already past (= the time just read, and 1 ns): the line is pending
 *      as soon as mv_vtimer_set returns;
 *   d. arm, then cancel (deadline 0): nothing is raised in a later window, and nothing
 *      interrupts either (a timed spin across the old deadline takes as long as one
 *      with no timer armed);
 *   e. arm, then arm again: only the second deadline fires (later, then earlier).
 * Guest-user mode (the timer interrupts user code: an upcall):
 *   b. for each delay D: arm now + D and resume a user spin loop with vIRQs enabled;
 *   m. masked: virq_enabled = 0, arm, resume user code that spins past the deadline and
 *      makes an svc (42). That svc must be the first upcall; the handler enables vIRQs
 *      and resumes: the VIRQ upcall must come at once, at the instruction after the svc,
 *      exactly once; it takes the line; the user code ends with another svc (43).
 * Then the interleave phase with VM "vt2" (see sc_vt_peer.c), and the report.
 */
#include "scenario_guest.h"

enum { CAP_GO0 = 0, CAP_REPORT = 4 };   /* systems/test_vtimer.c */
#define LINE_TICK 3u      /* the exact tests' timer line */
#define LINE_OTHER 4u     /* the first (replaced) timer of test e */
#define LINE_MASKED 6u
#define LINE_ILV 9u       /* this vCPU's timer in the interleave phase */
#define NDELAYS 3u
#define WINDOW_NS 200000u /* "no raise within a later window" */
#define MAX_VIRQ_UPCALLS 20u   /* bail out of a phase that keeps getting them */
#define QUIET_SPIN 50000u      /* loop iterations: 100 us */

static const uint32_t delays[NDELAYS] = {20000, 100000, 1000000};

/* Interleave: deadlines relative to a base, given to vt2's vCPUs 0..3 in this order
 * (so they are armed out of deadline order), and this vCPU's own. vt2's vCPU 2 (priority
 * 8) is due only 900 ns after this one (priority 5): a timer fired early together with
 * this one would run first and see the time before its deadline. */
#define NPEERS 4u
#define SELF_OFFSET 250000u
static const uint32_t peer_offset[NPEERS] = {400000, 150000, SELF_OFFSET + 900, 50000};
#define ARM_SLACK 100000u   /* base = now + this: time for the four to arm */

extern const char user_spin[], user_spin_end[], user_masked[], user_masked_next[],
    user_code_end[];
void upcall(uint32_t cause, struct mv_state *s);

/* User code. user_spin: count down (3 M instructions, more than the longest delay),
 * then svc 99 (only reached if no vIRQ came). user_masked: count down 200 us, svc 42,
 * count down 100 us, svc 43. */
__asm__(".pushsection .text.user_code, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n"
        "   .global user_spin, user_spin_end, user_masked, user_masked_next, user_code_end\n"
        "user_spin:\n"
        "   ldr r0, =1500000\n"
        "1: subs r0, #1\n"
        "   bne 1b\n"
        "   movs r7, #99\n"
        "   svc #0\n"
        "   b .\n"
        "user_spin_end:\n"
        "user_masked:\n"
        "   ldr r0, =100000\n"
        "2: subs r0, #1\n"
        "   bne 2b\n"
        "   movs r7, #42\n"
        "   svc #0\n"
        "user_masked_next:\n"
        "   ldr r0, =50000\n"
        "3: subs r0, #1\n"
        "   bne 3b\n"
        "   movs r7, #43\n"
        "   svc #0\n"
        "   b .\n"
        "   .ltorg\n"
        "user_code_end:\n"
        "   .popsection\n");

static uint32_t user_stack[64] __attribute__((aligned(8)));
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));
static struct mv_state *const st = (struct mv_state *)MV_STATE_VA(0);
static char key[32];
#define KEY(fmt, i) (snprintf(key, sizeof key, fmt, (unsigned)(i)), key)

/* mv_virq_take(line): report "1 payload" style as two keys. */
static void report_take(const char *prefix, uint32_t line) {
    uint32_t payload;
    int32_t got = mv_virq_take(line, &payload);
    char k[32];
    snprintf(k, sizeof k, "%s_take", prefix);
    sg_int(k, got);
    snprintf(k, sizeof k, "%s_payload", prefix);
    sg_hex(k, payload);
}

/* ---- guest-kernel mode ---- */

static void exact_wait(uint32_t i) {   /* a */
    uint64_t deadline = mv_time() + delays[i];
    int32_t set = mv_vtimer_set(deadline, LINE_TICK);
    int32_t got = mv_wait(0);
    uint64_t woke = mv_time();
    sg_int(KEY("a%u_set", i), set);
    sg_hex(KEY("a%u_ret", i), (uint32_t)got);
    sg_time(KEY("a%u_deadline", i), deadline);
    sg_time(KEY("a%u_woke", i), woke);
    report_take(KEY("a%u", i), LINE_TICK);
}

static void past_deadline(void) {   /* c */
    uint64_t now = mv_time();
    int32_t set = mv_vtimer_set(now, LINE_TICK);   /* "now" has passed when it runs */
    uint32_t pending = st->virq_pending;
    sg_int("c_now_set", set);
    sg_hex("c_now_pending", pending);
    report_take("c_now", LINE_TICK);
    set = mv_vtimer_set(1, LINE_TICK);              /* long past */
    pending = st->virq_pending;
    sg_int("c_old_set", set);
    sg_hex("c_old_pending", pending);
    report_take("c_old", LINE_TICK);
    sg_hex("c_later", (uint32_t)mv_wait(WINDOW_NS));   /* fired once: nothing more */
}

/* A fixed number of instructions, timed: under icount its time is exact, unless the
 * microvisor interrupts it (each interrupt costs some hundred instructions). */
static uint32_t timed_spin(void) {
    uint32_t n = QUIET_SPIN, t0 = (uint32_t)mv_time();
    __asm__ volatile("1: subs %0, #1\n   bne 1b" : "+r"(n) : : "cc");
    return (uint32_t)mv_time() - t0;
}

/* d: a cancelled timer raises nothing, and does not even interrupt: a spin across its
 * old deadline takes exactly as long as one with no timer armed. */
static void cancel(void) {
    mv_wait(1000);   /* blocking: a fresh slice, and the hardware timer set anew */
    uint32_t quiet = timed_spin();
    /* QUIET_SPIN ns ahead: halfway through the next spin (2 instructions an iteration) */
    int32_t arm = mv_vtimer_set(mv_time() + QUIET_SPIN, LINE_TICK);
    int32_t cancelled = mv_vtimer_set(0, LINE_TICK);
    uint32_t spun = timed_spin();
    sg_int("d_arm", arm);
    sg_int("d_cancel", cancelled);
    sg_result("d_quiet_spin", "%u", (unsigned)quiet);
    sg_result("d_cancelled_spin", "%u", (unsigned)spun);
    sg_hex("d_wait", (uint32_t)mv_wait(WINDOW_NS));
    sg_hex("d_pending", st->virq_pending);
    report_take("d", LINE_TICK);
}

/* e: arm (line1, now + first), then (line2, now + second); wait for the one raise. */
static void replace(const char *name, uint32_t line1, uint32_t first, uint32_t line2,
                    uint32_t second) {
    char k[32];
    uint64_t now = mv_time();
    mv_vtimer_set(now + first, line1);
    uint64_t deadline = now + second;
    mv_vtimer_set(deadline, line2);
    int32_t got = mv_wait(0);
    uint64_t woke = mv_time();
    uint32_t payload;
    int32_t taken = mv_virq_take(line2, &payload);
    int32_t later = mv_wait(WINDOW_NS);   /* spans the first deadline */
    snprintf(k, sizeof k, "%s_ret", name), sg_hex(k, (uint32_t)got);
    snprintf(k, sizeof k, "%s_deadline", name), sg_time(k, deadline);
    snprintf(k, sizeof k, "%s_woke", name), sg_time(k, woke);
    snprintf(k, sizeof k, "%s_take", name), sg_int(k, taken);
    snprintf(k, sizeof k, "%s_later", name), sg_hex(k, (uint32_t)later);
    mv_virq_ack(~0u);   /* whatever came: the next test starts clean */
}

/* ---- interleave (with vt2) ---- */

static void interleave(void) {
    uint64_t base = mv_time() + ARM_SLACK;
    int32_t rc[NPEERS];
    for (uint32_t i = 0; i < NPEERS; i++)   /* each raise runs vt2's vCPU i at once */
        rc[i] = mv_virq_raise_payload(CAP_GO0 + i, (uint32_t)(base + peer_offset[i]));
    uint64_t deadline = base + SELF_OFFSET;
    int32_t set = mv_vtimer_set(deadline, LINE_ILV);
    int32_t got = mv_wait(0);
    uint64_t woke = mv_time();
    uint32_t payload;
    int32_t taken = mv_virq_take(LINE_ILV, &payload);
    mv_wait(2 * ARM_SLACK + peer_offset[0]);   /* until every peer has woken */
    sg_time("i_base", base);
    for (uint32_t i = 0; i < NPEERS; i++)
        sg_int(KEY("i_go%u", i), rc[i]);
    sg_int("i_set", set);
    sg_hex("i_ret", (uint32_t)got);
    sg_time("i_deadline", deadline);
    sg_time("i_woke", woke);
    sg_int("i_take", taken);
    sg_int("i_report", mv_virq_raise(CAP_REPORT));
}

/* ---- guest-user mode ---- */

static enum { SPIN, MASKED } phase;
static uint32_t spin_i, masked_upcalls, masked_virqs;
static uint64_t deadline, resumed_at;

static void resume_at(const char *pc) {
    st->user = (struct mv_regs){.pc = (uint32_t)pc, .sp = (uint32_t)(user_stack + 64),
                                .cpsr = 0x30};   /* user mode, Thumb */
    mv_resume_user();
}

static void spin_start(uint32_t i) {   /* b */
    st->virq_enabled = 1;
    deadline = mv_time() + delays[i];
    sg_int(KEY("b%u_set", i), mv_vtimer_set(deadline, LINE_TICK));
    resume_at(user_spin);
}

static void masked_start(void) {   /* m */
    phase = MASKED;
    st->virq_enabled = 0;
    deadline = mv_time() + 20000;
    sg_int("m_set", mv_vtimer_set(deadline, LINE_MASKED));
    resume_at(user_masked);
}

static void finish(void) {
    sg_time("m_deadline", deadline);
    sg_int("m_upcalls", (int32_t)masked_upcalls);
    sg_int("m_virqs", (int32_t)masked_virqs);
    sg_hex("label_spin", (uint32_t)user_spin);
    sg_hex("label_spin_end", (uint32_t)user_spin_end);
    sg_hex("label_masked", (uint32_t)user_masked);
    sg_hex("label_masked_next", (uint32_t)user_masked_next);
    st->virq_enabled = 0;
    mv_vtimer_set(0, LINE_MASKED);   /* a late or repeated masked raise must not */
    mv_virq_ack(~0u);                /* spoil the interleave phase */
    interleave();
    mv_vm_exit(0);
}

static void spin_upcall(uint32_t cause, uint64_t t) {
    uint32_t i = spin_i++;
    sg_int(KEY("b%u_cause", i), (int32_t)cause);
    sg_hex(KEY("b%u_pc", i), st->user.pc);
    sg_hex(KEY("b%u_r7", i), st->user.r[7]);   /* 99: the spin ran out, no vIRQ came */
    sg_hex(KEY("b%u_pending", i), st->virq_pending);
    sg_time(KEY("b%u_deadline", i), deadline);
    sg_time(KEY("b%u_woke", i), t);
    report_take(KEY("b%u", i), LINE_TICK);
    if (spin_i < NDELAYS)
        spin_start(spin_i);
    masked_start();
}

/* Upcall n of the masked phase, reported as m<n>_*. */
static void masked_upcall(uint32_t cause, uint64_t t) {
    uint32_t n = masked_upcalls++;
    if (n < 4) {
        sg_int(KEY("m%u_cause", n), (int32_t)cause);
        sg_hex(KEY("m%u_r7", n), st->user.r[7]);
        sg_hex(KEY("m%u_pc", n), st->user.pc);
        sg_hex(KEY("m%u_pending", n), st->virq_pending);
        sg_time(KEY("m%u_at", n), t);
        sg_time(KEY("m%u_resumed", n), resumed_at);   /* the previous resume */
    }
    if (cause == MV_CAUSE_VIRQ && ++masked_virqs <= MAX_VIRQ_UPCALLS) {
        report_take(KEY("m%u", n), LINE_MASKED);
    } else if (cause == MV_CAUSE_SYSCALL && st->user.r[7] == 42) {
        st->virq_enabled = 1;   /* unmask: the pending line must come at once */
    } else {
        finish();   /* svc 43, or anything unexpected: the host judges the report */
    }
    resumed_at = mv_time();
    mv_resume_user();
}

void upcall(uint32_t cause, struct mv_state *s) {
    uint64_t t = mv_time();   /* first thing: the arrival time */
    (void)s;
    if (phase == SPIN)
        spin_upcall(cause, t);
    masked_upcall(cause, t);
}

int main(void) {
    for (uint32_t i = 0; i < NDELAYS; i++)
        exact_wait(i);
    past_deadline();
    cancel();
    replace("e_later", LINE_OTHER, 50000, LINE_TICK, 150000);   /* first must not fire */
    replace("e_earlier", LINE_TICK, 150000, LINE_TICK, 50000);  /* nor fire again later */
    sg_int("set_entry", mv_set_entry(upcall, upcall_stack + sizeof upcall_stack));
    sg_user_context(user_spin, user_code_end, user_stack, user_stack + 64);
    spin_start(0);
    return 3;   /* only if mv_resume_user failed */
}
