/* test_fpu.c - every vCPU's own floating-point registers: two VMs (of different RAM
 * sizes, which the program uses as its identity) of two vCPUs each, 20 us slices. */
#include "core/sysdesc.h"

SD_IMAGE(sc_fpu);

#define FPU_VM(n, kb) \
    { .name = n, .image = &image_sc_fpu, .ram_kb = kb, .max_prio = 6, .nvcpus = 2, \
      .vcpus = { { .prio = 6, .slice_us = 20 }, { .prio = 6, .slice_us = 20 } }, \
      .caps = { [0] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 0 }, \
                [1] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1 } } }

const struct sd_system system_desc = {
    .name = "test_fpu",
    .vms = { FPU_VM("fpu-a", 256), FPU_VM("fpu-b", 320) },
};
