/** @file system.h @brief Turning a static system description into running VMs. */
#ifndef MV_SYSTEM_H
#define MV_SYSTEM_H
#include <stddef.h>
#include "core/sysdesc.h"

/** @brief Check @p sys for mistakes (names, sizes, priorities, caps). Returns 0, or
 *  ::MV_EINVAL with a readable message in @p err (@p size bytes). */
int system_validate(const struct sd_system *sys, char *err, size_t size);
/** @brief Validate and create every VM of @p sys: RAM, page tables, state pages, caps,
 *  the ELF image; vCPU 0 of each VM is made runnable. Returns 0 or a negative code
 *  with a message in @p err. */
int system_load(const struct sd_system *sys, char *err, size_t size);
#endif
