/* demo.c - the default system: two VMs of equal priority sharing the CPU. */
#include "core/sysdesc.h"

SD_IMAGE(hello);
SD_IMAGE(primes);

const struct sd_system system_desc = {
    .name = "demo",
    .vms = {
        { .name = "hello", .image = &image_hello, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } } },
        { .name = "primes", .image = &image_primes, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 200 } } },
    },
};
