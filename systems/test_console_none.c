/*
 * test_console_none.c - system test: console input with no owner. The VMs of
 * test_console_in, but no `console_input`: the bytes fed to the serial port must be
 * read and discarded by the microvisor, every MV_HC_CONSOLE_READ is MV_EPERM, and
 * nothing else changes.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_console_in);
SD_IMAGE(sc_console_other);

const struct sd_system system_desc = {
    .name = "test_console_none",
    .vms = {
        { .name = "shell", .image = &image_sc_console_in, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } },
          .caps = {
              [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "other", .line = 2 },
          } },
        { .name = "other", .image = &image_sc_console_other, .ram_kb = 256, .max_prio = 5,
          .nvcpus = 1, .vcpus = { { .prio = 5, .slice_us = 200 } } },
    },
};
