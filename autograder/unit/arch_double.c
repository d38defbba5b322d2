/*
 * arch_double.c - the arch layer of the host unit tests (see arch_double.h).
 *
 * Each function keeps the contract arch.h states and checks the preconditions the
 * real port silently relies on, so that a core bug shows up as a failed test with a
 * message instead of as memory corruption.
 */
#include <stdlib.h>
#include <string.h>
#include "arch_double.h"
#include "core/mem.h"
#include "core/config.h"

#define PAGE_MASK   (MV_PAGE_SIZE - 1u)
#define L1_ENTRIES  2048u                 /* 1 MiB each: the 2 GiB guest half */
#define L2_ENTRIES  256u                  /* 4 KiB pages */
#define L1_PRESENT  1u
#define PTE_VALID   0x800u                /* pte = pa | PTE_VALID | mv_map_flags */
#define ALL_FLAGS   (MV_MAP_READ | MV_MAP_WRITE | MV_MAP_EXEC)
#define CONSOLE_CAP (64u * 1024u)
#define IDLE_LIMIT  100000u


uint64_t double_now;
uint64_t double_timer_deadline;
unsigned double_idle_count;
uint32_t double_boot_nonce;
uint32_t double_tls_rw, double_tls_ro;
const struct arch_aspace *double_active_aspace;

static uint8_t *ram;                      /* kept for the whole run: no leak to report */
static char console[CONSOLE_CAP + 1];
static size_t console_len;
static jmp_buf *poweroff_target;
static bool powered_off;

void double_reset(void) {
    if (!ram)
        ram = aligned_alloc(MV_PAGE_SIZE, DOUBLE_RAM_SIZE);
    REQUIRE(ram, "no memory for the fake RAM");
    memset(ram, 0xa5, DOUBLE_RAM_SIZE);   /* garbage: mem_alloc() must zero what it gives */
    double_now = 0;
    double_timer_deadline = UINT64_MAX;
    double_idle_count = 0;
    double_boot_nonce = 0;
    double_tls_rw = double_tls_ro = 0;
    double_active_aspace = NULL;
    double_irq_unmasked = 0;
    double_console_clear();
    poweroff_target = NULL;
    powered_off = false;
}

/* ---- console and power ---- */

void arch_console_putc(char c) {
    REQUIRE(console_len < CONSOLE_CAP, "console capture overflow (a runaway loop?)");
    console[console_len++] = c;
    console[console_len] = '\0';
}

const char *double_console(void) { return console; }

void double_console_clear(void) {
    console_len = 0;
    console[0] = '\0';
}

void double_expect_poweroff(jmp_buf *where) { poweroff_target = where; }
bool double_powered_off(void) { return powered_off; }

void arch_poweroff(void) {
    powered_off = true;
    if (!poweroff_target)
        ck_abort_msg("unexpected power-off; console:\n%s", console);
    longjmp(*poweroff_target, 1);
}

uint32_t arch_boot_nonce(void) { return double_boot_nonce; }

/* ---- physical memory ---- */

static bool in_ram(paddr_t pa, uint32_t len) {
    return pa >= DOUBLE_RAM_BASE && pa - DOUBLE_RAM_BASE <= DOUBLE_RAM_SIZE &&
           len <= DOUBLE_RAM_SIZE - (pa - DOUBLE_RAM_BASE);
}

void *arch_phys_to_virt(paddr_t pa) {
    REQUIRE(in_ram(pa, 1), "arch_phys_to_virt(0x%08x): not RAM", pa);
    return ram + (pa - DOUBLE_RAM_BASE);
}

paddr_t arch_virt_to_phys(const void *va) {
    const uint8_t *p = va;
    REQUIRE(p >= ram && p < ram + DOUBLE_RAM_SIZE, "arch_virt_to_phys(%p): not RAM", va);
    return DOUBLE_RAM_BASE + (paddr_t)(p - ram);
}

void arch_free_memory(paddr_t *start, paddr_t *end) {
    *start = DOUBLE_RAM_BASE;
    *end = DOUBLE_RAM_BASE + DOUBLE_RAM_SIZE;
}

/* ---- guest address spaces: l1[va >> 20] -> l2 (in fake RAM) -> pte ---- */

static void check_page(uint32_t va, const char *fn) {
    REQUIRE(va < MV_GUEST_VA_LIMIT && !(va & PAGE_MASK),
            "%s: va 0x%08x is not a guest page", fn, va);
}

static uint32_t *pte_slot(const struct arch_aspace *as, uint32_t va) {
    uint32_t l1e = as->l1[va >> 20];
    if (!(l1e & L1_PRESENT))
        return NULL;
    uint32_t *l2 = arch_phys_to_virt(l1e & ~PAGE_MASK);
    return &l2[(va >> 12) % L2_ENTRIES];
}

