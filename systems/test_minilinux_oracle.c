/* test_minilinux_oracle.c - minilinux with userland/minilinux/oracle.c as init: runs the
 * differential oracle's corpus (/etc/oracle/corpus) and reports each command line's
 * output for tools/oracle.py to compare with qemu-arm's (make test-oracle). */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_oracle);

const struct sd_system system_desc = {
    .name = "test_minilinux_oracle",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_oracle, .ram_kb = 16384, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
};
