/**
 * @file vtimer.h
 * @brief Per-vCPU virtual timers, multiplexed on the one hardware timer.
 *
 * Each vCPU may arm a one-shot deadline (::MV_HC_VTIMER_SET) that raises a vIRQ line of
 * its choice. The microvisor has one hardware timer, which the scheduler programs for the
 * nearest event of all: the end of the running vCPU's slice, the earliest wait timeout,
 * and ::vtimer_next_at, the earliest virtual-timer deadline. It stays tickless: nothing
 * fires that no one asked for.
 */
#ifndef MV_VTIMER_H
#define MV_VTIMER_H
#include "core/vm.h"

/** @brief The earliest deadline of all armed virtual timers (UINT64_MAX: none armed), kept
 *  exact by vtimer_set() and vtimer_expire(): the hardware timer never fires for nothing. */
extern uint64_t vtimer_next_at;

/** @brief Arm @p v's timer to raise @p line (checked by the caller) at absolute virtual time
 *  @p deadline ns, replacing its previous deadline; 0 disarms it. A deadline at or before
 *  @p now raises the line at once. */
void vtimer_set(struct vcpu *v, uint64_t deadline, uint32_t line, uint64_t now);
/** @brief Time is @p now (at or after ::vtimer_next_at): raise the line of every timer whose
 *  deadline has come, disarm it, and move ::vtimer_next_at to the earliest one left. Timers
 *  of stopped VMs are disarmed without a raise. */
void vtimer_expire(uint64_t now);
#endif