int arch_aspace_init(struct arch_aspace *as, uint32_t asid) {
    paddr_t pa = mem_alloc(L1_ENTRIES * 4u, MV_PAGE_SIZE);
    if (!pa)
        return MV_ENOMEM;
    *as = (struct arch_aspace){.l1 = arch_phys_to_virt(pa), .l1_pa = pa, .asid = asid};
    return 0;
}

int arch_aspace_map(struct arch_aspace *as, uint32_t va, paddr_t pa, uint32_t flags) {
    check_page(va, "arch_aspace_map");
    REQUIRE(!(pa & PAGE_MASK) && in_ram(pa, MV_PAGE_SIZE),
            "arch_aspace_map: pa 0x%08x is not a RAM page", pa);
    REQUIRE(flags && !(flags & ~ALL_FLAGS), "arch_aspace_map: bad flags 0x%x", flags);
    uint32_t *slot = pte_slot(as, va);
    if (!slot) {
        if (as->l2_tables == MV_MAX_L2_TABLES)
            return MV_ENOMEM;   /* the real port's per-VM bound */
        paddr_t l2 = mem_alloc(L2_ENTRIES * 4u, MV_PAGE_SIZE);
        if (!l2)
            return MV_ENOMEM;
        as->l2_tables++;
        as->l1[va >> 20] = l2 | L1_PRESENT;
        slot = pte_slot(as, va);
    }
    *slot = pa | PTE_VALID | flags;
    return 0;
}

/* page-aligned tables here: each takes a whole page of the fake RAM */
uint32_t arch_aspace_reserve_bytes(void) { return MV_MAX_L2_TABLES * MV_PAGE_SIZE; }

void arch_aspace_unmap(struct arch_aspace *as, uint32_t va) {
    check_page(va, "arch_aspace_unmap");
    uint32_t *slot = pte_slot(as, va);
    if (slot)
        *slot = 0;
}

int arch_aspace_lookup(const struct arch_aspace *as, uint32_t va, paddr_t *pa, uint32_t *flags) {
    if (va >= MV_GUEST_VA_LIMIT)
        return MV_EFAULT;
    const uint32_t *slot = pte_slot(as, va & ~PAGE_MASK);
    if (!slot || !(*slot & PTE_VALID))
        return MV_EFAULT;
    *pa = (*slot & ~PAGE_MASK) | (va & PAGE_MASK);
    *flags = *slot & ALL_FLAGS;
    return 0;
}

void arch_aspace_activate(const struct arch_aspace *as) { double_active_aspace = as; }

/* ---- IRQ routes ---- */

uint64_t double_irq_unmasked;

bool arch_irq_routable(uint32_t irq) { return irq == DOUBLE_ROUTABLE_IRQ; }

void arch_aspace_grant_irq(struct arch_aspace *as, uint32_t irq) {
    REQUIRE(arch_irq_routable(irq), "arch_aspace_grant_irq: interrupt %u is not routable", irq);
    as->devices |= 1u;
}

void arch_irq_unmask(uint32_t irq) {
    REQUIRE(irq < 64, "arch_irq_unmask: no interrupt %u", irq);
    double_irq_unmasked |= 1ull << irq;
}

void arch_irq_mask(uint32_t irq) {
    REQUIRE(irq < 64, "arch_irq_mask: no interrupt %u", irq);
    double_irq_unmasked &= ~(1ull << irq);
}

/* ---- user contexts (arch_regs_init and arch_user_context: kernel/arch/armv7/context.c) ---- */

void arch_enter_user(struct mv_regs *r) {
    ck_abort_msg("arch_enter_user(pc 0x%08x) called in a unit test", r->pc);
}

uint32_t arch_tls_user_read(void) { return double_tls_rw; }

void arch_tls_load(uint32_t tpidrurw, uint32_t tpidruro) {
    double_tls_rw = tpidrurw;
    double_tls_ro = tpidruro;
}

/* ---- time and interrupts ---- */

uint64_t arch_time_now(void) { return double_now; }

void arch_timer_set(uint64_t ns) { double_timer_deadline = ns; }

/* A WFI that ends at the timer interrupt: time jumps to the armed deadline. */
void arch_idle(void) {
    REQUIRE(double_timer_deadline != UINT64_MAX, "arch_idle() with no timer armed: "
            "the CPU would sleep forever");
    REQUIRE(double_idle_count < IDLE_LIMIT, "arch_idle() called %u times: the idle loop "
            "makes no progress", IDLE_LIMIT);
    double_idle_count++;
    if (double_timer_deadline > double_now)
        double_now = double_timer_deadline;
}

/* The hardware bring-up has nothing to do here. */
void arch_init(void) {}
