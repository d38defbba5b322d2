/* vmmu.c - checked guest mappings and checked copies to and from guest memory. */
#include "core/vmmu.h"
#include "core/lib.h"

#define PAGE_OFFSET(x) ((x) & (MV_PAGE_SIZE - 1u))
#define ALL_MAP_FLAGS (MV_MAP_READ | MV_MAP_WRITE | MV_MAP_EXEC)

struct mem_region region_table[MV_MAX_REGIONS];
uint32_t region_count;

static int check_va(uint32_t va) {
    if (PAGE_OFFSET(va))
        return MV_EINVAL;
    if (va >= VMMU_STATE_WINDOW)
        return MV_ERANGE;
    return 0;
}

/* Guest-physical to physical: the VM's RAM, or a region one of its memory caps places. */
static int gpa_to_pa(const struct vm *vm, uint32_t gpa, uint32_t flags, paddr_t *pa) {
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
}

int vmmu_map(struct vm *vm, uint32_t va, uint32_t gpa, uint32_t flags) {
    int err = check_va(va);
    if (err)
        return err;
    if (PAGE_OFFSET(gpa) || (flags & ~ALL_MAP_FLAGS) || !(flags & MV_MAP_READ))
        return MV_EINVAL;
    paddr_t pa;
    err = gpa_to_pa(vm, gpa, flags, &pa);
    return err ? err : arch_aspace_map(&vm->aspace, va, pa, flags);
}

int vmmu_unmap(struct vm *vm, uint32_t va) {
    int err = check_va(va);
    if (!err)
        arch_aspace_unmap(&vm->aspace, va);
    return err;
}

/* Walk [va, va+len) page by page; call fn on each piece's kernel pointer. */
static int guest_walk(const struct vm *vm, uint32_t va, uint32_t len, uint32_t need,
                      void (*fn)(void *kva, uint32_t n, void *ctx), void *ctx) {
    if (va + len < va)
        return MV_EFAULT;   /* wraps around */
    while (len) {
        paddr_t pa;
        uint32_t flags;
        if (arch_aspace_lookup(&vm->aspace, va, &pa, &flags) || (flags & need) != need)
            return MV_EFAULT;
        uint32_t n = MV_PAGE_SIZE - PAGE_OFFSET(va);
        if (n > len)
            n = len;
        fn(arch_phys_to_virt(pa), n, ctx);
        va += n;
        len -= n;
    }
    return 0;
}

static void check_only(void *kva, uint32_t n, void *ctx) { (void)kva, (void)n, (void)ctx; }
static void copy_out(void *kva, uint32_t n, void *ctx) {
    char **dst = ctx;
    memcpy(*dst, kva, n);
    *dst += n;
}
static void copy_in(void *kva, uint32_t n, void *ctx) {
    const char **src = ctx;
    memcpy(kva, *src, n);
    *src += n;
}

int vmmu_check(const struct vm *vm, uint32_t va, uint32_t len, uint32_t need) {
    return guest_walk(vm, va, len, need, check_only, NULL);
}

int vmmu_copy_from_guest(const struct vm *vm, void *dst, uint32_t src, uint32_t len) {
    char *p = dst;
    return guest_walk(vm, src, len, MV_MAP_READ, copy_out, &p);
}

/* Copy page piece by page piece: each step ends at a page boundary of either side. */
void vmmu_copy_between(const struct vm *dst_vm, uint32_t dst, const struct vm *src_vm,
                       uint32_t src, uint32_t len) {
    while (len) {
        paddr_t spa, dpa;
        uint32_t flags, n = len;
        arch_aspace_lookup(&src_vm->aspace, src, &spa, &flags);   /* both checked by the caller */
        arch_aspace_lookup(&dst_vm->aspace, dst, &dpa, &flags);
        if (n > MV_PAGE_SIZE - PAGE_OFFSET(src))
            n = MV_PAGE_SIZE - PAGE_OFFSET(src);
        if (n > MV_PAGE_SIZE - PAGE_OFFSET(dst))
            n = MV_PAGE_SIZE - PAGE_OFFSET(dst);
        memmove(arch_phys_to_virt(dpa), arch_phys_to_virt(spa), n);   /* may be one region */
        src += n, dst += n, len -= n;
    }
}

int vmmu_copy_to_guest(const struct vm *vm, uint32_t dst, const void *src, uint32_t len) {
    /* check the whole range first, so a fault never leaves a partial write behind */
    int err = vmmu_check(vm, dst, len, MV_MAP_WRITE);
    const char *p = src;
    return err ? err : guest_walk(vm, dst, len, MV_MAP_WRITE, copy_in, &p);
}
