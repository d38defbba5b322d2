/** @file armv7.h @brief Declarations private to the ARMv7 port. */
#ifndef MV_ARMV7_H
#define MV_ARMV7_H
#include "mv/abi.h"
/** @brief Acknowledge and handle every pending hardware interrupt. */
void arch_handle_irqs(void);
/** @brief The device bits of the virtual timer (arch_irq_device()) are CNTKCTL bits: PL0 may use the
 *  virtual timer (CNTV_*, PL0VTEN, bit 8) and read the virtual count (PL0VCTEN, bit 1).
 *  Bit 9 (PL0PTEN) would open the physical timer, the scheduler's: never set. */
#define DEVICE_VTIMER ((1u << 8) | (1u << 1))
/** @brief Switch TTBR0 to an empty table and flush the boot mappings from the TLB. */
void mmu_init(void);
/** @name Exception handlers called from vectors.S. Each returns the frame to resume. */
/** @{ */
struct mv_regs *trap_svc(struct mv_regs *r);       /**< `svc`: a hypercall, or a guest-user system call. */
struct mv_regs *trap_undef(struct mv_regs *r);     /**< Undefined instruction. */
struct mv_regs *trap_pabt(struct mv_regs *r);      /**< Prefetch abort (instruction fetch fault). */
struct mv_regs *trap_dabt(struct mv_regs *r);      /**< Data abort (load/store fault). */
struct mv_regs *trap_irq(struct mv_regs *r);       /**< Hardware interrupt (the timer). */
struct mv_regs *trap_unexpected(struct mv_regs *r); /**< FIQ or reset vector: a kernel bug, panics. */
/** @} */
#endif
