/*
 * test_vmmu_evict.c - system test (lab 2): demand paging under a tiny page-table quota.
 * The guest kernel's user process touches 32 sections; the quota holds 8 level-2 tables,
 * two of them the boot mappings' (RAM, state pages), so the vMMU must keep evicting and
 * the guest must keep re-inserting (autograder/scenarios/sc_evict.c).
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_evict);

const struct sd_system system_desc = {
    .name = "test_vmmu_evict",
    .vms = {
        { .name = "pager", .image = &image_sc_evict, .ram_kb = 512, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 2, .pt_kb = 8 },
    },
};
