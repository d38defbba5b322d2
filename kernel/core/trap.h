/** @file trap.h @brief Architecture-neutral exception handling, called by the arch port. */
#ifndef MV_TRAP_H
#define MV_TRAP_H
#include "mv/abi.h"
#include <stdint.h>
/**
 * @brief The running vCPU took exception @p cause in user mode. In guest-kernel mode an
 * `svc` is a hypercall and anything else stops the VM; in guest-user mode every cause
 * becomes an upcall. For an abort, @p addr and @p status are the fault address and the
 * ARM fault status, @p access the ::mv_map_flags bit of the access that faulted.
 * @return the frame to resume.
 */
struct mv_regs *trap_from_guest(enum mv_cause cause, uint32_t addr, uint32_t status,
                                uint32_t access);
/** @brief Schedule, deliver any pending vIRQ, and return the frame to resume. */
struct mv_regs *trap_resume(void);
#endif
