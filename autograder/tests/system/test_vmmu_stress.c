/* test_vmmu_stress.c - (being written) */
#include "systest.h"

Suite *suite_vmmu_stress(void) {
    Suite *s = suite_create("vmmu_stress");
    return s;
}
