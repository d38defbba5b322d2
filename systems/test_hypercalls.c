/*
 * test_hypercalls.c - system test: "hc" tries every bad hypercall argument while
 * "peer" (higher priority, so it fills its memory first) checks it is not disturbed.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_hypercalls);
SD_IMAGE(sc_peer);

const struct sd_system system_desc = {
    .name = "test_hypercalls",
    .vms = {
        { .name = "hc", .image = &image_sc_hypercalls, .ram_kb = 1024, .max_prio = 5,
          .nvcpus = 2, .vcpus = { { .prio = 5 }, { .prio = 5 } },
          .caps = {
              [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "peer", .line = 3 },
              [1] = { .type = CAP_VIRQ, .rights = CAP_R_CONTROL, .vm = "peer", .line = 4 },
              [2] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1 },
              [3] = { .type = CAP_VCPU, .rights = 0, .vcpu = 1 },
          } },
        { .name = "peer", .image = &image_sc_peer, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } } },
    },
};
