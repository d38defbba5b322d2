/*
 * test_fpu.c - every vCPU and every minilinux process has floating-point registers of
 * its own (VFP/NEON: d0-d31, FPSCR), bit for bit. Systems: test_fpu (sc_fpu.c: two VMs
 * of two vCPUs, 20 us slices) and test_minilinux_fpu (fptest.c: processes of minilinux
 * under its 1 ms tick, beside a second VM running sc_fpu.c).
 */
#include <inttypes.h>
#include "fpu_check.h"
#include "systest.h"

#define TAGS "fpu system"

/* Expect VM @p vm's result @p key to be the bits of fpu_series_sum(seed, id, rounds):
 * the arithmetic itself was exact. */
static void expect_series(const struct systest_run *run, const char *vm, const char *key,
                          uint32_t seed, uint32_t id, uint32_t rounds) {
    char want[24];
    struct scenario_line l;
    snprintf(want, sizeof want, "%016" PRIx64, fpu_series_sum(seed, id, rounds, FPU_SERIES_N));
    EXPECT_REPORTED(run, vm, key, scenario_find(&run->r, run->nonce, vm, key, &l));
    EXPECT(run, !strcmp(l.value, want), "VM '%s' result '%s': the floating-point series of "
           "worker %u should end with the bits %s (computed on the host), saw %s", vm, key,
           id, want, l.value);
}

/* What every VM running sc_fpu.c must report: its two vCPUs' registers survived. */
static void expect_sc_fpu(const struct systest_run *run, const char *vm) {
    EXPECT_RESULT(run, vm, "rounds", 2 * SC_FPU_ROUNDS);
    EXPECT_RESULT(run, vm, "fp_errors", 0);
    long long p = RESULT(run, vm, "preempted_rounds");
    EXPECT(run, p >= 2 * SC_FPU_ROUNDS / 2, "VM '%s' was preempted in only %lld of its "
           "rounds: the test needs its registers to live through many switches", vm, p);
    uint32_t seed = (uint32_t)RESULT(run, vm, "seed");
    expect_series(run, vm, "series0", seed, 0, SC_FPU_ROUNDS);
    expect_series(run, vm, "series1", seed, 1, SC_FPU_ROUNDS);
    systest_expect_stopped(run, vm, 0, NULL, 0);
}

START_TEST(fpu_vcpus_keep_registers) {
    const struct systest_run *run = systest_run("test_fpu");
    expect_sc_fpu(run, "fpu-a");
    expect_sc_fpu(run, "fpu-b");
}
END_TEST

/* A vCPU's first look at the registers: zeros, not what the other VM (or its other
 * vCPU) had in them when it was preempted. */
START_TEST(fpu_no_leak_between_vms) {
    const struct systest_run *run = systest_run("test_fpu");
    static const char *const vms[] = {"fpu-a", "fpu-b"};
    for (int i = 0; i < 2; i++) {
        EXPECT_RESULT(run, vms[i], "fresh_dirty0", 0);
        EXPECT_RESULT(run, vms[i], "fresh_dirty1", 0);
    }
}
END_TEST

/* minilinux: a new program finds zeros (at boot and after execve), fork keeps the
 * registers in both processes, and FPTEST_WORKERS processes keep theirs across the
 * ticks and compute exactly; meanwhile the other VM's vCPUs keep theirs too. */
START_TEST(fpu_minilinux_processes) {
    const struct systest_run *run = systest_run("test_minilinux_fpu");
    static const char *const zero_keys[] = {"init_dirty", "exec_dirty", "fork_parent_errors",
                                            "fork_child_errors"};
    for (size_t i = 0; i < sizeof zero_keys / sizeof zero_keys[0]; i++)
        EXPECT_RESULT(run, "minilinux", zero_keys[i], 0);
    long long preempted = 0;
    for (uint32_t id = 0; id < FPTEST_WORKERS; id++) {
        char key[16];
        snprintf(key, sizeof key, "errors%u", id);
        EXPECT_RESULT(run, "minilinux", key, 0);
        snprintf(key, sizeof key, "preempted%u", id);
        preempted += RESULT(run, "minilinux", key);
        snprintf(key, sizeof key, "series%u", id);
        expect_series(run, "minilinux", key, FPTEST_SEED, id, FPTEST_ROUNDS);
    }
    EXPECT(run, preempted >= FPTEST_WORKERS * FPTEST_ROUNDS / 2, "minilinux's processes were "
           "interrupted in only %lld of their %u rounds: the test needs their registers to "
           "live through many switches", preempted, FPTEST_WORKERS * FPTEST_ROUNDS);
    EXPECT_RESULT(run, "minilinux", "done", FPTEST_WORKERS);
    systest_expect_stopped(run, "minilinux", 0, NULL, 0);
    expect_sc_fpu(run, "fpu-b");
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_fpu(void) {
    Suite *s = suite_create("fpu");
    systest_add(s, "fpu_vcpus_keep_registers", TAGS, fpu_vcpus_keep_registers, SYSTEST_TIMEOUT_S);
    systest_add(s, "fpu_no_leak_between_vms", TAGS, fpu_no_leak_between_vms, SYSTEST_TIMEOUT_S);
    systest_add(s, "fpu_minilinux_processes", TAGS, fpu_minilinux_processes, SYSTEST_TIMEOUT_S);
    return s;
}
