/* test_minilinux_segv.c - system test: minilinux with init = userland/minilinux/segv.c,
 * a process that writes to an invalid address and must be killed. */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_segv);

const struct sd_system system_desc = {
    .name = "test_minilinux_segv",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_segv, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
};
