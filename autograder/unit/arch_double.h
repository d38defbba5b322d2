/**
 * @file arch_double.h
 * @brief A test double of the arch layer (kernel/arch/arch.h) for the host unit tests.
 *
 * kernel/core is compiled for the host and linked with arch_double.c instead of
 * kernel/arch/armv7. The double gives the core what the hardware would, in a form
 * a test can drive and inspect:
 * - "physical RAM" is a malloc'd region with fake physical addresses starting at
 *   ::DOUBLE_RAM_BASE (so a physical address is never a host pointer);
 * - page-table descriptors have the double's own encoding (the core walks the tables),
 *   and a small TLB tagged by ASID caches what double_access() translated, so a missing
 *   flush shows up as a stale translation, as it would on the board;
 * - the clock only moves when a test moves it (or when the core idles: then it jumps
 *   to the armed timer deadline, as a WFI would end at the timer interrupt);
 * - the console is a capture buffer;
 * - power-off jumps back into the test that expected it (see ::EXPECT_POWEROFF).
 *
 * Every precondition the real port relies on (addresses in RAM, aligned pages, valid
 * flags) is checked: a core bug that would corrupt memory on the board fails the test.
 */
#ifndef ARCH_DOUBLE_H
#define ARCH_DOUBLE_H

#include <check.h>
#include <setjmp.h>
#include <stdbool.h>
#include "arch.h"

/**
 * @brief ck_assert_msg() for hot paths and loops. Check reports every *passing* ck_assert_*
 *        to the parent process (one pipe write each), so thousands of them are slow;
 *        REQUIRE costs nothing until it fails.
 */
#define REQUIRE(cond, ...)                                                          \
    do {                                                                            \
        if (!(cond))                                                                \
            ck_abort_msg(__VA_ARGS__);                                              \
    } while (0)

/** @brief Fake physical address of the first byte of RAM. */
#define DOUBLE_RAM_BASE 0x40000000u
/** @brief Bytes of fake RAM (the allocator gets all of it). */
#define DOUBLE_RAM_SIZE (16u * 1024u * 1024u)

/** @brief Reset the double: fresh RAM contents, clock 0, timer disarmed, empty console,
 *  TLS 0, nonce 0, no power-off. Does not touch kernel state (see unit_reset()). */
void double_reset(void);

/** @brief The virtual time arch_time_now() returns (ns). */
extern uint64_t double_now;
/** @brief The deadline of the latest arch_timer_set() (UINT64_MAX: disarmed). */
extern uint64_t double_timer_deadline;
/** @brief How many times the core called arch_idle(). */
extern unsigned double_idle_count;
/** @brief The value arch_boot_nonce() returns. */
extern uint32_t double_boot_nonce;
/** @brief The TLS registers as arch_tls_load() left them (TPIDRURW, TPIDRURO). */
extern uint32_t double_tls_rw, double_tls_ro;
/** @brief The level-1 table arch_space_activate() made current (0: none yet). */
extern paddr_t double_active_l1;
/** @brief The ASID and device bits it was activated with. */
extern uint32_t double_active_asid, double_active_devices;
/** @brief How many times arch_space_activate() and arch_tlb_flush_all() were called, and
 *  how many TLB flushes of any kind (page, ASID, all) there were. */
extern unsigned double_activations, double_tlb_flush_alls, double_tlb_flushes;
/** @brief Entries of the double's TLB. */
#define DOUBLE_TLB_ENTRIES 1024u
/** @brief A guest access to @p va in the active space, as the CPU would do it: the TLB
 *  first (a stale entry wins, as on the board), else a walk of the tables, which fills the
 *  TLB. @return 0 with the physical address and ::mv_map_flags, or ::MV_EFAULT. */
int double_access(uint32_t va, paddr_t *pa, uint32_t *flags);
/** @brief The interrupt the double lets VMs own (like the virtual timer on QEMU virt). */
#define DOUBLE_ROUTABLE_IRQ 27u
/** @brief Interrupts unmasked at the fake interrupt controller (bit i = interrupt i, < 64). */
extern uint64_t double_irq_unmasked;

/** @brief Everything written to the console since the last reset or clear (NUL-terminated). */
const char *double_console(void);
/** @brief Forget the captured console output. */
void double_console_clear(void);
/** @brief Bytes "typed" on the console: arch_console_getc() returns them, in order (the test
 *  then calls console_input_ready(), as the UART's interrupt would). */
void double_console_type(const char *bytes, size_t n);

/** @brief Where arch_poweroff() jumps (NULL: power-off fails the running test). */
void double_expect_poweroff(jmp_buf *where);
/** @brief Whether arch_poweroff() was called since the last reset. */
bool double_powered_off(void);

/**
 * @brief Run @p stmt and require that it powers the machine off: arch_poweroff()
 *        returns control here instead of to @p stmt. Fails the test if @p stmt returns.
 */
#define EXPECT_POWEROFF(stmt)                                                     \
    do {                                                                          \
        jmp_buf expect_poweroff_jb_;                                              \
        double_expect_poweroff(&expect_poweroff_jb_);                             \
        if (setjmp(expect_poweroff_jb_) == 0) {                                   \
            stmt;                                                                 \
            double_expect_poweroff(NULL);                                         \
            ck_abort_msg("expected a power-off from: %s", #stmt);                 \
        }                                                                         \
        double_expect_poweroff(NULL);                                             \
    } while (0)

#endif
