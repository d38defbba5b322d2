/**
 * @file virq.h
 * @brief Virtual interrupts: asynchronous signals to a vCPU.
 *
 * Each vCPU has ::MV_VIRQ_LINES lines, pending as bits in its state page. A pending
 * line wakes a vCPU blocked in ::MV_HC_WAIT; a vCPU in guest-user mode with
 * mv_state::virq_enabled set gets an upcall (::MV_CAUSE_VIRQ). Guest-kernel code is
 * never interrupted: it sees pending lines when it waits or checks the page. Each line also
 * carries a payload word that raises OR together until the vCPU takes the line
 * (::MV_HC_VIRQ_TAKE), so several senders can share one line.
 */
#ifndef MV_VIRQ_H
#define MV_VIRQ_H
#include "core/vm.h"
/** @brief Set line @p line (below ::MV_VIRQ_LINES) pending on @p target, OR @p payload into
 *  its payload, and wake @p target if it waits. */
void virq_raise(struct vcpu *target, uint32_t line, uint32_t payload);
/** @brief Clear the lines in @p mask and their payloads; return the lines that were pending. */
uint32_t virq_ack(struct vcpu *v, uint32_t mask);
/** @brief ::MV_HC_VIRQ_TAKE: whether @p line (below ::MV_VIRQ_LINES) was pending; its payload
 *  in @p payload. Clears both, at once. */
bool virq_take(struct vcpu *v, uint32_t line, uint32_t *payload);
/** @brief ::MV_HC_WAIT: return pending lines at once, or block @p v (result set on wake). */
int32_t virq_wait(struct vcpu *v, uint32_t timeout_ns);
/** @brief Before resuming @p v: upcall it if a vIRQ is pending, enabled and it is in guest-user mode. */
void virq_deliver(struct vcpu *v);
#endif
