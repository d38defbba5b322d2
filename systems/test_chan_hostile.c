/*
 * test_chan_hostile.c - lab 4: a sender with bad source pointers and a receiver that
 * breaks its own ring in every way it can (autograder/scenarios/sc_chan4_hostile_tx.c,
 * sc_chan4_hostile_rx.c): each send must fail with nothing delivered, and the channel
 * must work again once the ring is repaired. "by" (sc_chan4_bystander.c) runs below
 * them and must finish too. Both ends place region "shm" at 0x100000; only "rx" maps
 * it at first.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_chan4_hostile_tx);
SD_IMAGE(sc_chan4_hostile_rx);
SD_IMAGE(sc_chan4_bystander);

#define CH { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV, .object = "pipe" }
#define GO(peer) { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = (peer), .line = 2 }
#define SHM(r) { .type = CAP_MEMORY, .rights = (r), .object = "shm", .gpa = 0x100000 }

const struct sd_system system_desc = {
    .name = "test_chan_hostile",
    .regions = { { .name = "shm", .size_kb = 4 } },
    .channels = { { .name = "pipe", .ends = { { .vm = "tx", .line = 1 },
                                              { .vm = "rx", .line = 1 } } } },
    .vms = {
        { .name = "tx", .image = &image_sc_chan4_hostile_tx, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } },
          .caps = { [1] = CH, [2] = GO("rx"), [3] = SHM(CAP_R_READ) } },
        { .name = "rx", .image = &image_sc_chan4_hostile_rx, .ram_kb = 256, .max_prio = 12,
          .nvcpus = 1, .vcpus = { { .prio = 12 } },
          .caps = { [1] = CH, [2] = GO("tx"), [3] = SHM(CAP_R_READ | CAP_R_WRITE) } },
        { .name = "by", .image = &image_sc_chan4_bystander, .ram_kb = 256, .max_prio = 4,
          .nvcpus = 1, .vcpus = { { .prio = 4 } } },
    },
};
