/*
 * test_vmmu_fuzz.c - system test: "fuzzer" makes 100 000 random hypercalls and checks
 * each result against its model of abi.h, while "victim" checks that its memory stays
 * exactly as it wrote it.
 *
 * The fuzzer's page-table quota is small on purpose: 16 tables, 3 taken by its own
 * space at start (RAM, state pages, the region it maps), 4 more by its scratch window,
 * so its 4 process contexts (5 sections each) must share what is left and the vMMU
 * evicts all the time; at the end it widens its scratch window until its own space holds
 * every table and MV_ENOMEM becomes the answer. The numbers below are built into
 * sc_fuzz.c's model: change them together.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_fuzz);
SD_IMAGE(sc_fuzz_victim);

const struct sd_system system_desc = {
    .name = "test_vmmu_fuzz",
    .vms = {
        { .name = "fuzzer", .image = &image_sc_fuzz, .ram_kb = 512, .max_prio = 5,
          .nvcpus = 2, .vcpus = { { .prio = 5 }, { .prio = 5 } },
          .contexts = 4, .pt_kb = 16,
          .caps = {
              [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "victim", .line = 1 },
              [1] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1 },
              [2] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .line = 2 },   /* itself */
              [3] = { .type = CAP_VCPU, .rights = 0, .vcpu = 0 },
              [4] = { .type = CAP_VIRQ, .rights = 0, .vm = "victim", .line = 1 },
              [5] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "victim", .line = 5 },
              [6] = { .type = CAP_MEMORY, .rights = CAP_R_READ, .object = "fzshm",
                      .gpa = 0x01000000 },
          } },
        /* higher priority: its periodic checks preempt the fuzzer */
        { .name = "victim", .image = &image_sc_fuzz_victim, .ram_kb = 256, .max_prio = 6,
          .nvcpus = 1, .vcpus = { { .prio = 6 } },
          .caps = {
              /* not the fuzzer's gpa: a kernel that forgets the cap's gpa shows them
               * different memory */
              [0] = { .type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE, .object = "fzshm",
                      .gpa = 0x02000000 },
          } },
    },
    .regions = { { .name = "fzshm", .size_kb = 8 } },
};
