/** @file vcpu.h @brief vCPU life cycle and upcalls (entry into the guest kernel). */
#ifndef MV_VCPU_H
#define MV_VCPU_H
#include "core/vm.h"

/** @brief Start stopped vCPU @p v in guest-kernel mode at @p pc with stack @p sp; r0 = @p arg,
 *  r1 = its state page's guest VA. */
void vcpu_start(struct vcpu *v, uint32_t pc, uint32_t sp, uint32_t arg);
/**
 * @brief Deliver an exception or vIRQ to the guest kernel: save the user context and the
 *        cause in the state page and enter the registered upcall entry in guest-kernel mode
 *        (r0 = cause, r1 = state page VA), in the guest kernel's address space. Stops the
 *        VM if no entry is registered.
 */
void vcpu_upcall(struct vcpu *v, enum mv_cause cause, uint32_t addr, uint32_t status,
                 uint32_t access);
/** @brief An exception in guest-kernel mode that is not a hypercall: stop the VM with a report. */
void vcpu_kernel_fault(struct vcpu *v, enum mv_cause cause, uint32_t addr, uint32_t status);
/** @brief Human-readable name of an ::mv_cause. */
const char *vcpu_cause_name(enum mv_cause cause);
#endif
