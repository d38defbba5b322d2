/* bench_vcpu_switch.c - benchmark system: two VMs at one priority yield to each other. */
#include "core/sysdesc.h"

SD_IMAGE(bench_vcpu_switch);
SD_IMAGE(bench_yield_partner);

const struct sd_system system_desc = {
    .name = "bench_vcpu_switch",
    .vms = {
        { .name = "bench", .image = &image_bench_vcpu_switch, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } } },
        { .name = "partner", .image = &image_bench_yield_partner, .ram_kb = 256,
          .max_prio = 10, .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } } },
    },
};
