/*
 * vmmu.c - the vMMU's hypercalls: MMU contexts, and checked insertion and removal of
 * mappings (see vmmu.h). Each function validates every guest value before it touches a
 * table; the tables themselves are pagetable.c's, the ASIDs asid.c's.
 */
#include "core/vmmu.h"
#include "core/asid.h"
#include "core/lab.h"
#include "core/pagetable.h"
#include "core/sched.h"

#define PAGE_OFFSET(x) ((x) & (MV_PAGE_SIZE - 1u))
#define ALL_MAP_FLAGS (MV_MAP_READ | MV_MAP_WRITE | MV_MAP_EXEC)

struct mem_region region_table[MV_MAX_REGIONS];
uint32_t region_count;

struct vmmu_space *vmmu_space(struct vm *vm, uint32_t ctx) {
    if (ctx > vm->vmmu.ncontexts || !vm->vmmu.spaces[ctx].live)
        return NULL;
    return &vm->vmmu.spaces[ctx];
}

void vmmu_activate(struct vcpu *v) {
    struct sched_cpu *cpu = sched_cpu();
    struct vmmu_space *s = &v->vm->vmmu.spaces[v->mode == VMODE_USER ? v->ctx : MV_CTX_KERNEL];
    bool live = asid_live(s);   /* always, for the guest kernel's fixed ASID */
    if (s == cpu->space && live)
        return;
    if (!live)
        asid_assign(s);
    arch_space_activate(s->l1_pa, s->asid, s->devices);
    cpu->space = s;
}

LAB_HELPER static int check_va(uint32_t va) {
    if (PAGE_OFFSET(va))
        return MV_EINVAL;
    if (va >= VMMU_STATE_WINDOW)
        return MV_ERANGE;
    return 0;
}

/* Guest-physical to physical: the VM's RAM, or a region one of its memory caps places. */
LAB_HELPER static int gpa_to_pa(const struct vm *vm, uint32_t gpa, uint32_t flags, paddr_t *pa) {
    /* LAB 2 BEGIN: RAM at 0, then each memory cap's region at its gpa (no more rights than the cap's); anything else is MV_ERANGE */
    if (gpa < vm->ram_size) {
        *pa = vm->ram_pa + gpa;
        return 0;
    }
    for (uint32_t i = 0; i < MV_MAX_CAPS; i++) {
        const struct cap *c = &vm->caps[i];
        if (c->type != CAP_MEMORY || gpa - c->gpa >= c->region->size)
            continue;   /* (unsigned: also skips gpa below c->gpa) */
        if (flags & ~CAP_MAP_FLAGS(c->rights))
            return MV_EPERM;
        *pa = c->region->pa + (gpa - c->gpa);
        return 0;
    }
    return MV_ERANGE;
    /* LAB 2 STUB
    (void)vm, (void)gpa, (void)flags, (void)pa;
    LAB_NOT_IMPLEMENTED(2, "gpa_to_pa");
    return MV_ERANGE;
    LAB 2 END */
}

int vmmu_map(struct vm *vm, uint32_t ctx, uint32_t va, uint32_t gpa, uint32_t flags) {
    /* LAB 2 BEGIN: check in this order: the context, va (alignment, then range), gpa alignment and flags, then translate gpa and pt_map() */
    if (!vmmu_space(vm, ctx))
        return MV_EINVAL;
    int err = check_va(va);
    if (err)
        return err;
    if (PAGE_OFFSET(gpa) || (flags & ~ALL_MAP_FLAGS) || !(flags & MV_MAP_READ))
        return MV_EINVAL;
    paddr_t pa;
    err = gpa_to_pa(vm, gpa, flags, &pa);
    return err ? err : pt_map(vm, ctx, va, pa, flags);
    /* LAB 2 STUB
    (void)vm, (void)ctx, (void)va, (void)gpa, (void)flags;
    LAB_NOT_IMPLEMENTED(2, "vmmu_map");
    return MV_ENOSYS;
    LAB 2 END */
}

int vmmu_unmap(struct vm *vm, uint32_t ctx, uint32_t va) {
    /* LAB 2 BEGIN: check the context and va; clear the entry, then flush its TLB entry */
    const struct vmmu_space *s = vmmu_space(vm, ctx);
    if (!s)
        return MV_EINVAL;
    int err = check_va(va);
    if (err)
        return err;
    uint32_t *e = pt_entry(s, va);
    if (e && *e) {
        *e = 0;
        arch_pt_written();
        pt_tlb_flush_page(s, va);
    }
    return 0;
    /* LAB 2 STUB
    (void)vm, (void)ctx, (void)va;
    LAB_NOT_IMPLEMENTED(2, "vmmu_unmap");
    return MV_ENOSYS;
    LAB 2 END */
}

