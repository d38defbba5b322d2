/**
 * @file fpu.h
 * @brief Each vCPU's own floating-point registers (VFP/NEON): d0-d31, FPSCR, FPEXC.
 *
 * The CPU has one register file; every vCPU must see its own, as if it had the unit to
 * itself, so no VM can read what another VM left in it. Two ways to share it, chosen at
 * compile time (MV_FPU_LAZY, see config.h and docs/architecture.md, "Floating point"):
 *
 * - **eager**: every switch to another vCPU saves the outgoing vCPU's registers and
 *   loads the incoming one's;
 * - **lazy**: a switch only disables the unit; the first floating-point instruction of
 *   the new vCPU traps (undefined instruction), and fpu_claim() then saves the
 *   registers of their owner, loads the vCPU's own and retries the instruction. A vCPU
 *   that does no floating point costs nothing.
 */
#ifndef MV_FPU_H
#define MV_FPU_H
#include "core/vm.h"

/** @brief The CPU switches from vCPU @p prev (NULL: none yet) to @p next: make @p next's
 *  floating-point registers the ones it will see. */
void fpu_switch(struct vcpu *prev, struct vcpu *next);

/**
 * @brief An undefined-instruction exception of the running vCPU @p v: if it came from a
 *        disabled unit (the lazy switch), give @p v the unit with its own registers.
 * @return true: retry the instruction; false: a real undefined instruction.
 */
bool fpu_claim(struct vcpu *v);

/** @brief Whether the hardware holds @p v's registers now (the mv-vcpu GDB command). */
bool fpu_owns(const struct vcpu *v);

#endif
