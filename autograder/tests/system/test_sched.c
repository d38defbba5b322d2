/*
 * test_sched.c - lab 1 system tests: the vCPU scheduler in QEMU. Under icount every run
 * is exactly repeatable, so a failure here replays identically (make grade-debug).
 * Systems: test_sched_rr, test_sched_prio, test_sched_yield, test_sched_idle,
 * test_sched_regs, and test_virq for wait + wake.
 */
#include "systest.h"

#define TAGS "lab1 system"

/* How close a measured run must be to its configured slice: the timer fires at the
 * slice's end, then a few hundred instructions of kernel entry and switch follow. */
#define SLICE_SLACK_NS 2000

/* sc_rr.c's trace: its TRACE_LEN turns of 3 equal-priority vCPUs, in strict rotation. */
#define RR_NVCPUS 3
#define RR_TRACE_LEN 45
#define TRACE_SEP " \t\r\n"

/* The trace three equal-priority vCPUs must leave: "0 1 2 0 1 2 ... 2", RR_TRACE_LEN ids. */
static void rr_expected_trace(char *buf, size_t size) {
    size_t at = 0;
    for (int i = 0; i < RR_TRACE_LEN && at < size; i++)
        at += (size_t)snprintf(buf + at, size - at, i ? " %d" : "%d", i % RR_NVCPUS);
}

/* Copy the next token of *s into tok ("" at the end) and move *s past it. */
static void next_token(const char **s, char *tok, size_t size) {
    *s += strspn(*s, TRACE_SEP);
    size_t n = strcspn(*s, TRACE_SEP);
    snprintf(tok, size, "%.*s", (int)n, *s);
    *s += n;
}

/* The index of the first entry where two traces differ, or -1 if they are the same.
 * Token by token, so a missing, extra or garbled entry is a difference too; the two
 * entries at that index are left in want_tok and seen_tok ("" past the end). */
static int trace_diff(const char *want, const char *seen, char *want_tok, char *seen_tok,
                      size_t size) {
    for (int i = 0;; i++) {
        next_token(&want, want_tok, size);
        next_token(&seen, seen_tok, size);
        if (strcmp(want_tok, seen_tok))
            return i;
        if (!want_tok[0])
            return -1;
    }
}

START_TEST(lab1_sys_interleave) {
    const struct systest_run *run = systest_run("test_sched_rr");
    struct scenario_line l;
    EXPECT_REPORTED(run, "rr", "trace", scenario_find(&run->r, run->nonce, "rr", "trace", &l));
    /* Under icount the run is deterministic, so the whole trace is exact, not just its shape. */
    char want[3 * RR_TRACE_LEN], want_tok[16], seen_tok[16];
    rr_expected_trace(want, sizeof want);
    int at = trace_diff(want, l.value, want_tok, seen_tok, sizeof want_tok);
    EXPECT(run, at < 0, "three vCPUs of equal priority must take turns 0 1 2 0 1 2 ..., %d "
           "entries in all; the trace of who ran first differs at entry %d (from 0): expected "
           "%s, saw %s\n  expected: %s\n  seen:     %s", RR_TRACE_LEN, at,
           want_tok[0] ? want_tok : "the end of the trace",
           seen_tok[0] ? seen_tok : "the end of the trace", want, l.value);
    static const char *const keys[] = {"run0", "run1", "run2"};
    for (int v = 0; v < RR_NVCPUS; v++) {
        long long slice = 50000LL * (v + 1), got = RESULT(run, "rr", keys[v]);
        EXPECT(run, got <= slice && got >= slice - SLICE_SLACK_NS, "vCPU %d has a %lld ns "
               "slice, but its runs lasted %lld ns (median): expected %lld..%lld", v, slice,
               got, slice - SLICE_SLACK_NS, slice);
    }
}
END_TEST

/* What vCPU v of sc_rr.c must have used, in us: 15 full slices of (v + 1) x 50 us, then
 * its TAIL of 50 us before it stopped. A kernel that does not charge a vCPU for its
 * last stretch (it is no longer runnable when charged) misses the tail. */
#define RR_TURNS (RR_TRACE_LEN / RR_NVCPUS)
#define RR_TAIL_US 50
#define RR_TIME_US(v) (RR_TURNS * 50LL * ((v) + 1) + RR_TAIL_US)

/* Under icount the figure is exact but for the kernel's own instructions, which are
 * charged to the vCPU that runs next: well under 1 us a switch, the reference's total is
 * 1 us. A last stretch missed, or charged twice, is 50 us off. */
#define RR_TIME_SLACK_US 10

START_TEST(lab1_sys_accounting) {
    const struct systest_run *run = systest_run("test_sched_rr");
    static const char *const keys[] = {NULL, "time1", "time2"};
    for (int v = 1; v < RR_NVCPUS; v++) {
        long long want = RR_TIME_US(v), got = RESULT(run, "rr", keys[v]);
        long long lo = want - RR_TIME_SLACK_US, hi = want + RR_TIME_SLACK_US;
        EXPECT(run, got >= lo && got <= hi, "vCPU %d ran %d slices of %lld us, then %d us more "
               "before it stopped, but its state page says it used %lld us (time_used_ns / "
               "1000): expected %lld..%lld%s", v, RR_TURNS, 50LL * (v + 1), RR_TAIL_US, got, lo,
               hi, got < lo ? ". Is a vCPU charged for its last stretch when it stops or blocks?"
               : ". Is the last stretch before a stop charged twice?");
    }
}
END_TEST

