/*
 * test_vmmu_asid.c - system test (lab 2): more process contexts over time than there are
 * ASIDs (247 for contexts), so the ASID allocator must roll over to a new generation while
 * some contexts stay alive (autograder/scenarios/sc_asid.c). 2 MiB of RAM: every round
 * maps its own physical page.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_asid);

const struct sd_system system_desc = {
    .name = "test_vmmu_asid",
    .vms = {
        { .name = "asid", .image = &image_sc_asid, .ram_kb = 2048, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 4 },
    },
};
