/*
 * unit_main.c - the host unit tests of kernel/core (`make test-unit`).
 *
 * One suite: one TCase per foundation topic (tagged `foundation unit`) and one per
 * graded lab item (tagged `labN unit`). Check's usual environment variables apply:
 * CK_RUN_CASE=lab1_unit_bitmap, CK_INCLUDE_TAGS=lab1, CK_VERBOSITY=verbose,
 * CK_FORK=no (to debug under gdb), CK_XML_LOG_FILE_NAME=... . The exit status is
 * nonzero when any test fails.
 */
#include <stdlib.h>
#include <string.h>
#include "unit.h"

/* UBSan: a stack trace with each report (the report is on stderr; Check's own line then
 * says "Early exit with return value 1"). */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void) { return "print_stacktrace=1"; }

/* AddressSanitizer found a bad access: make its verdict the failing test's message, so
 * that the grade table says "SEGV kernel/core/sched.c:61 in runq_highest" instead of
 * "Early exit". The full report still goes to stderr (the unit log). */
void __asan_set_error_report_callback(void (*callback)(const char *));

static void asan_report_to_check(const char *report) {
    static const char tag[] = "SUMMARY: AddressSanitizer: ";
    const char *summary = strstr(report, tag);
    if (!summary)
        return;
    summary += sizeof tag - 1;
    ck_abort_msg("the test crashed: AddressSanitizer: %.*s (the full report is in the unit "
                 "log)", (int)strcspn(summary, "\n"), summary);
}

/* One setting scales every timeout (MV_TIMEOUT_SCALE, 0.01 to 1000, as for QEMU's
 * deadlines in autograder/lib/qemu_run.c): hand it to Check, unless
 * CK_TIMEOUT_MULTIPLIER is set explicitly. */
static void scale_check_timeouts(void) {
    const char *scale = getenv("MV_TIMEOUT_SCALE");
    char *end;
    double v = scale ? strtod(scale, &end) : 0;
    if (scale && *scale && *end == '\0' && v >= 0.01 && v <= 1000)
        setenv("CK_TIMEOUT_MULTIPLIER", scale, 0);
}

int main(void) {
    scale_check_timeouts();
    __asan_set_error_report_callback(asan_report_to_check);
    Suite *s = suite_create("core");
    suite_add_tcase(s, cap_tcase());
    suite_add_tcase(s, hypercall_tcase());
    suite_add_tcase(s, system_tcase());
    suite_add_tcase(s, elf_tcase());
    sched_add_tcases(s);
    suite_add_tcase(s, console_tcase());
    suite_add_tcase(s, channel_tcase());
    suite_add_tcase(s, irq_tcase());
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int ran = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return ran == 0 || failed ? EXIT_FAILURE : EXIT_SUCCESS;   /* a selection matching nothing fails too */
}
