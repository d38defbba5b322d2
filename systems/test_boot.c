/* test_boot.c - system test: two VMs (one image) share the CPU; see autograder/tests/system. */
#include "core/sysdesc.h"

SD_IMAGE(sc_twovms);

const struct sd_system system_desc = {
    .name = "test_boot",
    .vms = {
        { .name = "alpha", .image = &image_sc_twovms, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } } },
        { .name = "beta", .image = &image_sc_twovms, .ram_kb = 256, .max_prio = 12,
          .nvcpus = 2, .vcpus = { { .prio = 10, .slice_us = 200 }, { .prio = 12 } } },
    },
};
