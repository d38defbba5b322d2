/* test_minilinux_proc.c - minilinux with userland/minilinux/proctest.c as init: fork,
 * wait4, preemption, nanosleep, the process limit, mmap2 (autograder test_minilinux.c). */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_proctest);

const struct sd_system system_desc = {
    .name = "test_minilinux_proc",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_proctest, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
};
