/* test_vmmu.c - (being written) */
#include "systest.h"

Suite *suite_vmmu(void) {
    Suite *s = suite_create("vmmu");
    return s;
}
