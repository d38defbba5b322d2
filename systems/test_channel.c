/*
 * test_channel.c - system test: two VMs share a memory region (one may only read it)
 * and play ping-pong through a channel, each end signalled on its vIRQ line 1.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_chan_ping);
SD_IMAGE(sc_chan_pong);

const struct sd_system system_desc = {
    .name = "test_channel",
    .regions = { { .name = "shm", .size_kb = 16 } },
    .channels = { { .name = "pipe", .ends = { { .vm = "ping", .line = 1 },
                                              { .vm = "pong", .line = 1 } } } },
    .vms = {
        { .name = "ping", .image = &image_sc_chan_ping, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } },
          .caps = {
              [0] = { .type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE, .object = "shm",
                      .gpa = 0x100000 },
              [1] = { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV, .object = "pipe" },
          } },
        { .name = "pong", .image = &image_sc_chan_pong, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } },
          .caps = {
              [0] = { .type = CAP_MEMORY, .rights = CAP_R_READ, .object = "shm", .gpa = 0x200000 },
              [1] = { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV, .object = "pipe" },
          } },
    },
};
