/* bench_chan.c - benchmark system: VM "a" measures channel "pipe" (64-byte round trips,
 * a stream of 4 KiB messages) against VM "b", which answers or drains (make bench;
 * bench/bench_chan.c, bench/bench_chan_peer.c). The same priority: each runs until it
 * waits. a is VM 0, b VM 1: the stream's bytes go up in physical memory. */
#include "core/sysdesc.h"

SD_IMAGE(bench_chan);
SD_IMAGE(bench_chan_peer);

const struct sd_system system_desc = {
    .name = "bench_chan",
    .channels = { { .name = "pipe", .ends = { { .vm = "a", .line = 1 },
                                              { .vm = "b", .line = 1 } } } },
    .vms = {
        { .name = "a", .image = &image_bench_chan, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } },
          .caps = { [0] = { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV,
                            .object = "pipe" } } },
        { .name = "b", .image = &image_bench_chan_peer, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } },
          .caps = { [0] = { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV,
                            .object = "pipe" } } },
    },
};
