/* test_sched_idle.c - lab 1: waits with timeouts while nothing else runs, and a VM
 * blocked forever: the run must still end. */
#include "core/sysdesc.h"

SD_IMAGE(sc_sleeper);
SD_IMAGE(sc_forever);

const struct sd_system system_desc = {
    .name = "test_sched_idle",
    .vms = {
        { .name = "sleeper", .image = &image_sc_sleeper, .ram_kb = 256, .max_prio = 4,
          .nvcpus = 1, .vcpus = { { .prio = 4 } } },
        { .name = "forever", .image = &image_sc_forever, .ram_kb = 256, .max_prio = 4,
          .nvcpus = 1, .vcpus = { { .prio = 4 } } },
    },
};
