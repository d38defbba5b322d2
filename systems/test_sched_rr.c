/* test_sched_rr.c - lab 1: three vCPUs of one VM at one priority, slices 50/100/150 us. */
#include "core/sysdesc.h"

SD_IMAGE(sc_rr);

const struct sd_system system_desc = {
    .name = "test_sched_rr",
    .vms = {
        { .name = "rr", .image = &image_sc_rr, .ram_kb = 256, .max_prio = 8, .nvcpus = 3,
          .vcpus = { { .prio = 8, .slice_us = 50 }, { .prio = 8, .slice_us = 100 },
                     { .prio = 8, .slice_us = 150 } },
          .caps = { [0] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 0 },
                    [1] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1 },
                    [2] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 2 } } },
    },
};
