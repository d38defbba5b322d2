/* test_minilinux_tty.c - minilinux with userland/minilinux/ttytest.c as init, and the
 * keyboard: the tty's echo, erase, Ctrl-U, Ctrl-C and a flood of input (autograder
 * test_minilinux_sig.c types it). */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_ttytest);

const struct sd_system system_desc = {
    .name = "test_minilinux_tty",
    .console_input = { .vm = "minilinux", .vcpu = 0, .line = 1 },   /* PORT_CONSOLE_LINE */
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_ttytest, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 8 },
    },
};
