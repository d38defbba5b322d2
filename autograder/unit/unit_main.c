/*
 * unit_main.c - the host unit tests of kernel/core (`make test-unit`).
 *
 * One suite: one TCase per foundation topic (tagged `foundation unit`) and one per
 * graded lab item (tagged `labN unit`). Check's usual environment variables apply:
 * CK_RUN_CASE=lab1_unit_bitmap, CK_INCLUDE_TAGS=lab1, CK_VERBOSITY=verbose,
 * CK_FORK=no (to debug under gdb), CK_XML_LOG_FILE_NAME=... . The exit status is
 * nonzero when any test fails.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

/* UBSan: a stack trace with each report, and the summary line, whose hook (below) is
 * the one call made after the report is complete. */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void) { return "print_stacktrace=1:print_summary=1"; }

/* Both sanitizers end a report with a summary line ("SUMMARY: AddressSanitizer: SEGV
 * kernel/core/sched.c:61 in runq_highest"), printed through a hook that this file
 * defines (below), which keeps the line. */
void __sanitizer_report_error_summary(const char *summary);
static char last_summary[512];

/* AddressSanitizer found a bad access: make its verdict the failing test's message, so
 * that the grade table says "SEGV kernel/core/sched.c:61 in runq_highest" instead of
 * "Early exit". This callback comes once the whole report is on stderr (the unit log).
 * The report text it gets lacks the summary line (our hook printed it), hence last_summary. */
void __asan_set_error_report_callback(void (*callback)(const char *));

static void asan_report_to_check(const char *report) {
    static const char tag[] = "SUMMARY: AddressSanitizer: ";
    const char *summary = strstr(last_summary, tag);
    (void)report;
    if (!summary)
        return;
    summary += sizeof tag - 1;
    ck_abort_msg("the test crashed: AddressSanitizer: %.*s (the full report is in the unit "
                 "log)", (int)strcspn(summary, "\n"), summary);
}

/* UBSan found undefined behaviour (e.g. a shift by 32): make its "runtime error:" line
 * the failing test's message, as for AddressSanitizer; otherwise Check only says "Early
 * exit with return value 1". UBSan has no report callback, so two hooks share the work:
 * __ubsan_on_report() keeps the report's file, line and message (it runs before the
 * report is printed: stopping there would lose the report and its stack trace in the
 * unit log), and the summary hook, the last thing UBSan prints, stops the test with it.
 * Under CK_FORK=no (`make grade-debug`) that is where GDB stops, in _ck_assert_failed
 * with the student's frame below; the sanitizers allow no report after that one. */
void __ubsan_get_current_report_data(const char **kind, const char **message,
                                     const char **file, unsigned *line, unsigned *col,
                                     char **addr);
void __ubsan_on_report(void);
static char ubsan_report[512];

void __ubsan_on_report(void) {
    const char *kind, *message, *file;
    unsigned line, col;
    char *addr;
    __ubsan_get_current_report_data(&kind, &message, &file, &line, &col, &addr);
    if (!message || !message[0])
        message = "undefined behaviour";
    /* the same words as the printed line, which starts in lower case */
    snprintf(ubsan_report, sizeof ubsan_report, "%s:%u: runtime error: %c%s",
             file ? file : "<unknown>", line, tolower((unsigned char)message[0]), message + 1);
}

/* Replaces the runtimes' default, which only prints the line. For ASan the report goes
 * on after it (shadow bytes), so ASan's callback above stops the test, not this. */
void __sanitizer_report_error_summary(const char *summary) {
    fprintf(stderr, "%s\n", summary);
    snprintf(last_summary, sizeof last_summary, "%s", summary);
    if (!ubsan_report[0])
        return;
    char report[sizeof ubsan_report];
    memcpy(report, ubsan_report, sizeof report);
    ubsan_report[0] = '\0';   /* under CK_FORK=no the next test runs in this process */
    ck_abort_msg("the test stopped: UndefinedBehaviorSanitizer: %s (the full report is in "
                 "the unit log)", report);
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
    vmmu_add_tcases(s);
    virq3_add_tcases(s);
    suite_add_tcase(s, console_tcase());
    suite_add_tcase(s, channel_tcase());
    chan4_add_tcases(s);
    suite_add_tcase(s, irq_tcase());
    port_add_tcases(s);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int ran = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return ran == 0 || failed ? EXIT_FAILURE : EXIT_SUCCESS;   /* a selection matching nothing fails too */
}