START_TEST(lab1_sys_multi_vcpu) {
    const struct systest_run *run = systest_run("test_sched_rr");
    EXPECT_RESULT(run, "rr", "start1", 0);
    EXPECT_RESULT(run, "rr", "start2", 0);
    EXPECT_RESULT(run, "rr", "start_again", MV_EBUSY);
    EXPECT_RESULT(run, "rr", "start_badcap", MV_ECAP);
    systest_expect_stopped(run, "rr", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

START_TEST(lab1_sys_priority) {
    const struct systest_run *run = systest_run("test_sched_prio");
    EXPECT_RESULT(run, "high", "hi_set_prio_above_max", MV_ERANGE);
    EXPECT_RESULT(run, "high", "hi_set_prio_max", 0);
    EXPECT_RESULT(run, "low", "lo_set_prio_above_max", MV_ERANGE);
    EXPECT_RESULT(run, "high", "hi_gaps", 0);
    long long block = RESULT(run, "high", "hi_block"), first = RESULT(run, "low", "lo_first");
    EXPECT(run, first > block, "the priority-5 VM first ran at instruction %lld, before the "
           "priority-10 VM blocked at %lld: a lower priority must not run while a higher one "
           "is runnable", first, block);
    EXPECT_RESULT(run, "high", "hi_wait_ret", 0);
    long long away = RESULT(run, "high", "hi_away");
    EXPECT(run, away >= 500000 && away <= 500000 + SLICE_SLACK_NS, "the priority-10 VM waited "
           "500 us but got the CPU back after %lld ns: when its timeout expires it must "
           "preempt the lower-priority VM at once", away);
    systest_expect_clean_poweroff(run);
}
END_TEST

START_TEST(lab1_sys_yield) {
    const struct systest_run *run = systest_run("test_sched_yield");
    long long prev = -1;
    const char *prev_vm = "";
    for (int i = 0; i < 12; i++) {
        char key[8] = {'y', (char)('a' + i), 0};
        for (int k = 0; k < 2; k++) {   /* ping yields first, then pong: they alternate */
            const char *vm = k ? "pong" : "ping";
            long long t = RESULT(run, vm, key);
            EXPECT(run, t > prev, "yield must hand the CPU over at once, so the two VMs' "
                   "returns from yield alternate: %s's return %d (at %lld) is not after "
                   "%s's previous one (at %lld)", vm, i, t, prev_vm, prev);
            EXPECT(run, prev < 0 || t - prev < 5000, "%s returned from yield %d at %lld, "
                   "%lld ns after %s did: a yield must switch at once, not at the end of "
                   "a 10 ms slice", vm, i, t, t - prev, prev_vm);
            prev = t, prev_vm = vm;
        }
    }
}
END_TEST

START_TEST(lab1_sys_wait_wake) {
    const struct systest_run *run = systest_run("test_virq");
    EXPECT_RESULT(run, "receiver", "wake_ret", 1 << 5);
    long long start = RESULT(run, "receiver", "wait_start"), end = RESULT(run, "receiver", "wait_end");
    long long raised = RESULT(run, "sender", "raise_time");
    EXPECT(run, start < raised && raised <= end, "the receiver must stay blocked in mv_wait "
           "until the sender raises its vIRQ: waited %lld..%lld ns, raise at %lld ns",
           start, end, raised);
    EXPECT_RESULT(run, "receiver", "timeout_ret", 0);
}
END_TEST

START_TEST(lab1_sys_idle) {
    const struct systest_run *run = systest_run("test_sched_idle");
    for (int i = 0; i < 5; i++) {
        char ret[8] = {'r', (char)('0' + i), 0}, took[8] = {'t', (char)('0' + i), 0};
        EXPECT_RESULT(run, "sleeper", ret, 0);
        long long t = RESULT(run, "sleeper", took);
        EXPECT(run, t >= 1000000 && t <= 1000000 + SLICE_SLACK_NS, "mv_wait(1 ms) number %d "
               "returned after %lld ns with nothing else to run: the CPU must idle until the "
               "timeout and wake the vCPU then", i, t);
    }
    EXPECT_NO_RESULT(run, "forever", "forever_woke");
    char line[256];
    KERNEL_LINE(run, "[mv] every vCPU is blocked with no timeout", line);
    EXPECT(run, !run->r.timed_out, "the run must end by itself when nothing can ever run again");
}
END_TEST

START_TEST(lab1_sys_registers) {
    const struct systest_run *run = systest_run("test_sched_regs");
    static const char *const vms[] = {"regs-a", "regs-b"};
    for (int i = 0; i < 2; i++) {
        EXPECT_RESULT(run, vms[i], "rounds", 3000);
        EXPECT_RESULT(run, vms[i], "reg_errors", 0);
        long long p = RESULT(run, vms[i], "preempted_rounds");
        EXPECT(run, p >= 1000, "VM '%s' was preempted in only %lld of its rounds: the test "
               "needs thousands of preemptions (10 us slices)", vms[i], p);
        systest_expect_stopped(run, vms[i], 0, NULL, 0);
    }
}
END_TEST

Suite *suite_sched(void) {
    Suite *s = suite_create("sched");
    systest_add(s, "lab1_sys_interleave", TAGS, lab1_sys_interleave, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab1_sys_accounting", TAGS, lab1_sys_accounting, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab1_sys_multi_vcpu", TAGS, lab1_sys_multi_vcpu, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab1_sys_priority", TAGS, lab1_sys_priority, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab1_sys_yield", TAGS, lab1_sys_yield, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab1_sys_wait_wake", TAGS, lab1_sys_wait_wake, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab1_sys_idle", TAGS, lab1_sys_idle, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab1_sys_registers", TAGS, lab1_sys_registers, SYSTEST_TIMEOUT_S);
    return s;
}
