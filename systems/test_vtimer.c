/*
 * test_vtimer.c - lab 3: virtual timers (autograder/scenarios/sc_vt_timer.c and
 * sc_vt_peer.c). VM "vt" measures its own timer (waiting, and spinning in guest-user
 * mode), masked delivery, and coordinates the interleave phase: it hands each of the
 * four vCPUs of VM "vt2" a deadline (as the payload of their "go" line), then arms its
 * own. "vt2" runs at a higher priority, so each go raise preempts "vt" at once and the
 * timers are armed in the order of the raises, not in deadline order.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_vt_timer);
SD_IMAGE(sc_vt_peer);

#define GO(i) { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "vt2", .vcpu = (i), .line = 1 }
#define PEER { .prio = 8, .slice_us = 1000 }

const struct sd_system system_desc = {
    .name = "test_vtimer",
    .vms = {
        { .name = "vt", .image = &image_sc_vt_timer, .ram_kb = 256, .max_prio = 5,
          .nvcpus = 1, .contexts = 1, .vcpus = { { .prio = 5, .slice_us = 1000 } },
          .caps = {
              [0] = GO(0), [1] = GO(1), [2] = GO(2), [3] = GO(3),
              [4] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "vt2", .vcpu = 0, .line = 2 },
          } },
        { .name = "vt2", .image = &image_sc_vt_peer, .ram_kb = 256, .max_prio = 8,
          .nvcpus = 4, .vcpus = { PEER, PEER, PEER, PEER },
          .caps = {
              [1] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1 },
              [2] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 2 },
              [3] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 3 },
          } },
    },
};
