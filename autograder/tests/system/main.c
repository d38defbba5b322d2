/*
 * main.c - the system test runner: boot each test system once, then run the suites.
 *
 * Select with Check's variables: CK_RUN_SUITE=upcall, CK_RUN_CASE=upcall_svc,
 * CK_INCLUDE_TAGS=foundation, CK_VERBOSITY=verbose. Slow machine: MV_TIMEOUT_SCALE=N
 * (QEMU deadlines) and CK_TIMEOUT_MULTIPLIER=N (Check timeouts); `make test-system
 * TIMEOUT_SCALE=N` sets both. Results are also written as XML to
 * build/test-logs/system-tests.xml (or $CK_XML_LOG_FILE_NAME).
 */
#include <stdlib.h>
#include "systest.h"

int main(void) {
    systest_boot_all();
    SRunner *sr = srunner_create(suite_boot());
    srunner_add_suite(sr, suite_hypercalls());
    srunner_add_suite(sr, suite_fault());
    srunner_add_suite(sr, suite_upcall());
    srunner_add_suite(sr, suite_virq());
    srunner_add_suite(sr, suite_channel());
    srunner_add_suite(sr, suite_harness());
    srunner_add_suite(sr, suite_sched());
    if (!getenv("CK_XML_LOG_FILE_NAME"))
        srunner_set_xml(sr, SYSTEST_LOG_DIR "/system-tests.xml");
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    systest_free_all();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
