/*
 * pagetable.c - the page tables of a VM's address spaces, and the per-VM quota of
 * level-2 tables they share (see pagetable.h). Tables are allocated at boot and recycled
 * through a free list; none is ever returned to the system.
 */
#include "core/pagetable.h"
#include "core/asid.h"
#include "core/lab.h"
#include "core/lib.h"
#include "core/mem.h"

#define PAGE_SHIFT 12u

static uint32_t section_of(uint32_t va) { return va >> ARCH_SECTION_SHIFT; }
static uint32_t index_in_table(uint32_t va) { return (va >> PAGE_SHIFT) & (ARCH_L2_ENTRIES - 1u); }
static uint32_t *table_ptr(const struct vmmu *m, uint32_t t) {
    return arch_phys_to_virt(m->tables_pa + t * ARCH_L2_SIZE);
}

int pt_init(struct vm *vm, uint32_t ncontexts, uint32_t ntables) {
    struct vmmu *m = &vm->vmmu;
    for (uint32_t c = 0; c <= ncontexts; c++) {
        struct vmmu_space *s = &m->spaces[c];
        s->l1_pa = mem_alloc(ARCH_L1_SIZE, ARCH_L1_SIZE);
        if (!s->l1_pa)
            return MV_ENOMEM;
        s->l1 = arch_phys_to_virt(s->l1_pa);
    }
    m->spaces[MV_CTX_KERNEL].live = true;
    m->ncontexts = ncontexts;
    paddr_t info = mem_alloc(ntables * (uint32_t)sizeof *m->tables, 4);
    m->tables_pa = mem_alloc(ntables * ARCH_L2_SIZE, ARCH_L2_SIZE);
    if (!info || !m->tables_pa)
        return MV_ENOMEM;
    m->tables = arch_phys_to_virt(info);
    m->ntables = ntables;
    for (uint32_t t = 0; t < ntables; t++)   /* a free list in table order */
        m->tables[t] = (struct vmmu_table){VMMU_TABLE_FREE, t + 1 < ntables ? t + 1 : VMMU_TABLE_NONE};
    m->free_head = ntables ? 0 : VMMU_TABLE_NONE;
    m->nfree = ntables;
    return 0;
}

uint32_t *pt_entry(const struct vmmu_space *s, uint32_t va) {
    paddr_t l2 = arch_l1_entry_table(s->l1[section_of(va)]);
    return l2 ? (uint32_t *)arch_phys_to_virt(l2) + index_in_table(va) : NULL;
}

int pt_lookup(const struct vmmu_space *s, uint32_t va, paddr_t *pa, uint32_t *flags) {
    if (va >= MV_GUEST_VA_LIMIT)
        return MV_EFAULT;
    const uint32_t *e = pt_entry(s, va);
    if (!e || !arch_pte_decode(*e, pa, flags))
        return MV_EFAULT;
    *pa |= va & (MV_PAGE_SIZE - 1u);
    return 0;
}

/* Take a table from the pool for section `section` of context `ctx`. */
static int table_alloc(struct vm *vm, uint32_t ctx, uint32_t section) {
    struct vmmu *m = &vm->vmmu;
    if (!m->nfree) {
        int err = pt_evict(vm);
        if (err)
            return err;
    }
    uint32_t t = m->free_head;
    m->free_head = m->tables[t].section;
    m->nfree--;
    m->tables[t] = (struct vmmu_table){(uint16_t)ctx, (uint16_t)section};
    m->spaces[ctx].l1[section] = arch_l1_entry(m->tables_pa + t * ARCH_L2_SIZE);
    return 0;
}

int pt_map(struct vm *vm, uint32_t ctx, uint32_t va, paddr_t pa, uint32_t flags) {
    const struct vmmu_space *s = &vm->vmmu.spaces[ctx];
    uint32_t *e = pt_entry(s, va);
    if (!e) {
        int err = table_alloc(vm, ctx, section_of(va));
        if (err)
            return err;
        e = pt_entry(s, va);
    }
    uint32_t old = *e;
    *e = arch_pte(pa, flags);
    arch_pt_written();
    if (old)
        pt_tlb_flush_page(s, va);   /* the old translation may be cached */
    return 0;
}

void pt_release(struct vm *vm, uint32_t t) {
    struct vmmu *m = &vm->vmmu;
    struct vmmu_table *info = &m->tables[t];
    m->spaces[info->owner].l1[info->section] = 0;
    memset(table_ptr(m, t), 0, ARCH_L2_SIZE);
    arch_pt_written();
    *info = (struct vmmu_table){VMMU_TABLE_FREE, (uint16_t)m->free_head};
    m->free_head = t;
    m->nfree++;
}

void pt_tlb_flush_page(const struct vmmu_space *s, uint32_t va) {
    if (asid_live(s))
        arch_tlb_flush_page(s->asid, va);
}

void pt_tlb_flush_space(const struct vmmu_space *s) {
    if (asid_live(s))
        arch_tlb_flush_asid(s->asid);
}

int pt_evict(struct vm *vm) {
    /* LAB 2 BEGIN: round robin from evict_hand: release the next table of a process context (not the guest kernel's) and flush its TLB entries */
    struct vmmu *m = &vm->vmmu;
    for (uint32_t n = 0; n < m->ntables; n++) {
        uint32_t t = m->evict_hand;
        m->evict_hand = t + 1 < m->ntables ? t + 1 : 0;
        uint32_t owner = m->tables[t].owner;
        if (owner == VMMU_TABLE_FREE || owner == MV_CTX_KERNEL)
            continue;
        pt_release(vm, t);
        pt_tlb_flush_space(&m->spaces[owner]);
        m->evictions++;
        return 0;
    }
    return MV_ENOMEM;
    /* LAB 2 STUB
    (void)vm;
    LAB_NOT_IMPLEMENTED(2, "pt_evict");
    return MV_ENOMEM;
    LAB 2 END */
}
