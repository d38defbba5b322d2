/* test_upcall.c - system test: one VM with a guest-user mode, exercising upcalls. */
#include "core/sysdesc.h"

SD_IMAGE(sc_upcall);

const struct sd_system system_desc = {
    .name = "test_upcall",
    .vms = {
        { .name = "upcall", .image = &image_sc_upcall, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 1 },
    },
};
