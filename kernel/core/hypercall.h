/** @file hypercall.h @brief The hypercall dispatcher. */
#ifndef MV_HYPERCALL_H
#define MV_HYPERCALL_H
#include "core/vm.h"

/** @brief Returned by a handler that replaced the caller's registers itself (or stopped
 *  the caller): the dispatcher then leaves r0 alone. */
#define HC_KEEP_REGS INT32_MIN
/**
 * @brief Execute the hypercall in @p r (number in r7, arguments in r0..r5) for vCPU @p v
 *        and write the result to r0 (errors are negative ::mv_error codes).
 */
void hypercall_dispatch(struct vcpu *v, struct mv_regs *r);
#endif
