/*
 * mmu.c - the ARMv7 short-descriptor format and TLB maintenance behind the vMMU.
 *
 * The portable core (kernel/core/pagetable.c) owns the tables and walks them; this
 * file only knows what a descriptor looks like and which CP15 operations keep the TLB
 * coherent with the tables. Guest pages are always user-accessible, non-global (tagged
 * with their space's ASID) and normal write-back memory. The kernel half (TTBR1) is
 * global and never changes.
 */
#include "arch.h"
#include "cp15.h"
#include "core/mem.h"
#include "armv7.h"

#define L1_TYPE_MASK   3u
#define L1_TYPE_TABLE  1u              /* domain 0, the only one used */
#define L2_SMALL       (1u << 1)
#define L2_XN          (1u << 0)
#define L2_NORMAL_WB   ((1u << 6) | (1u << 3) | (1u << 2))   /* TEX=001 C B */
#define L2_AP_USER_RW  (3u << 4)
#define L2_AP_RO       (1u << 9)                             /* with AP[1:0]=11: RO at PL0 and PL1 */
#define L2_SHARED      (1u << 10)
#define L2_NG          (1u << 11)
#define PAGE_MASK      (MV_PAGE_SIZE - 1u)

uint32_t arch_l1_entry(paddr_t l2_pa) { return l2_pa | L1_TYPE_TABLE; }

paddr_t arch_l1_entry_table(uint32_t l1e) {
    return (l1e & L1_TYPE_MASK) == L1_TYPE_TABLE ? l1e & ~(ARCH_L2_SIZE - 1u) : 0;
}

uint32_t arch_pte(paddr_t pa, uint32_t flags) {
    uint32_t pte = (pa & ~PAGE_MASK) | L2_SMALL | L2_NORMAL_WB | L2_AP_USER_RW | L2_SHARED | L2_NG;
    if (!(flags & MV_MAP_WRITE))
        pte |= L2_AP_RO;
    if (!(flags & MV_MAP_EXEC))
        pte |= L2_XN;
    return pte;
}

bool arch_pte_decode(uint32_t pte, paddr_t *pa, uint32_t *flags) {
    if (!(pte & L2_SMALL))
        return false;
    *pa = pte & ~PAGE_MASK;
    *flags = MV_MAP_READ | ((pte & L2_AP_RO) ? 0 : MV_MAP_WRITE) | ((pte & L2_XN) ? 0 : MV_MAP_EXEC);
    return true;
}

void arch_pt_written(void) { dsb(); }

void arch_tlb_flush_page(uint32_t asid, uint32_t va) {
    dsb();   /* the table write is complete before the walker could refill */
    tlbimva_write((va & ~PAGE_MASK) | asid);
    dsb();
    isb();
}

void arch_tlb_flush_asid(uint32_t asid) {
    dsb();
    tlbiasid_write(asid);
    dsb();
    isb();
}

void arch_tlb_flush_all(void) {
    dsb();
    tlbiall_write(0);
    dsb();
    isb();
}

/* The ARM-recommended ASID switch: go through the reserved ASID 0, which tags no
 * entries, so no walk can ever pair the new ASID with the old table. */
void arch_space_activate(paddr_t l1_pa, uint32_t asid, uint32_t devices) {
    static uint32_t cntkctl;   /* what the register holds: most switches leave it as it is */
    if (devices != cntkctl)    /* the timer is usable only by the VM that owns it */
        cntkctl_write(cntkctl = devices);
    contextidr_write(0);
    isb();
    ttbr0_write(l1_pa);
    isb();
    contextidr_write(asid);
    isb();
}

void mmu_init(void) {
    paddr_t empty = mem_alloc(ARCH_L1_SIZE, ARCH_L1_SIZE);   /* TTBR0 while no guest runs */
    ttbr0_write(empty);   /* drop the boot identity map from the guest half */
    isb();
    arch_tlb_flush_all();
}
