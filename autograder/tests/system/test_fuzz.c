/* test_fuzz.c - (being written) */
#include "systest.h"

Suite *suite_fuzz(void) {
    Suite *s = suite_create("fuzz");
    return s;
}
