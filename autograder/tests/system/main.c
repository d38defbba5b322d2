/*
 * main.c - the system test runner: boot each test system once, then run the suites.
 *
 * Select with Check's variables: CK_RUN_SUITE=upcall, CK_RUN_CASE=upcall_svc,
 * CK_INCLUDE_TAGS=foundation, CK_VERBOSITY=verbose. Slow machine: MV_TIMEOUT_SCALE=N
 * scales the QEMU deadlines and, unless CK_TIMEOUT_MULTIPLIER says otherwise, Check's
 * timeouts (`make test-system TIMEOUT_SCALE=N` sets it). Results are also written as
 * XML to build/test-logs/system-tests.xml ($MV_LOG_DIR, or $CK_XML_LOG_FILE_NAME).
 */
#include <stdio.h>
#include <stdlib.h>
#include "systest.h"

/* One setting scales every timeout: Check's follow MV_TIMEOUT_SCALE too. */
static void scale_check_timeouts(void) {
    char factor[32];
    snprintf(factor, sizeof factor, "%g", qemu_run_timeout_scale());
    setenv("CK_TIMEOUT_MULTIPLIER", factor, 0);   /* 0: an explicit setting wins */
}

int main(void) {
    char xml[600];
    scale_check_timeouts();
    systest_boot_all();
    SRunner *sr = srunner_create(suite_boot());
    srunner_add_suite(sr, suite_hypercalls());
    srunner_add_suite(sr, suite_fault());
    srunner_add_suite(sr, suite_upcall());
    srunner_add_suite(sr, suite_virq());
    srunner_add_suite(sr, suite_channel());
    srunner_add_suite(sr, suite_irq());
    srunner_add_suite(sr, suite_harness());
    srunner_add_suite(sr, suite_sched());
    srunner_add_suite(sr, suite_vmmu());
    srunner_add_suite(sr, suite_vmmu_stress());
    srunner_add_suite(sr, suite_fuzz());
    srunner_add_suite(sr, suite_virq3());
    srunner_add_suite(sr, suite_console_in());
    srunner_add_suite(sr, suite_chan_demo());
    srunner_add_suite(sr, suite_chan4());
    srunner_add_suite(sr, suite_minilinux());
    srunner_add_suite(sr, suite_minilinux_fs());
    srunner_add_suite(sr, suite_minilinux_sig());
    srunner_add_suite(sr, suite_minilinux_shell());
    srunner_add_suite(sr, suite_minilinux_busybox());
    srunner_add_suite(sr, suite_minilinux_port());
    srunner_add_suite(sr, suite_fpu());
    snprintf(xml, sizeof xml, "%s/system-tests.xml", systest_log_dir());
    if (!getenv("CK_XML_LOG_FILE_NAME"))
        srunner_set_xml(sr, xml);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    systest_free_all();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
