/* bench_minilinux.c - benchmark system: minilinux with userland/minilinux/mlbench.c as
 * init, measuring its system calls in instructions (make bench). */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_mlbench);

const struct sd_system system_desc = {
    .name = "bench_minilinux",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_mlbench, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
};
