/* chan_demo.c - a client VM and a key-value server VM talking over two channels:
 * "requests" (client to server) and "replies" (server to client). Each VM's end of a
 * channel raises its own line: line 1 when a message arrives, line 2 when a sender
 * that found the peer's ring full may try again (userland/demo/kv.h). Each VM may only
 * send on one channel and receive on the other. */
#include "core/sysdesc.h"

SD_IMAGE(kv_client);
SD_IMAGE(kv_server);

const struct sd_system system_desc = {
    .name = "chan_demo",
    .channels = {
        { .name = "requests", .ends = { { .vm = "client", .line = 2 }, { .vm = "server", .line = 1 } } },
        { .name = "replies", .ends = { { .vm = "server", .line = 2 }, { .vm = "client", .line = 1 } } },
    },
    .vms = {
        { .name = "server", .image = &image_kv_server, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 1000 } },
          .caps = { [0] = { .type = CAP_CHANNEL, .rights = CAP_R_RECV, .object = "requests" },
                    [1] = { .type = CAP_CHANNEL, .rights = CAP_R_SEND, .object = "replies" } } },
        { .name = "client", .image = &image_kv_client, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 1000 } },
          .caps = { [0] = { .type = CAP_CHANNEL, .rights = CAP_R_SEND, .object = "requests" },
                    [1] = { .type = CAP_CHANNEL, .rights = CAP_R_RECV, .object = "replies" } } },
    },
};
