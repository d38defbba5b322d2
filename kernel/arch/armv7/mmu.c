/*
 * mmu.c - guest address spaces in the ARMv7 short-descriptor format.
 *
 * Each VM gets a level-1 table covering the TTBR0 half (0..2 GiB, 2048 entries of
 * 1 MiB) whose entries point to level-2 tables (256 small 4 KiB pages each). Guest
 * pages are always user-accessible, non-global (tagged with the VM's ASID) and
 * normal write-back memory. The kernel half (TTBR1) is global and never changes.
 */
#include "arch.h"
#include "cp15.h"
#include "core/config.h"
#include "core/mem.h"
#include "armv7.h"

#define L1_ENTRIES     2048u           /* TTBCR.N = 1 */
#define L1_SIZE        (L1_ENTRIES * 4u)
#define L2_ENTRIES     256u
#define L2_SIZE        (L2_ENTRIES * 4u)
#define L1_TYPE_MASK   3u
#define L1_TYPE_TABLE  1u
#define L2_SMALL       (1u << 1)
#define L2_XN          (1u << 0)
#define L2_NORMAL_WB   ((1u << 6) | (1u << 3) | (1u << 2))   /* TEX=001 C B */
#define L2_AP_USER_RW  (3u << 4)
#define L2_AP_RO       (1u << 9)                             /* with AP[1:0]=11: RO at PL0 and PL1 */
#define L2_SHARED      (1u << 10)
#define L2_NG          (1u << 11)
#define PAGE_MASK      (MV_PAGE_SIZE - 1u)

static paddr_t reserved_l1_pa;   /* an empty table: TTBR0 while no guest runs */

static uint32_t *l2_table(const struct arch_aspace *as, uint32_t va) {
    uint32_t l1e = as->l1[va >> 20];
    if ((l1e & L1_TYPE_MASK) != L1_TYPE_TABLE)
        return NULL;
    return arch_phys_to_virt(l1e & ~(L2_SIZE - 1u));
}

static void tlb_flush_page(const struct arch_aspace *as, uint32_t va) {
    dsb();
    tlbimva_write((va & ~PAGE_MASK) | as->asid);
    dsb();
    isb();
}

int arch_aspace_init(struct arch_aspace *as, uint32_t asid) {
    paddr_t pa = mem_alloc(L1_SIZE, L1_SIZE);
    if (!pa)
        return MV_ENOMEM;
    as->l1_pa = pa;
    as->l1 = arch_phys_to_virt(pa);
    as->asid = asid;
    tlbiasid_write(asid);   /* nothing stale may survive from an earlier owner of the ASID */
    dsb();
    return 0;
}

int arch_aspace_map(struct arch_aspace *as, uint32_t va, paddr_t pa, uint32_t flags) {
    uint32_t *l2 = l2_table(as, va);
    if (!l2) {
        if (as->l2_tables == MV_MAX_L2_TABLES)
            return MV_ENOMEM;   /* one VM must not use up the memory all VMs share */
        paddr_t l2_pa = mem_alloc(L2_SIZE, L2_SIZE);
        if (!l2_pa)
            return MV_ENOMEM;   /* cannot happen after boot: system_load() kept the reserve */
        as->l2_tables++;
        as->l1[va >> 20] = l2_pa | L1_TYPE_TABLE;
        l2 = arch_phys_to_virt(l2_pa);
    }
    uint32_t pte = (pa & ~PAGE_MASK) | L2_SMALL | L2_NORMAL_WB | L2_AP_USER_RW | L2_SHARED | L2_NG;
    if (!(flags & MV_MAP_WRITE))
        pte |= L2_AP_RO;
    if (!(flags & MV_MAP_EXEC))
        pte |= L2_XN;
    uint32_t *slot = &l2[(va >> 12) & (L2_ENTRIES - 1u)];
    uint32_t old = *slot;
    *slot = pte;
    if (old)
        tlb_flush_page(as, va);
    else
        dsb();
    return 0;
}

uint32_t arch_aspace_reserve_bytes(void) { return MV_MAX_L2_TABLES * L2_SIZE; }

void arch_aspace_unmap(struct arch_aspace *as, uint32_t va) {
    uint32_t *l2 = l2_table(as, va);
    if (!l2)
        return;
    l2[(va >> 12) & (L2_ENTRIES - 1u)] = 0;
    tlb_flush_page(as, va);
}

int arch_aspace_lookup(const struct arch_aspace *as, uint32_t va, paddr_t *pa, uint32_t *flags) {
    if (va >= MV_GUEST_VA_LIMIT)
        return MV_EFAULT;
    const uint32_t *l2 = l2_table(as, va);
    uint32_t pte = l2 ? l2[(va >> 12) & (L2_ENTRIES - 1u)] : 0;
    if (!(pte & L2_SMALL))
        return MV_EFAULT;
    *pa = (pte & ~PAGE_MASK) | (va & PAGE_MASK);
    *flags = MV_MAP_READ | ((pte & L2_AP_RO) ? 0 : MV_MAP_WRITE) | ((pte & L2_XN) ? 0 : MV_MAP_EXEC);
    return 0;
}

/* The ARM-recommended ASID switch: go through the reserved ASID 0, which tags no
 * entries, so no walk can ever pair the new ASID with the old table. */
void arch_aspace_activate(const struct arch_aspace *as) {
    static uint32_t cntkctl;   /* what the register holds: most switches leave it as it is */
    if (as->devices != cntkctl)   /* the timer is usable only by the VM that owns it */
        cntkctl_write(cntkctl = as->devices);
    contextidr_write(0);
    isb();
    ttbr0_write(as->l1_pa);
    isb();
    contextidr_write(as->asid);
    isb();
}

void mmu_init(void) {
    reserved_l1_pa = mem_alloc(L1_SIZE, L1_SIZE);
    ttbr0_write(reserved_l1_pa);   /* drop the boot identity map from the guest half */
    isb();
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" ::"r"(0) : "memory");   /* TLBIALL */
    dsb();
    isb();
}
