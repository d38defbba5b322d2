/*
 * test_fault.c - system test_fault (systems/test_fault.c): a VM that runs an undefined
 * instruction (sc_undef.c) and one that writes to kernel memory (sc_wild.c), both in
 * guest-kernel mode, are stopped with a report; a third (sc_survivor.c) carries on.
 */
#include <string.h>
#include "systest.h"

#define SYSTEM "test_fault"
#define TAGS "foundation system"

/* Expect the report in @p line to contain each of @p want[]. */
static void expect_report(const struct systest_run *run, const char *vm, const char *line,
                          const char *const want[], size_t n) {
    for (size_t i = 0; i < n; i++)
        EXPECT(run, strstr(line, want[i]) != NULL, "the kernel's report on VM '%s' must "
               "contain \"%s\"; it was \"%s\"", vm, want[i], line);
}

START_TEST(undef_in_guest_kernel) {
    const struct systest_run *run = systest_run(SYSTEM);
    char line[256], pc[32];
    snprintf(pc, sizeof pc, "pc 0x%08llx", RESULT(run, "faulty", "undef_pc"));
    systest_expect_stopped(run, "faulty", -1, line, sizeof line);
    const char *const want[] = {"vcpu 0", "undefined instruction", pc, "guest-kernel mode"};
    expect_report(run, "faulty", line, want, sizeof want / sizeof want[0]);
    EXPECT_NO_RESULT(run, "faulty", "after_undef");
}
END_TEST

START_TEST(kernel_memory_protected) {
    const struct systest_run *run = systest_run(SYSTEM);
    char line[256], addr[32];
    snprintf(addr, sizeof addr, "addr 0x%08llx", RESULT(run, "wild", "wild_addr"));
    systest_expect_stopped(run, "wild", -1, line, sizeof line);
    const char *const want[] = {"vcpu 0", "data abort", addr};
    expect_report(run, "wild", line, want, sizeof want / sizeof want[0]);
    EXPECT_NO_RESULT(run, "wild", "after_write");
}
END_TEST

START_TEST(other_vm_survives) {
    const struct systest_run *run = systest_run(SYSTEM);
    long faulty = systest_expect_stopped(run, "faulty", -1, NULL, 0);
    long wild = systest_expect_stopped(run, "wild", -1, NULL, 0);
    long last_fault = faulty > wild ? faulty : wild;
    EXPECT(run, RESULT_AT(run, "survivor", "started") < last_fault,
           "VM 'survivor' only started after the faults: this run proves nothing");
    EXPECT_RESULT(run, "survivor", "wait_ret", 0);
    EXPECT_RESULT(run, "survivor", "sum", 50005000);
    EXPECT(run, RESULT_AT(run, "survivor", "sum") > last_fault,
           "VM 'survivor' must finish its work after the other two were stopped");
    systest_expect_stopped(run, "survivor", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_fault(void) {
    Suite *s = suite_create("fault");
    systest_add(s, "undef_in_guest_kernel", TAGS, undef_in_guest_kernel, SYSTEST_TIMEOUT_S);
    systest_add(s, "kernel_memory_protected", TAGS, kernel_memory_protected, SYSTEST_TIMEOUT_S);
    systest_add(s, "other_vm_survives", TAGS, other_vm_survives, SYSTEST_TIMEOUT_S);
    return s;
}
