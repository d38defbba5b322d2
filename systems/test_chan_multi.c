/*
 * test_chan_multi.c - lab 4: two channels at once (autograder/scenarios/
 * sc_chan4_server.c, sc_chan4_client.c, sc_chan4_nocap.c). "srv" serves "c1" on
 * channel "a" and "c2" on channel "b"; the clients run at the same priority with short,
 * different slices, so their requests interleave. Each client's end is split over a
 * SEND-only and a RECV-only cap. "nocap" (first to run) has no channel cap at all.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_chan4_server);
SD_IMAGE(sc_chan4_client);
SD_IMAGE(sc_chan4_nocap);

#define CH(name, r) { .type = CAP_CHANNEL, .rights = (r), .object = (name) }
#define CLIENT(nm, ch, slice)                                                          \
    { .name = (nm), .image = &image_sc_chan4_client, .ram_kb = 256, .max_prio = 8,   \
      .nvcpus = 1, .vcpus = { { .prio = 8, .slice_us = (slice) } },                   \
      .caps = { [1] = CH(ch, CAP_R_SEND), [3] = CH(ch, CAP_R_RECV) } }

const struct sd_system system_desc = {
    .name = "test_chan_multi",
    .channels = {
        { .name = "a", .ends = { { .vm = "srv", .line = 1 }, { .vm = "c1", .line = 1 } } },
        { .name = "b", .ends = { { .vm = "srv", .line = 2 }, { .vm = "c2", .line = 1 } } },
    },
    .vms = {
        { .name = "srv", .image = &image_sc_chan4_server, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } },
          .caps = { [1] = CH("a", CAP_R_SEND | CAP_R_RECV),
                    [2] = CH("b", CAP_R_SEND | CAP_R_RECV) } },
        CLIENT("c1", "a", 30),
        CLIENT("c2", "b", 45),
        { .name = "nocap", .image = &image_sc_chan4_nocap, .ram_kb = 256, .max_prio = 12,
          .nvcpus = 1, .vcpus = { { .prio = 12 } },
          .caps = { [1] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "srv", .line = 1 } } },
    },
};
