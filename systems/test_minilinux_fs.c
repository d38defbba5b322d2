/* test_minilinux_fs.c - system test: minilinux with init = userland/minilinux/fstest.c,
 * which checks the file system calls (files, directories, pipes, devices) from user mode. */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_fstest);

const struct sd_system system_desc = {
    .name = "test_minilinux_fs",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_fstest, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 8 },
    },
};
