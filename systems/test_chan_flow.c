/*
 * test_chan_flow.c - lab 4: flow control (autograder/scenarios/sc_chan4_flow_tx.c,
 * sc_chan4_flow_rx.c). "rx" posts 5 buffers on a ring of 8 descriptors; "tx" fills
 * them, with and without MV_CHAN_WANT_SPACE, and sees whether and when the space signal
 * comes. "rx" has the higher priority: each LINE_SYNC raise gives it its turn at once.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_chan4_flow_tx);
SD_IMAGE(sc_chan4_flow_rx);

#define CH { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV, .object = "flow" }
#define GO(peer) { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = (peer), .line = 2 }

const struct sd_system system_desc = {
    .name = "test_chan_flow",
    .channels = { { .name = "flow", .ends = { { .vm = "tx", .line = 1 },
                                              { .vm = "rx", .line = 1 } } } },
    .vms = {
        { .name = "tx", .image = &image_sc_chan4_flow_tx, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .caps = { [1] = CH, [2] = GO("rx") } },
        { .name = "rx", .image = &image_sc_chan4_flow_rx, .ram_kb = 256, .max_prio = 12,
          .nvcpus = 1, .vcpus = { { .prio = 12 } }, .caps = { [1] = CH, [2] = GO("tx") } },
    },
};
