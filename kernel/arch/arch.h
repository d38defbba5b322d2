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

/** @name Page-table geometry (the ARMv7 short-descriptor format, TTBCR.N = 1)
 *  A guest address space is a level-1 table for the guest half (one entry per 1 MiB
 *  section) whose entries point to level-2 tables (one entry per 4 KiB page). */
/** @{ */
#define ARCH_L1_ENTRIES   2048u                    /**< Level-1 entries: 2 GiB / 1 MiB. */
#define ARCH_L1_SIZE      (ARCH_L1_ENTRIES * 4u)   /**< Bytes (and alignment) of a level-1 table. */
#define ARCH_L2_ENTRIES   256u                     /**< Level-2 entries: 1 MiB / 4 KiB. */
#define ARCH_L2_SIZE      (ARCH_L2_ENTRIES * 4u)   /**< Bytes (and alignment) of a level-2 table. */
#define ARCH_SECTION_SHIFT 20u                     /**< log2 of the span of a level-1 entry. */
#define ARCH_ASIDS        256u                     /**< ASIDs (8 bits); 0 is reserved. */
/** @} */

/** @brief Bring up the interrupt controller, timer, PMU and MMU state (after mem_init()). */
void arch_init(void);

/* ---- console and power ---- */

/** @brief Write one byte to the kernel console (UART). */
void arch_console_putc(char c);
/** @brief The next byte received on the console UART, or -1 when none is waiting. The
 *  UART's receive interrupt calls console_input_ready(), which drains it with this. */
int arch_console_getc(void);
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

/* ---- page tables and the TLB (the core walks the tables; these encode and flush) ---- */

/** @brief The level-1 descriptor that points to the level-2 table at @p l2_pa. */
uint32_t arch_l1_entry(paddr_t l2_pa);
/** @brief The level-2 table a level-1 descriptor points to (0: none). */
paddr_t arch_l1_entry_table(uint32_t l1e);
/** @brief The level-2 descriptor mapping a 4 KiB page at physical @p pa with ::mv_map_flags
 *  @p flags (::MV_MAP_READ always), user-accessible, non-global (tagged with the ASID),
 *  normal cacheable memory. Never 0: 0 is an empty entry. */
uint32_t arch_pte(paddr_t pa, uint32_t flags);
/** @brief Decode a level-2 descriptor. @return false for an empty entry, else true with
 *  @p pa and @p flags filled in. */
bool arch_pte_decode(uint32_t pte, paddr_t *pa, uint32_t *flags);
/** @brief Copy @p blocks (> 0) blocks of 32 bytes from @p src to @p dst, both word aligned
 *  (memcpy()'s bulk: one load-multiple and one store-multiple per block). */
void arch_copy_blocks(void *dst, const void *src, size_t blocks);
/** @brief Make page-table writes visible to the hardware table walker (a barrier). Call it
 *  after writing entries and before the TLB maintenance or the return to a guest. */
void arch_pt_written(void);
/** @brief Invalidate the TLB entry of page @p va tagged with @p asid (after the table write). */
void arch_tlb_flush_page(uint32_t asid, uint32_t va);
/** @brief Invalidate every TLB entry tagged with @p asid. */
void arch_tlb_flush_asid(uint32_t asid);
/** @brief Invalidate the whole TLB (every ASID). */
void arch_tlb_flush_all(void);
/** @brief Make the guest address space whose level-1 table is at @p l1_pa, tagged @p asid,
 *  the current one (TTBR0 and the ASID), with the device bits @p devices (see
 *  arch_irq_device()) open to its code. */
void arch_space_activate(paddr_t l1_pa, uint32_t asid, uint32_t devices);

/* ---- interrupts a VM may own (IRQ routes) ---- */

/** @brief Whether hardware interrupt @p irq may be routed to a VM: its device can be
 *  handed to a guest without giving it anything else. */
bool arch_irq_routable(uint32_t irq);
/** @brief The device bits (arch-defined) that give code direct access to the device behind
 *  routable interrupt @p irq, for arch_space_activate(). */
uint32_t arch_irq_device(uint32_t irq);
/** @brief Let routable interrupt @p irq reach the CPU. */
void arch_irq_unmask(uint32_t irq);
/** @brief Hold interrupt @p irq back at the interrupt controller. */
void arch_irq_mask(uint32_t irq);

/* ---- user contexts ---- */

/** @brief Copy context @p src to @p dst (faster than a struct assignment, which calls
 *  memcpy: upcalls and resumes copy one each). */
void arch_copy_regs(struct mv_regs *dst, const struct mv_regs *src);
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

/* ---- the floating-point unit (VFP/NEON) ---- */

/** @brief One vCPU's floating-point registers while the unit does not hold them (the
 *  ARMv7 VFPv4 + NEON register file: 32 double registers and two status words). */
struct arch_fpu {
    uint64_t d[32];      /**< d0..d31 (NEON's q0..q15 are pairs of them). */
    uint32_t fpscr;      /**< Status and control: flags, rounding mode. */
    uint32_t fpexc;      /**< Exception control; its EN bit is the microvisor's (see fpu.c). */
};
/** @brief Give user mode the floating-point unit and switch it on (at boot). */
void arch_fpu_init(void);
/** @brief Store the unit's registers in @p f. The unit must be enabled. */
void arch_fpu_save(struct arch_fpu *f);
/** @brief Load the unit's registers from @p f and enable it. */
void arch_fpu_load(const struct arch_fpu *f);
/** @brief Enable (@p on) or disable the unit: while disabled, every floating-point
 *  instruction is an undefined-instruction exception (the lazy switch's trap). */
void arch_fpu_enable(bool on);
/** @brief Whether the unit is enabled. */
bool arch_fpu_enabled(void);

/* ---- time and interrupts ---- */

/** @brief Current time in nanoseconds (virtual time under QEMU icount). */
uint64_t arch_time_now(void);
/** @brief Arm the one-shot timer to fire at absolute time @p ns (UINT64_MAX: disarm). */
void arch_timer_set(uint64_t ns);
/** @brief Wait for an interrupt with interrupts masked, then handle any pending ones. */
void arch_idle(void);

#endif /* MV_ARCH_H */
