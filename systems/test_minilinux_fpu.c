/* test_minilinux_fpu.c - minilinux's processes each have their own floating-point
 * registers (fptest as init: exec, fork, four processes at once under the 1 ms tick),
 * beside a VM whose two vCPUs do the same (sc_fpu), all at one priority. */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_fptest);
SD_IMAGE(sc_fpu);

const struct sd_system system_desc = {
    .name = "test_minilinux_fpu",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_fptest, .ram_kb = 4096, .max_prio = 6,
          .nvcpus = 1, .vcpus = { { .prio = 6 } }, .contexts = 17 },
        { .name = "fpu-b", .image = &image_sc_fpu, .ram_kb = 320, .max_prio = 6, .nvcpus = 2,
          .vcpus = { { .prio = 6, .slice_us = 20 }, { .prio = 6, .slice_us = 20 } },
          .caps = { [0] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 0 },
                    [1] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1 } } },
    },
};
