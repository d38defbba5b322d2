/* minilinux.c - guest-minilinux, a small Unix-like guest OS, alone in one VM: its kernel
 * runs init (userland/minilinux/init.c) in a process of its own and powers off when init
 * ends. `make run SYSTEM=minilinux`. */
#include "core/sysdesc.h"

SD_IMAGE(minilinux);

const struct sd_system system_desc = {
    .name = "minilinux",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
    .console_input = { .vm = "minilinux", .vcpu = 0, .line = 1 },
};
