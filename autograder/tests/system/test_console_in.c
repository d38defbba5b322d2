/* test_console_in.c - (being written) */
#include "systest.h"

Suite *suite_console_in(void) {
    Suite *s = suite_create("console_in");
    return s;
}
