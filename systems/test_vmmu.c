/* test_vmmu.c - system test: one guest OS running user code in process contexts, to check
 * mappings, faults, isolation and checked copies (autograder/scenarios/sc_vmmu.c). */
#include "core/sysdesc.h"

SD_IMAGE(sc_vmmu);

const struct sd_system system_desc = {
    .name = "test_vmmu",
    .vms = {
        { .name = "os", .image = &image_sc_vmmu, .ram_kb = 1024, .max_prio = 10,
          .nvcpus = 1, .vcpus = { { .prio = 10 } }, .contexts = 4 },
    },
};
