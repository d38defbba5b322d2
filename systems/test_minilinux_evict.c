/* test_minilinux_evict.c - usertests as init (like test_minilinux_usertests) with a page-table
 * quota of 16 KiB: the vMMU keeps dropping mappings (and whole level-2 tables) of the
 * processes, and minilinux must map them again on the next fault, from its own tables. */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_usertests);

const struct sd_system system_desc = {
    .name = "test_minilinux_evict",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_usertests, .ram_kb = 8192, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17, .pt_kb = 16 },
    },
};
