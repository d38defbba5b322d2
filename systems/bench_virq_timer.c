/* bench_virq_timer.c - benchmark system: a guest kernel arms its virtual timer while a
 * process spins in guest-user mode (make bench). The slice is 1 ms: should the hardware
 * timer not be re-armed for a virtual timer's deadline, the deadline is noticed only at
 * the slice's end, and the figure shows it (close to 1,000,000) in a few seconds. */
#include "core/sysdesc.h"

SD_IMAGE(bench_virq_timer);

const struct sd_system system_desc = {
    .name = "bench_virq_timer",
    .vms = {
        { .name = "bench", .image = &image_bench_virq_timer, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 1000 } }, .contexts = 1 },
    },
};
