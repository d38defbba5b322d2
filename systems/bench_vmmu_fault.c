/* bench_vmmu_fault.c - benchmark system: a guest kernel and one process; the process's
 * page faults are served by the guest kernel's upcall handler (make bench). */
#include "core/sysdesc.h"

SD_IMAGE(bench_vmmu_fault);

const struct sd_system system_desc = {
    .name = "bench_vmmu_fault",
    .vms = {
        { .name = "bench", .image = &image_bench_vmmu_fault, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } }, .contexts = 1 },
    },
};
