/*
 * unit_main.c - the host unit tests of kernel/core (`make test-unit`).
 *
 * One suite, one TCase per topic, all tagged `foundation unit`. Check's usual
 * environment variables apply: CK_RUN_CASE=sched, CK_VERBOSITY=verbose,
 * CK_FORK=no (to debug under gdb), CK_XML_LOG_FILE_NAME=... . The exit status is
 * nonzero when any test fails.
 */
#include <stdlib.h>
#include "unit.h"

int main(void) {
    Suite *s = suite_create("core");
    suite_add_tcase(s, cap_tcase());
    suite_add_tcase(s, hypercall_tcase());
    suite_add_tcase(s, system_tcase());
    suite_add_tcase(s, elf_tcase());
    suite_add_tcase(s, sched_tcase());
    suite_add_tcase(s, console_tcase());
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int ran = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return ran == 0 || failed ? EXIT_FAILURE : EXIT_SUCCESS;   /* a selection matching nothing fails too */
}
