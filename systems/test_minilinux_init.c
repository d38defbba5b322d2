/* test_minilinux_init.c - minilinux with userland/minilinux/inittest.c as init: its
 * arguments and auxv, demand paging, EFAULT and ENOSYS, and the power-off when init ends
 * (autograder test_minilinux.c). */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_inittest);

const struct sd_system system_desc = {
    .name = "test_minilinux_init",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_inittest, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
};
