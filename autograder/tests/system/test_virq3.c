/* test_virq3.c - (being written) */
#include "systest.h"

Suite *suite_virq3(void) {
    Suite *s = suite_create("virq3");
    return s;
}
