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

START_TEST(lab1_sys_interleave) {
    const struct systest_run *run = systest_run("test_sched_rr");
    struct scenario_line l;
    EXPECT_REPORTED(run, "rr", "trace", scenario_find(&run->r, run->nonce, "rr", "trace", &l));
    int ids[64], n = 0;
    for (char *p = l.value; *p && n < 64; p++)
        if (*p >= '0' && *p <= '2')
            ids[n++] = *p - '0';
    EXPECT(run, n >= 30, "the trace of who ran has %d entries, expected 45: '%s'", n, l.value);
    for (int i = 1; i < n; i++)
        EXPECT(run, ids[i] == (ids[i - 1] + 1) % 3, "three vCPUs of equal priority must take "
               "turns 0 1 2 0 1 2 ...: entry %d is %d after %d. Trace: %s", i, ids[i],
               ids[i - 1], l.value);
    static const char *const keys[] = {"run0", "run1", "run2"};
    for (int v = 0; v < 3; v++) {
        long long slice = 50000LL * (v + 1), got = RESULT(run, "rr", keys[v]);
        EXPECT(run, got <= slice && got >= slice - SLICE_SLACK_NS, "vCPU %d has a %lld ns "
               "slice, but its runs lasted %lld ns (median): expected %lld..%lld", v, slice,
               got, slice - SLICE_SLACK_NS, slice);
    }
}
END_TEST

START_TEST(lab1_sys_accounting) {
    const struct systest_run *run = systest_run("test_sched_rr");
    /* vCPUs 1 and 2 ran 15 slices each (of 100 and 150 us) before the report */
    long long t1 = RESULT(run, "rr", "time1"), t2 = RESULT(run, "rr", "time2");
    EXPECT(run, t1 >= 1400 && t1 <= 1600, "vCPU 1 ran 15 slices of 100 us, but its state page "
           "says it used %lld us (time_used_ns / 1000): expected about 1500", t1);
    EXPECT(run, t2 >= 2100 && t2 <= 2400, "vCPU 2 ran 15 slices of 150 us, but its state page "
           "says it used %lld us: expected about 2250", t2);
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
