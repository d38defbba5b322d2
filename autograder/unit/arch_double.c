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

struct tlb_entry {
    bool valid;
    uint32_t asid, page, flags;
    paddr_t pa;
};
static struct tlb_entry tlb[DOUBLE_TLB_ENTRIES];
static unsigned tlb_next;
/* console input: what the test typed, not yet read by the core */
static char input[256];
static size_t input_len, input_pos;
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
    double_active_l1 = 0;
    double_active_asid = double_active_devices = 0;
    double_activations = double_tlb_flush_alls = double_tlb_flushes = 0;
    memset(tlb, 0, sizeof tlb);
    tlb_next = 0;
    double_irq_unmasked = 0;
    double_console_clear();
    input_len = input_pos = 0;
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


void double_console_type(const char *bytes, size_t n) {
    REQUIRE(n <= sizeof input, "double_console_type: at most %zu bytes at once", sizeof input);
    memcpy(input, bytes, n);
    input_len = n;
    input_pos = 0;
}

int arch_console_getc(void) {
    return input_pos < input_len ? (unsigned char)input[input_pos++] : -1;
}

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

/* ---- page tables: the double's own descriptor encoding ---- */

static void check_page(uint32_t va, const char *fn) {
    REQUIRE(va < MV_GUEST_VA_LIMIT && !(va & PAGE_MASK),
            "%s: va 0x%08x is not a guest page", fn, va);
}

uint32_t arch_l1_entry(paddr_t l2_pa) {
    REQUIRE(!(l2_pa & (ARCH_L2_SIZE - 1u)) && in_ram(l2_pa, ARCH_L2_SIZE),
            "arch_l1_entry: 0x%08x is not a level-2 table in RAM", l2_pa);
    return l2_pa | L1_PRESENT;
}

paddr_t arch_l1_entry_table(uint32_t l1e) {
    if (!(l1e & L1_PRESENT))
        return 0;
    REQUIRE(l1e == (l1e & ~(ARCH_L2_SIZE - 1u)) + L1_PRESENT, "corrupt level-1 entry 0x%08x", l1e);
    return l1e & ~(ARCH_L2_SIZE - 1u);
}

uint32_t arch_pte(paddr_t pa, uint32_t flags) {
    REQUIRE(!(pa & PAGE_MASK) && in_ram(pa, MV_PAGE_SIZE), "arch_pte: pa 0x%08x is not a RAM page", pa);
    REQUIRE((flags & MV_MAP_READ) && !(flags & ~ALL_FLAGS), "arch_pte: bad flags 0x%x", flags);
    return pa | PTE_VALID | flags;
}

bool arch_pte_decode(uint32_t pte, paddr_t *pa, uint32_t *flags) {
    if (!(pte & PTE_VALID))
        return false;
    *pa = pte & ~PAGE_MASK;
    *flags = pte & ALL_FLAGS;
    return true;
}

void arch_pt_written(void) {}

/* ---- a TLB: the last DOUBLE_TLB_ENTRIES translations, tagged by ASID ---- */

paddr_t double_active_l1;
uint32_t double_active_asid, double_active_devices;
unsigned double_activations, double_tlb_flush_alls, double_tlb_flushes;

static void tlb_drop(bool (*match)(const struct tlb_entry *e, uint32_t asid, uint32_t page),
                     uint32_t asid, uint32_t page) {
    double_tlb_flushes++;
    for (unsigned i = 0; i < DOUBLE_TLB_ENTRIES; i++)
        if (tlb[i].valid && match(&tlb[i], asid, page))
            tlb[i].valid = false;
}
static bool match_page(const struct tlb_entry *e, uint32_t asid, uint32_t page) {
    return e->asid == asid && e->page == page;
}
static bool match_asid(const struct tlb_entry *e, uint32_t asid, uint32_t page) {
    (void)page;
    return e->asid == asid;
}
static bool match_all(const struct tlb_entry *e, uint32_t asid, uint32_t page) {
    (void)e, (void)asid, (void)page;
    return true;
}

