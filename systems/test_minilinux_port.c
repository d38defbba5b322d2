/* test_minilinux_port.c - minilinux with userland/minilinux/porttest.c as init: the port
 * (lab 5) seen from a process: registers across system calls and page faults, EFAULT,
 * preemption by the tick (autograder test_minilinux_port.c). */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_porttest);

const struct sd_system system_desc = {
    .name = "test_minilinux_port",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_porttest, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
    },
};
