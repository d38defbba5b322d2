/* test_sched_regs.c - lab 1: four vCPUs in two VMs check their registers across
 * thousands of preemptions (10 us slices). */
#include "core/sysdesc.h"

SD_IMAGE(sc_regs);

#define REGS_VM(n) \
    { .name = n, .image = &image_sc_regs, .ram_kb = 256, .max_prio = 6, .nvcpus = 2, \
      .vcpus = { { .prio = 6, .slice_us = 10 }, { .prio = 6, .slice_us = 10 } }, \
      .caps = { [0] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 0 }, \
                [1] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1 } } }

const struct sd_system system_desc = {
    .name = "test_sched_regs",
    .vms = { REGS_VM("regs-a"), REGS_VM("regs-b") },
};
