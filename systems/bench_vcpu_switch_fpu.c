/* bench_vcpu_switch_fpu.c - benchmark system: two VMs at one priority, each using the
 * floating-point unit, yield to each other. */
#include "core/sysdesc.h"

SD_IMAGE(bench_vcpu_switch_fpu);
SD_IMAGE(bench_yield_partner_fpu);

const struct sd_system system_desc = {
    .name = "bench_vcpu_switch_fpu",
    .vms = {
        { .name = "bench", .image = &image_bench_vcpu_switch_fpu, .ram_kb = 1024,
          .max_prio = 10, .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } } },
        { .name = "partner", .image = &image_bench_yield_partner_fpu, .ram_kb = 256,
          .max_prio = 10, .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } } },
    },
};
