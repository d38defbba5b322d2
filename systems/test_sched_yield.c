/* test_sched_yield.c - lab 1: two VMs with 10 ms slices hand the CPU over by yielding. */
#include "core/sysdesc.h"

SD_IMAGE(sc_yield);

const struct sd_system system_desc = {
    .name = "test_sched_yield",
    .vms = {
        { .name = "ping", .image = &image_sc_yield, .ram_kb = 256, .max_prio = 7,
          .nvcpus = 1, .vcpus = { { .prio = 7, .slice_us = 10000 } } },
        { .name = "pong", .image = &image_sc_yield, .ram_kb = 256, .max_prio = 7,
          .nvcpus = 1, .vcpus = { { .prio = 7, .slice_us = 10000 } } },
    },
};
