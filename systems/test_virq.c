/*
 * test_virq.c - system test: virtual interrupts between two VMs through caps, mv_wait
 * with and without a timeout, and vIRQ upcalls to guest-user mode.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_virq_recv);
SD_IMAGE(sc_virq_send);

const struct sd_system system_desc = {
    .name = "test_virq",
    .vms = {
        { .name = "receiver", .image = &image_sc_virq_recv, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .contexts = 1, .vcpus = { { .prio = 10, .slice_us = 200 } },
          .caps = {
              [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "sender", .line = 1 },
              [1] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .line = 7 },
          } },
        { .name = "sender", .image = &image_sc_virq_send, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } },
          .caps = {
              [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "receiver", .line = 5 },
          } },
    },
};