void arch_tlb_flush_page(uint32_t asid, uint32_t va) {
    REQUIRE(asid && asid < ARCH_ASIDS, "arch_tlb_flush_page: bad ASID %u", asid);
    check_page(va & ~PAGE_MASK, "arch_tlb_flush_page");
    tlb_drop(match_page, asid, va & ~PAGE_MASK);
}
void arch_tlb_flush_asid(uint32_t asid) {
    REQUIRE(asid && asid < ARCH_ASIDS, "arch_tlb_flush_asid: bad ASID %u", asid);
    tlb_drop(match_asid, asid, 0);
}
void arch_tlb_flush_all(void) {
    tlb_drop(match_all, 0, 0);
    double_tlb_flush_alls++;
}

void arch_space_activate(paddr_t l1_pa, uint32_t asid, uint32_t devices) {
    REQUIRE(!(l1_pa & (ARCH_L1_SIZE - 1u)) && in_ram(l1_pa, ARCH_L1_SIZE),
            "arch_space_activate: 0x%08x is not a level-1 table", l1_pa);
    REQUIRE(asid && asid < ARCH_ASIDS, "arch_space_activate: bad ASID %u (0 is reserved)", asid);
    double_active_l1 = l1_pa;
    double_active_asid = asid;
    double_active_devices = devices;
    double_activations++;
}

/* What the CPU would see: the TLB first, then a walk of the active tables (which fills it). */
int double_access(uint32_t va, paddr_t *pa, uint32_t *flags) {
    REQUIRE(double_active_l1, "double_access: no address space is active");
    uint32_t page = va & ~PAGE_MASK;
    for (unsigned i = 0; i < DOUBLE_TLB_ENTRIES; i++)
        if (tlb[i].valid && match_page(&tlb[i], double_active_asid, page)) {
            *pa = tlb[i].pa | (va & PAGE_MASK);
            *flags = tlb[i].flags;
            return 0;
        }
    if (va >= MV_GUEST_VA_LIMIT)
        return MV_EFAULT;
    const uint32_t *l1 = arch_phys_to_virt(double_active_l1);
    paddr_t l2 = arch_l1_entry_table(l1[va >> ARCH_SECTION_SHIFT]);
    if (!l2)
        return MV_EFAULT;
    uint32_t pte = ((const uint32_t *)arch_phys_to_virt(l2))[(va >> 12) % ARCH_L2_ENTRIES];
    paddr_t base;
    if (!arch_pte_decode(pte, &base, flags))
        return MV_EFAULT;
    tlb[tlb_next] = (struct tlb_entry){true, double_active_asid, page, *flags, base};
    tlb_next = (tlb_next + 1) % DOUBLE_TLB_ENTRIES;
    *pa = base | (va & PAGE_MASK);
    return 0;
}

/* ---- IRQ routes ---- */

uint64_t double_irq_unmasked;

bool arch_irq_routable(uint32_t irq) { return irq == DOUBLE_ROUTABLE_IRQ; }

uint32_t arch_irq_device(uint32_t irq) {
    REQUIRE(arch_irq_routable(irq), "arch_irq_device: interrupt %u is not routable", irq);
    return 1u;
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

/* ---- the floating-point unit: one register file that a switch saves and loads ---- */

static struct arch_fpu fpu_regs;
static bool fpu_on = true;

void arch_fpu_init(void) { fpu_on = true; }
void arch_fpu_save(struct arch_fpu *f) {
    REQUIRE(fpu_on, "arch_fpu_save with the unit disabled (it would trap)");
    *f = fpu_regs;
}
void arch_fpu_load(const struct arch_fpu *f) {
    fpu_regs = *f;
    fpu_on = true;
}
void arch_fpu_enable(bool on) { fpu_on = on; }
bool arch_fpu_enabled(void) { return fpu_on; }

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
