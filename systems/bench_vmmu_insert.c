/* bench_vmmu_insert.c - benchmark system: one VM with a process context measures
 * mv_ctx_map() replacing a mapping (make bench). */
#include "core/sysdesc.h"

SD_IMAGE(bench_vmmu_insert);

const struct sd_system system_desc = {
    .name = "bench_vmmu_insert",
    .vms = {
        { .name = "bench", .image = &image_bench_vmmu_insert, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } }, .contexts = 1 },
    },
};
