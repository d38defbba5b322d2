/*
 * test_chan_notify.c - lab 4: notification suppression (autograder/scenarios/
 * sc_chan4_notify_tx.c, sc_chan4_notify_rx.c). "rx" (priority 12) counts the vIRQs of
 * its channel line while it receives a burst it drains in bulk, and checks that a ring
 * never armed is never signalled; then "tx" raises itself to 14 (its vCPU cap) and
 * sends at moments that fall anywhere in rx's receive loop.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_chan4_notify_tx);
SD_IMAGE(sc_chan4_notify_rx);

#define CH { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV, .object = "note" }
#define GO(peer) { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = (peer), .line = 2 }

const struct sd_system system_desc = {
    .name = "test_chan_notify",
    .channels = { { .name = "note", .ends = { { .vm = "tx", .line = 1 },
                                              { .vm = "rx", .line = 1 } } } },
    .vms = {
        { .name = "tx", .image = &image_sc_chan4_notify_tx, .ram_kb = 256, .max_prio = 14,
          .nvcpus = 1, .vcpus = { { .prio = 10 } },
          .caps = { [1] = CH, [2] = GO("rx"),
                    [3] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 0 } } },
        { .name = "rx", .image = &image_sc_chan4_notify_rx, .ram_kb = 256, .max_prio = 12,
          .nvcpus = 1, .vcpus = { { .prio = 12 } }, .caps = { [1] = CH, [2] = GO("tx") } },
    },
};
