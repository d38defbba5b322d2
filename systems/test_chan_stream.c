/*
 * test_chan_stream.c - lab 4: a stream of 3000 messages of 1 byte .. 6 KiB through one
 * channel, from "tx" to "rx"'s ring of 16 buffers (autograder/scenarios/
 * sc_chan4_stream_tx.c, sc_chan4_stream_rx.c). The sender has the higher priority: it
 * fills the ring, waits for space and preempts the receiver at each space signal; in
 * its pauses the receiver drains the ring, arms, and waits for the next message.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_chan4_stream_tx);
SD_IMAGE(sc_chan4_stream_rx);

#define CH { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV, .object = "stream" }
#define GO(peer) { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = (peer), .line = 2 }

const struct sd_system system_desc = {
    .name = "test_chan_stream",
    .channels = { { .name = "stream", .ends = { { .vm = "tx", .line = 1 },
                                                { .vm = "rx", .line = 1 } } } },
    .vms = {
        { .name = "tx", .image = &image_sc_chan4_stream_tx, .ram_kb = 256, .max_prio = 11,
          .nvcpus = 1, .vcpus = { { .prio = 11, .slice_us = 70 } },
          .caps = { [1] = CH, [2] = GO("rx") } },
        { .name = "rx", .image = &image_sc_chan4_stream_rx, .ram_kb = 512, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 110 } },
          .caps = { [1] = CH, [2] = GO("tx") } },
    },
};
