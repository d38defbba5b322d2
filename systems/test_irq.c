/*
 * test_irq.c - system test: the virtual timer's interrupt (PPI 27) is routed to VM
 * "ticker", which programs the timer itself and waits for the vIRQ; VM "intruder" has
 * no route and must not be able to touch the timer.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_ticker);
SD_IMAGE(sc_intruder);

const struct sd_system system_desc = {
    .name = "test_irq",
    .irq_routes = { { .vm = "ticker", .irq = 27, .vcpu = 0, .line = 4 } },
    .vms = {
        { .name = "ticker", .image = &image_sc_ticker, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } },
          .caps = {
              [0] = { .type = CAP_IRQ, .rights = CAP_R_ACK, .irq = 27 },
              [1] = { .type = CAP_IRQ, .rights = 0, .irq = 27 },
          } },
        { .name = "intruder", .image = &image_sc_intruder, .ram_kb = 256, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } } },
    },
};
