/* minilinux_busybox.c - minilinux with Debian's static armhf BusyBox as its userland: init
 * runs /bin/sh, which is BusyBox's ash here, on the console. `make run SYSTEM=minilinux_busybox`. */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_busybox);

const struct sd_system system_desc = {
    .name = "minilinux_busybox",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_busybox, .ram_kb = 16384, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
    .console_input = { .vm = "minilinux", .vcpu = 0, .line = 1 },
};
