/*
 * test_vmmu_hostile.c - system test (lab 2): a hostile VM tries every way the vMMU
 * hypercalls offer to reach memory that is not its own; a victim VM fills its memory
 * with a pattern before and checks it after (autograder/scenarios/sc_hostile_vmmu.c,
 * sc_victim.c). Two shared regions: "secret", for which the hostile VM has no cap, and
 * "ro", which it may only read (and which it places at another gpa than the victim).
 * Each VM signals the other on its vIRQ line 1: "filled" and "done".
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_hostile_vmmu);
SD_IMAGE(sc_victim);

const struct sd_system system_desc = {
    .name = "test_vmmu_hostile",
    .regions = { { .name = "secret", .size_kb = 16 }, { .name = "ro", .size_kb = 16 } },
    .vms = {
        { .name = "hostile", .image = &image_sc_hostile_vmmu, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } },
          .contexts = 3, .pt_kb = 16,
          .caps = {
              [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "victim", .line = 1 },
              [1] = { .type = CAP_MEMORY, .rights = CAP_R_READ, .object = "ro", .gpa = 0x500000 },
          } },
        { .name = "victim", .image = &image_sc_victim, .ram_kb = 512, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } },
          .caps = {
              [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "hostile", .line = 1 },
              [1] = { .type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE, .object = "secret",
                      .gpa = 0x200000 },
              [2] = { .type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE, .object = "ro",
                      .gpa = 0x300000 },
          } },
    },
};
