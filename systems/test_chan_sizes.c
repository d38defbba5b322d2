/*
 * test_chan_sizes.c - lab 4: message sizes at the limits (autograder/scenarios/
 * sc_chan4_sizes_tx.c, sc_chan4_sizes_rx.c): MV_CHAN_MAX bytes, one byte more than the
 * next buffer, MV_CHAN_MAX + 1. "rx" has the higher priority: it takes each message as
 * soon as it arrives.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_chan4_sizes_tx);
SD_IMAGE(sc_chan4_sizes_rx);

#define CH { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV, .object = "sizes" }
#define GO(peer) { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = (peer), .line = 2 }

const struct sd_system system_desc = {
    .name = "test_chan_sizes",
    .channels = { { .name = "sizes", .ends = { { .vm = "tx", .line = 1 },
                                               { .vm = "rx", .line = 1 } } } },
    .vms = {
        { .name = "tx", .image = &image_sc_chan4_sizes_tx, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .caps = { [1] = CH, [2] = GO("rx") } },
        { .name = "rx", .image = &image_sc_chan4_sizes_rx, .ram_kb = 512, .max_prio = 12,
          .nvcpus = 1, .vcpus = { { .prio = 12 } }, .caps = { [1] = CH, [2] = GO("tx") } },
    },
};
