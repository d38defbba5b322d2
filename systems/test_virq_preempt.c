/*
 * test_virq_preempt.c - lab 3: a virtual timer wakes a high-priority vCPU while a
 * low-priority one spins (autograder/scenarios/sc_vt_prehigh.c, sc_vt_prelow.c). The
 * spinner's slice is 10 ms, far longer than any delay here: the high one can be on time
 * only if its timer's raise preempts the spinner at once.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_vt_prehigh);
SD_IMAGE(sc_vt_prelow);

const struct sd_system system_desc = {
    .name = "test_virq_preempt",
    .vms = {
        { .name = "high", .image = &image_sc_vt_prehigh, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 1000 } } },
        { .name = "low", .image = &image_sc_vt_prelow, .ram_kb = 256, .max_prio = 4,
          .nvcpus = 1, .vcpus = { { .prio = 4, .slice_us = 10000 } } },
    },
};
