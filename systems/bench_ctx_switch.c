/* bench_ctx_switch.c - benchmark system: a guest kernel switches between two processes,
 * each in its own MMU context (make bench). */
#include "core/sysdesc.h"

SD_IMAGE(bench_ctx_switch);

const struct sd_system system_desc = {
    .name = "bench_ctx_switch",
    .vms = {
        { .name = "bench", .image = &image_bench_ctx_switch, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } }, .contexts = 2 },
    },
};
