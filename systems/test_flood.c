/* test_flood.c - harness self-test: one VM running sc_flood (see autograder/scenarios/sc_flood.c). */
#include "core/sysdesc.h"

SD_IMAGE(sc_flood);

const struct sd_system system_desc = {
    .name = "test_flood",
    .vms = {
        { .name = "flood", .image = &image_sc_flood, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } } },
    },
};
