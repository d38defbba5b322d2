/*
 * test_hypercalls.c - system test_hypercalls (systems/test_hypercalls.c): every
 * argument check of the hypercall layer, seen from VM "hc" (sc_hypercalls.c), while
 * VM "peer" (sc_peer.c) checks nothing reached it.
 */
#include "systest.h"

#define SYSTEM "test_hypercalls"
#define TAGS "foundation system"
#define HC "hc"
#define PEER "peer"

/* Expect each listed result of VM "hc" to be @p want. */
#define EXPECT_ALL(run, want, ...)                                                  \
    do {                                                                            \
        static const char *const keys_[] = {__VA_ARGS__};                           \
        for (size_t k_ = 0; k_ < sizeof keys_ / sizeof keys_[0]; k_++)              \
            EXPECT_RESULT(run, HC, keys_[k_], want);                                \
    } while (0)

START_TEST(console_write) {
    const struct systest_run *run = systest_run(SYSTEM);
    char value[64];
    /* "@@ <8 hex> cw_line hello\n" is 26 bytes */
    EXPECT_RESULT(run, HC, "cw_ret", 26);
    EXPECT(run, scenario_get_vm(&run->r, run->nonce, HC, "cw_line", value, sizeof value) &&
                    strcmp(value, "hello") == 0,
           "the line written with the console hypercall is missing or damaged "
           "(expected 'hc| @@ %08x cw_line hello')", run->nonce);
    EXPECT_RESULT(run, HC, "cw_zero", 0);
    EXPECT_RESULT(run, HC, "cw_max", MV_CONSOLE_MAX);
    int lines = scenario_count(&run->r, run->nonce, HC, "cw_max_line");
    EXPECT(run, lines == 16, "a %u-byte console write of 16 lines printed %d of them",
           MV_CONSOLE_MAX, lines);
    EXPECT_RESULT(run, HC, "cw_over", MV_ERANGE);
    EXPECT_NO_RESULT(run, HC, "cw_big_line");
}
END_TEST

/* The newlib runtime of userland/lib: long writes are split, the heap has a fixed limit. */
START_TEST(userland_runtime) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, HC, "libc_write", 3 * MV_CONSOLE_MAX);
    int lines = scenario_count(&run->r, run->nonce, HC, "libc_long_line");
    EXPECT(run, lines == 48, "write() of %u bytes (48 lines) printed %d of them",
           3 * MV_CONSOLE_MAX, lines);
    EXPECT_RESULT(run, HC, "malloc_too_big_null", 1);
    EXPECT_RESULT(run, HC, "malloc_64k_ok", 1);
    EXPECT_RESULT(run, HC, "vcpu1_start", 0);
    EXPECT(run, RESULT(run, HC, "malloc_other_stack") == 1, "malloc() on a vCPU whose stack "
           "is in .bss failed (result %lld): _sbrk must not use the current sp as its limit",
           RESULT(run, HC, "malloc_other_stack"));
}
END_TEST

START_TEST(null_and_unknown_hypercalls) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, HC, "null_zero_count", 1000);
    EXPECT_RESULT(run, HC, "null_r0", 0);
    long long clobbered = RESULT(run, HC, "null_clobbered");
    EXPECT(run, clobbered == 0, "the null hypercall changed registers it must preserve "
           "(bit i = ri): 0x%llx", clobbered);
    EXPECT_ALL(run, MV_ENOSYS, "enosys_count", "enosys_high", "enosys_max");
}
END_TEST

START_TEST(bad_caps) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_ALL(run, MV_ECAP, "cap_raise_wrongtype", "cap_raise_empty", "cap_raise_range",
               "cap_raise_huge", "cap_prio_wrongtype", "cap_stop_empty");
    EXPECT_ALL(run, MV_EPERM, "cap_raise_noright", "cap_prio_noright");
    EXPECT_RESULT(run, HC, "virq_raise_ok", 0);   /* and the one good cap works */
}
END_TEST

START_TEST(bad_pointers) {
    const struct systest_run *run = systest_run(SYSTEM);
    /* the scenario assumes 1 MiB of RAM: its stack must be in the last page */
    EXPECT_RESULT(run, HC, "stack_page", 0x000ff000);
    EXPECT_ALL(run, MV_EFAULT, "cw_page0", "cw_beyond_ram", "cw_wrap", "cw_kernel_low",
               "cw_kernel_image", "cw_kernel_uart", "cw_unmapped");
    EXPECT_RESULT(run, HC, "set_entry_kernel", MV_ERANGE);
}
END_TEST

START_TEST(vmmu_map) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_ALL(run, 0, "map_ok", "unmap_ok");
    EXPECT_RESULT(run, HC, "map_alias_readback", 0x600dcafe);
    EXPECT_ALL(run, MV_EINVAL, "map_va_align", "map_gpa_align", "map_flags_none",
               "map_flags_write_only", "map_flags_unknown", "unmap_align");
    EXPECT_ALL(run, MV_ERANGE, "map_beyond_ram", "map_gpa_huge", "map_state_page",
               "map_state_window_low", "map_kernel_va", "unmap_state_page");
    EXPECT_RESULT(run, HC, "state_magic_after", MV_STATE_MAGIC);
    EXPECT_RESULT(run, HC, "sweep_refused", 1024);
}
END_TEST

START_TEST(other_vm_untouched) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULTS_EQUAL(run, PEER, "sum_after", "sum_before");
    EXPECT_RESULT(run, PEER, "woke_bits", 1 << 3);   /* line 3: hc's only good cap */
    EXPECT_RESULT(run, HC, "done", 1);
    systest_expect_stopped(run, PEER, 0, NULL, 0);
    systest_expect_stopped(run, HC, 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_hypercalls(void) {
    Suite *s = suite_create("hypercalls");
    systest_add(s, "console_write", TAGS, console_write, SYSTEST_TIMEOUT_S);
    systest_add(s, "userland_runtime", TAGS, userland_runtime, SYSTEST_TIMEOUT_S);
    systest_add(s, "null_and_unknown_hypercalls", TAGS, null_and_unknown_hypercalls, SYSTEST_TIMEOUT_S);
    systest_add(s, "bad_caps", TAGS, bad_caps, SYSTEST_TIMEOUT_S);
    systest_add(s, "bad_pointers", TAGS, bad_pointers, SYSTEST_TIMEOUT_S);
    systest_add(s, "vmmu_map", TAGS, vmmu_map, SYSTEST_TIMEOUT_S);
    systest_add(s, "other_vm_untouched", TAGS, other_vm_untouched, SYSTEST_TIMEOUT_S);
    return s;
}