/* Every level-2 table of context ctx goes back to the quota; none of its translations may
 * stay in the TLB. */
LAB_HELPER static void release_tables(struct vm *vm, uint32_t ctx) {
    /* LAB 2 BEGIN: pt_release() each table ctx owns, then flush the context from the TLB */
    struct vmmu *m = &vm->vmmu;
    for (uint32_t t = 0; t < m->ntables; t++)
        if (m->tables[t].owner == ctx)
            pt_release(vm, t);
    pt_tlb_flush_space(&m->spaces[ctx]);
    /* LAB 2 STUB
    (void)vm, (void)ctx;
    LAB_NOT_IMPLEMENTED(2, "release_tables");
    LAB 2 END */
}

int vmmu_flush(struct vm *vm, uint32_t ctx, uint32_t va, uint32_t len) {
    /* LAB 2 BEGIN: len 0: release the whole context; else clear and flush each mapped page of the range */
    const struct vmmu_space *s = vmmu_space(vm, ctx);
    if (!s || (!len && ctx == MV_CTX_KERNEL))
        return MV_EINVAL;
    if (!len) {
        release_tables(vm, ctx);
        return 0;
    }
    if (PAGE_OFFSET(va))
        return MV_EINVAL;
    if (va >= VMMU_STATE_WINDOW || len > VMMU_STATE_WINDOW - va)
        return MV_ERANGE;
    for (uint32_t p = va; p < va + len; p += MV_PAGE_SIZE) {
        uint32_t *e = pt_entry(s, p);
        if (!e) {   /* no table: nothing mapped in the rest of this section */
            p = (p | ((1u << ARCH_SECTION_SHIFT) - 1u)) - (MV_PAGE_SIZE - 1u);
            continue;
        }
        if (*e) {
            *e = 0;
            arch_pt_written();
            pt_tlb_flush_page(s, p);
        }
    }
    return 0;
    /* LAB 2 STUB
    (void)vm, (void)ctx, (void)va, (void)len;
    LAB_NOT_IMPLEMENTED(2, "vmmu_flush");
    return MV_ENOSYS;
    LAB 2 END */
}

int vmmu_ctx_create(struct vm *vm) {
    /* LAB 2 BEGIN: the lowest free context index within the quota; it must not inherit an ASID */
    for (uint32_t c = 1; c <= vm->vmmu.ncontexts; c++) {
        struct vmmu_space *s = &vm->vmmu.spaces[c];
        if (!s->live) {
            s->live = true;
            s->asid_gen = 0;   /* a fresh ASID when first activated */
            return (int)c;
        }
    }
    return MV_ENOMEM;
    /* LAB 2 STUB
    (void)vm;
    LAB_NOT_IMPLEMENTED(2, "vmmu_ctx_create");
    return MV_ENOMEM;
    LAB 2 END */
}

int vmmu_ctx_destroy(struct vm *vm, uint32_t ctx) {
    /* LAB 2 BEGIN: refuse context 0, unknown contexts and the context of any vCPU not stopped; release its tables */
    struct vmmu_space *s = vmmu_space(vm, ctx);
    if (!s || ctx == MV_CTX_KERNEL)
        return MV_EINVAL;
    for (uint32_t i = 0; i < vm->nvcpus; i++)
        if (vm->vcpus[i].ctx == ctx && vm->vcpus[i].state != VCPU_STOPPED)
            return MV_EBUSY;
    release_tables(vm, ctx);
    s->live = false;
    s->asid_gen = 0;   /* its ASID's TLB entries are never looked up again */
    return 0;
    /* LAB 2 STUB
    (void)vm, (void)ctx;
    LAB_NOT_IMPLEMENTED(2, "vmmu_ctx_destroy");
    return MV_ENOSYS;
    LAB 2 END */
}

int vmmu_ctx_switch(struct vcpu *v, uint32_t ctx) {
    /* LAB 2 BEGIN: any existing context (MV_CTX_KERNEL: none) becomes v's user context */
    if (!vmmu_space(v->vm, ctx))
        return MV_EINVAL;
    v->ctx = ctx;
    return 0;
    /* LAB 2 STUB
    (void)v, (void)ctx;
    LAB_NOT_IMPLEMENTED(2, "vmmu_ctx_switch");
    return MV_ENOSYS;
    LAB 2 END */
}
