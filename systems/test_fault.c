/*
 * test_fault.c - system test: two VMs fault in guest-kernel mode (an undefined
 * instruction; a write to kernel memory); the third must not notice.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_undef);
SD_IMAGE(sc_wild);
SD_IMAGE(sc_survivor);

const struct sd_system system_desc = {
    .name = "test_fault",
    .vms = {
        { .name = "survivor", .image = &image_sc_survivor, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } } },
        { .name = "faulty", .image = &image_sc_undef, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } } },
        { .name = "wild", .image = &image_sc_wild, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } } },
    },
};
