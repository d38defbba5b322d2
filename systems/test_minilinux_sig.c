/* test_minilinux_sig.c - minilinux with userland/minilinux/sigtest.c as init: handlers,
 * masks, default actions, interrupted calls, rt_sigsuspend, faults caught by a handler
 * (autograder test_minilinux_sig.c). */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_sigtest);

const struct sd_system system_desc = {
    .name = "test_minilinux_sig",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_sigtest, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 8 },
    },
};
