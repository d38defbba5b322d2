/* test_sched_prio.c - lab 1: a priority-10 VM starves a priority-5 VM until it blocks. */
#include "core/sysdesc.h"

SD_IMAGE(sc_prio_high);
SD_IMAGE(sc_prio_low);

const struct sd_system system_desc = {
    .name = "test_sched_prio",
    .vms = {
        { .name = "low", .image = &image_sc_prio_low, .ram_kb = 256, .max_prio = 5,
          .nvcpus = 1, .vcpus = { { .prio = 5, .slice_us = 100 } },
          .caps = { [0] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL } } },
        { .name = "high", .image = &image_sc_prio_high, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 100 } },
          .caps = { [0] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL } } },
    },
};
