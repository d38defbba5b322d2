/* bench_null.c - benchmark system: one VM that measures the null hypercall (make bench). */
#include "core/sysdesc.h"

SD_IMAGE(bench_null);

const struct sd_system system_desc = {
    .name = "bench_null",
    .vms = {
        { .name = "bench", .image = &image_bench_null, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } } },
    },
};
