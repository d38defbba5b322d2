/* test_spin.c - harness self-test: one VM running sc_spin (see autograder/scenarios/sc_spin.c). */
#include "core/sysdesc.h"

SD_IMAGE(sc_spin);

const struct sd_system system_desc = {
    .name = "test_spin",
    .vms = {
        { .name = "spin", .image = &image_sc_spin, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } } },
    },
};
