/*
 * sc_flood.c - scenario of system test_flood: prints without end, including bytes a
 * terminal would act on. It tests the harness: the run must stop at the byte cap,
 * flagged truncated, and failure messages must show the control bytes defused.
 */
#include "scenario_guest.h"

int main(void) {
    sg_int("flooding", 1);
    for (unsigned i = 0;; i++)
        printf("flood line %u \033[2J\a\r\n", i);
}
