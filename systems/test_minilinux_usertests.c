/* test_minilinux_usertests.c - minilinux with userland/minilinux/usertests as init: the
 * xv6-style user-level tests of processes, pipes, files, memory and signals (autograder
 * test_minilinux_shell.c). */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_usertests);

const struct sd_system system_desc = {
    .name = "test_minilinux_usertests",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_usertests, .ram_kb = 8192, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
};
