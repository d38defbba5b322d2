/* bench_virq_cross_vm.c - benchmark system: VM "a" (priority 5) raises a vIRQ line of VM
 * "b" (priority 10), which waits for it (make bench). One program runs in both; cap slot
 * 0 tells it its role (bench/bench_virq_cross_vm.c). */
#include "core/sysdesc.h"

SD_IMAGE(bench_virq_cross_vm);

const struct sd_system system_desc = {
    .name = "bench_virq_cross_vm",
    .vms = {
        { .name = "b", .image = &image_bench_virq_cross_vm, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 10000 } },
          .caps = { [0] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 0 } } },
        { .name = "a", .image = &image_bench_virq_cross_vm, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 5, .slice_us = 10000 } },
          .caps = { [0] = { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "b", .vcpu = 0,
                            .line = 4 } } },
    },
};
