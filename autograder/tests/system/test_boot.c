/*
 * test_boot.c - system test_boot (systems/test_boot.c): the boot banner, and two VMs
 * running one program side by side (autograder/scenarios/sc_twovms.c).
 */
#include <string.h>
#include "systest.h"

#define SYSTEM "test_boot"
#define TAGS "foundation system"
#define STEPS 3
#define TERMS_PER_STEP 1000u

static const char *const vms[] = {"alpha", "beta"};

/* What sc_twovms computes the slow way: 1^2 + ... + n^2, modulo 2^32. */
static uint32_t sum_of_squares(uint64_t n) { return (uint32_t)(n * (n + 1) * (2 * n + 1) / 6); }

START_TEST(boot_banner) {
    const struct systest_run *run = systest_run(SYSTEM);
    const char *want = "booting system '" SYSTEM "'";
    char line[256];
    long banner = KERNEL_LINE(run, "[mv] microvisor ", line);
    size_t len = strlen(line);
    EXPECT(run, len >= strlen(want) && strcmp(line + len - strlen(want), want) == 0,
           "the boot banner must end with \"%s\"; saw \"%s\"", want, line);
    long vm0 = KERNEL_LINE(run, "[mv] vm 0 'alpha': 1024 KiB RAM, 1 vCPU(s)", line);
    long vm1 = KERNEL_LINE(run, "[mv] vm 1 'beta': 256 KiB RAM, 2 vCPU(s)", line);
    EXPECT(run, banner < vm0 && vm0 < vm1, "expected the banner, then the line of VM 0, then "
           "the line of VM 1 (offsets %ld, %ld, %ld)", banner, vm0, vm1);
    struct scenario_line first;
    size_t pos = 0;
    EXPECT(run, scenario_next(&run->r, &pos, &first), "no guest printed any result line");
    EXPECT(run, vm1 < (long)first.offset, "a guest printed before the kernel listed the VMs");
}
END_TEST

START_TEST(two_vms_run) {
    const struct systest_run *run = systest_run(SYSTEM);
    for (int i = 0; i < 2; i++) {
        EXPECT_RESULT(run, vms[i], "magic", MV_STATE_MAGIC);
        EXPECT_RESULT(run, vms[i], "vcpu_index", 0);
        for (unsigned step = 1; step <= STEPS; step++) {
            char key[16];
            snprintf(key, sizeof key, "step%u", step);
            EXPECT_RESULT(run, vms[i], key, sum_of_squares(step * TERMS_PER_STEP));
        }
        EXPECT_RESULT(run, vms[i], "done", STEPS);
        long stopped = systest_expect_stopped(run, vms[i], 0, NULL, 0);
        EXPECT(run, RESULT_AT(run, vms[i], "done") < stopped,
               "VM '%s' reported 'done' after the kernel said it had stopped", vms[i]);
    }
    /* they take turns: each starts before the other finishes */
    for (int i = 0; i < 2; i++)
        EXPECT(run, RESULT_AT(run, vms[i], "step1") < RESULT_AT(run, vms[1 - i], "done"),
               "VM '%s' only started after VM '%s' had finished: the VMs did not share the "
               "CPU (each yields after every step)", vms[i], vms[1 - i]);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_boot(void) {
    Suite *s = suite_create("boot");
    systest_add(s, "boot_banner", TAGS, boot_banner, SYSTEST_TIMEOUT_S);
    systest_add(s, "two_vms_run", TAGS, two_vms_run, SYSTEST_TIMEOUT_S);
    return s;
}
