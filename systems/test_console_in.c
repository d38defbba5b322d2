/*
 * test_console_in.c - system test: console input. "shell" owns it (vCPU 0, vIRQ line 3)
 * and reads every byte the harness feeds to the serial port; "other" keeps trying to
 * read it and must always be refused. "shell" has the higher priority, so it preempts
 * "other" when input wakes it.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_console_in);
SD_IMAGE(sc_console_other);

const struct sd_system system_desc = {
    .name = "test_console_in",
    .console_input = { .vm = "shell", .vcpu = 0, .line = 3 },
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
