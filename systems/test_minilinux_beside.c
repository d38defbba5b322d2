/* test_minilinux_beside.c - minilinux (proctest as init: forks, a fork bomb, spinning
 * children, a faulting child) beside the demo's primes VM at the same priority: the
 * other VM runs to completion meanwhile, whatever minilinux's processes do. */
#include "core/sysdesc.h"

SD_IMAGE(minilinux_proctest);
SD_IMAGE(primes);

const struct sd_system system_desc = {
    .name = "test_minilinux_beside",
    .vms = {
        { .name = "minilinux", .image = &image_minilinux_proctest, .ram_kb = 4096, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 17 },
        { .name = "primes", .image = &image_primes, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } } },
    },
};
