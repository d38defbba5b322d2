/**
 * @file arch.h
 * @brief The interface between the portable core (kernel/core) and an architecture port.
 *
 * Everything the core needs from the hardware goes through these functions, so
 * that the core can also be compiled for the host and unit-tested against a test
 * double of this interface (autograder/unit/arch_double.c).
 */
#ifndef MV_ARCH_H
#define MV_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mv/abi.h"

/** @brief A physical address (32-bit: the ARMv7 short-descriptor format). */
typedef uint32_t paddr_t;

/** @brief One guest address space: the real page tables behind a VM's vMMU. */
struct arch_aspace {
    uint32_t *l1;   /**< Kernel-virtual pointer to the level-1 table (TTBR0 half: 2048 entries). */
    paddr_t l1_pa;  /**< Its physical address (what TTBR0 gets). */
    uint32_t asid;  /**< Address-space identifier tagging this space's TLB entries. */
    uint32_t l2_tables; /**< Level-2 tables allocated so far (bounded per VM). */
    uint32_t devices;   /**< Devices this space's code may use directly (arch-defined bits,
                             see arch_aspace_grant_irq()). */
};

/** @brief Bring up the interrupt controller, timer, PMU and MMU state (after mem_init()). */
void arch_init(void);

/* ---- console and power ---- */

/** @brief Write one byte to the kernel console (UART). */
void arch_console_putc(char c);
/** @brief Power the machine off (PSCI SYSTEM_OFF). Never returns. */
void arch_poweroff(void) __attribute__((noreturn));
/** @brief The per-run nonce the test harness placed in memory (0 if none). */
uint32_t arch_boot_nonce(void);

/* ---- physical memory ---- */

/** @brief Kernel-virtual pointer to physical address @p pa (RAM only). */
void *arch_phys_to_virt(paddr_t pa);
/** @brief Physical address of kernel-virtual pointer @p va (RAM only). */
paddr_t arch_virt_to_phys(const void *va);
/** @brief The free physical memory the frame allocator may use: [*start, *end). */
void arch_free_memory(paddr_t *start, paddr_t *end);

/* ---- guest address spaces ---- */

/** @brief Create an empty address space tagged with @p asid. Returns 0 or ::MV_ENOMEM. */
int arch_aspace_init(struct arch_aspace *as, uint32_t asid);
/** @brief Map the page at guest VA @p va to physical @p pa with ::mv_map_flags @p flags,
 *  user-accessible. Replaces any previous mapping. Returns 0 or ::MV_ENOMEM. */
int arch_aspace_map(struct arch_aspace *as, uint32_t va, paddr_t pa, uint32_t flags);
/** @brief The most memory the page tables of one address space can take after
 *  arch_aspace_init() (the per-VM bound ::MV_MAX_L2_TABLES, in bytes). */
uint32_t arch_aspace_reserve_bytes(void);
/** @brief Remove the mapping of the page at @p va (no-op when unmapped) and flush it from the TLB. */
void arch_aspace_unmap(struct arch_aspace *as, uint32_t va);
/** @brief Look up the page at @p va. Returns 0 and fills @p pa / @p flags, or ::MV_EFAULT. */
int arch_aspace_lookup(const struct arch_aspace *as, uint32_t va, paddr_t *pa, uint32_t *flags);
/** @brief Make @p as the current guest address space (TTBR0 + ASID). */
void arch_aspace_activate(const struct arch_aspace *as);

/* ---- interrupts a VM may own (IRQ routes) ---- */

/** @brief Whether hardware interrupt @p irq may be routed to a VM: its device can be
 *  handed to a guest without giving it anything else. */
bool arch_irq_routable(uint32_t irq);
/** @brief Give code running in @p as direct access to the device behind routable
 *  interrupt @p irq (while @p as is active; other address spaces never get it). */
void arch_aspace_grant_irq(struct arch_aspace *as, uint32_t irq);
/** @brief Let routable interrupt @p irq reach the CPU. */
void arch_irq_unmask(uint32_t irq);
/** @brief Hold interrupt @p irq back at the interrupt controller. */
void arch_irq_mask(uint32_t irq);

/* ---- user contexts ---- */

/** @brief Initialise @p r to enter user mode at @p pc (bit 0 set = Thumb) with stack @p sp
 *  and arguments @p a0, @p a1; every other register is zero. The PC is aligned for its
 *  instruction set. */
void arch_regs_init(struct mv_regs *r, uint32_t pc, uint32_t sp, uint32_t a0, uint32_t a1);
/** @brief Make a guest-supplied context safe to resume: user mode with interrupts enabled
 *  (a guest may only choose the condition flags, the instruction set state and, in Thumb
 *  state, the If-Then block state), and a PC aligned for the instruction set. */
void arch_user_context(struct mv_regs *r);
/** @brief Enter user mode with context @p r (the current vCPU's). Never returns. */
void arch_enter_user(struct mv_regs *r) __attribute__((noreturn));
/** @brief Save the user-writable TLS register (TPIDRURW) of the outgoing vCPU. */
uint32_t arch_tls_user_read(void);
/** @brief Load both TLS registers for the incoming vCPU. */
void arch_tls_load(uint32_t tpidrurw, uint32_t tpidruro);

/* ---- time and interrupts ---- */

/** @brief Current time in nanoseconds (virtual time under QEMU icount). */
uint64_t arch_time_now(void);
/** @brief Arm the one-shot timer to fire at absolute time @p ns (UINT64_MAX: disarm). */
void arch_timer_set(uint64_t ns);
/** @brief Wait for an interrupt with interrupts masked, then handle any pending ones. */
void arch_idle(void);

#endif /* MV_ARCH_H */
