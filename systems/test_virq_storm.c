/*
 * test_virq_storm.c - lab 3: a vIRQ storm must not starve a higher priority
 * (autograder/scenarios/sc_vt_storm.c, sc_vt_busy.c). "storm" (priority 3) raises its
 * own line 2 through cap 0 and re-arms its virtual timer in every upcall, so it is
 * always interrupted again; "busy" (priority 9) sleeps and computes in timed steps,
 * then tells "storm" through line 5 that it is idle for good.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_vt_storm);
SD_IMAGE(sc_vt_busy);

const struct sd_system system_desc = {
    .name = "test_virq_storm",
    .vms = {
        { .name = "storm", .image = &image_sc_vt_storm, .ram_kb = 256, .max_prio = 3,
          .nvcpus = 1, .contexts = 1, .vcpus = { { .prio = 3, .slice_us = 1000 } },
          .caps = { [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .line = 2 } } },
        { .name = "busy", .image = &image_sc_vt_busy, .ram_kb = 256, .max_prio = 9,
          .nvcpus = 1, .vcpus = { { .prio = 9, .slice_us = 1000 } },
          .caps = { [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "storm", .line = 5 } } },
    },
};
