/*
 * vmmu_access.c - checked access to guest memory. The microvisor never dereferences a
 * guest pointer: it translates every page through the address space the pointer belongs
 * to, and requires the access right the guest itself would need there.
 */
#include "core/vmmu.h"
#include "core/lib.h"
#include "core/pagetable.h"

#define PAGE_OFFSET(x) ((x) & (MV_PAGE_SIZE - 1u))

/* Walk [va, va+len) page by page; call fn on each piece's kernel pointer. On a fault,
 * *bad (if not NULL) is the first address that failed. (A range that would wrap around
 * passes the microvisor's half first, where every lookup fails.) */
static int guest_walk(const struct vmmu_space *s, uint32_t va, uint32_t len, uint32_t need,
                      void (*fn)(void *kva, uint32_t n, void *ctx), void *ctx, uint32_t *bad) {
    while (len) {
        paddr_t pa;
        uint32_t flags;
        if (pt_lookup(s, va, &pa, &flags) || (flags & need) != need) {
            if (bad)
                *bad = va;
            return MV_EFAULT;
        }
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

int vmmu_check(const struct vmmu_space *s, uint32_t va, uint32_t len, uint32_t need, uint32_t *bad) {
    return guest_walk(s, va, len, need, check_only, NULL, bad);
}

int vmmu_copy_from_guest(const struct vmmu_space *s, void *dst, uint32_t src, uint32_t len) {
    char *p = dst;
    return guest_walk(s, src, len, MV_MAP_READ, copy_out, &p, NULL);
}

int vmmu_copy_to_guest(const struct vmmu_space *s, uint32_t dst, const void *src, uint32_t len) {
    /* check the whole range first, so a fault never leaves a partial write behind */
    int err = vmmu_check(s, dst, len, MV_MAP_WRITE, NULL);
    const char *p = src;
    return err ? err : guest_walk(s, dst, len, MV_MAP_WRITE, copy_in, &p, NULL);
}

volatile void *vmmu_kernel_ptr(const struct vmmu_space *s, uint32_t va, uint32_t len, uint32_t need) {
    paddr_t pa;
    uint32_t flags;
    if (len == 0 || PAGE_OFFSET(va) + len > MV_PAGE_SIZE || pt_lookup(s, va, &pa, &flags) ||
        (flags & need) != need)
        return NULL;
    return arch_phys_to_virt(pa);
}

/* Copy page piece by page piece: each step ends at a page boundary of either side. */
void vmmu_copy_between(const struct vmmu_space *to, uint32_t dst, const struct vmmu_space *from,
                       uint32_t src, uint32_t len) {
    while (len) {
        paddr_t spa, dpa;
        uint32_t flags, n = len;
        pt_lookup(from, src, &spa, &flags);   /* both checked by the caller */
        pt_lookup(to, dst, &dpa, &flags);
        if (n > MV_PAGE_SIZE - PAGE_OFFSET(src))
            n = MV_PAGE_SIZE - PAGE_OFFSET(src);
        if (n > MV_PAGE_SIZE - PAGE_OFFSET(dst))
            n = MV_PAGE_SIZE - PAGE_OFFSET(dst);
        memmove(arch_phys_to_virt(dpa), arch_phys_to_virt(spa), n);   /* may be one region */
        src += n, dst += n, len -= n;
    }
}
