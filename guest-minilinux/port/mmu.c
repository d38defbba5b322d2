/*
 * mmu.c - minilinux's port: address spaces (MMU contexts), the page-fault path into the
 * vMMU, and copies between the kernel and a process.
 *
 * The generic kernel keeps each process's page table; the microvisor's vMMU is only a
 * cache of it, filled on faults (port_fault_in()) and free to forget entries (eviction),
 * which then fault again. A copy that meets such a page maps it and tries again, so a
 * system call sees the same memory the process does.
 */
#include "port/port_internal.h"

int port_as_create(void) {
    int32_t ctx = mv_ctx_create();
    return ctx < 0 ? -LX_ENOMEM : (int)ctx;
}

void port_unmap(int as, uint32_t va) {
    int32_t rc = mv_ctx_unmap((uint32_t)as, va & ~(MV_PAGE_SIZE - 1u));
    if (rc)
        port_panic("mv_ctx_unmap", rc);
}

void port_unmap_range(int as, uint32_t start, uint32_t end) {
    int32_t rc = mv_vmmu_flush((uint32_t)as, start, end - start);
    if (rc)
        port_panic("mv_vmmu_flush", rc);
}

int port_fault_in(struct port_thread *t, uint32_t addr, uint32_t access) {
    /* LAB 5 BEGIN: ask the kernel (kern_page_fault), insert the page into t's context; ENOMEM stays ENOMEM, other refusals are EFAULT */
    uint32_t pa, rights;
    int rc = kern_page_fault(t, addr, access, &pa, &rights);
    if (rc)
        return rc;
    int32_t mrc = mv_ctx_map((uint32_t)t->as, addr & ~(MV_PAGE_SIZE - 1u), pa, rights);
    if (mrc == MV_ENOMEM)
        return -LX_ENOMEM;
    return mrc ? -LX_EFAULT : 0;
    /* LAB 5 STUB
    (void)t, (void)addr, (void)access;
    PORT_NOT_IMPLEMENTED("port_fault_in");
    LAB 5 END */
}

/* One copy call of at most MV_COPY_MAX bytes, mapping the pages it misses: each retry
 * maps one page, so a copy of n pages needs at most n + 1 tries unless the vMMU evicts
 * meanwhile; the bound keeps a pathological case from looping. */
static int copy_chunk(uint32_t nr, struct port_thread *t, uint32_t uva, void *kbuf,
                      uint32_t len, uint32_t access) {
    /* LAB 5 BEGIN: copy; on MV_EFAULT map the page it names (port_fault_in) and try again, a bounded number of times */
    uint32_t tries = len / MV_PAGE_SIZE + 8u;
    for (;;) {
        uint32_t bad = 0;
        int32_t rc = mv_copy_ctx(nr, (uint32_t)t->as, uva, kbuf, len, &bad);
        if (rc == 0)
            return 0;
        if (rc != MV_EFAULT || tries-- == 0 || port_fault_in(t, bad, access) != 0)
            return -LX_EFAULT;
    }
    /* LAB 5 STUB
    (void)nr, (void)t, (void)uva, (void)kbuf, (void)len, (void)access;
    return -LX_EFAULT;
    LAB 5 END */
}

static int copy_user(uint32_t nr, struct port_thread *t, uint32_t uva, void *kbuf,
                     uint32_t len, uint32_t access) {
    /* LAB 5 BEGIN: refuse what is not user memory, then copy in chunks of at most MV_COPY_MAX */
    if (uva >= MV_GUEST_VA_LIMIT || len > MV_GUEST_VA_LIMIT - uva)
        return -LX_EFAULT;
    while (len) {
        uint32_t n = len < MV_COPY_MAX ? len : MV_COPY_MAX;
        int rc = copy_chunk(nr, t, uva, kbuf, n, access);
        if (rc)
            return rc;
        uva += n;
        kbuf = (char *)kbuf + n;
        len -= n;
    }
    return 0;
    /* LAB 5 STUB
    (void)nr, (void)t, (void)uva, (void)kbuf, (void)len, (void)access, (void)copy_chunk;
    PORT_NOT_IMPLEMENTED("copy_user");
    LAB 5 END */
}

int port_copy_from_user(struct port_thread *t, void *dst, uint32_t uva, uint32_t len) {
    return copy_user(MV_HC_COPY_FROM_CTX, t, uva, dst, len, PORT_READ);
}

int port_copy_to_user(struct port_thread *t, uint32_t uva, const void *src, uint32_t len) {
    return copy_user(MV_HC_COPY_TO_CTX, t, uva, (void *)src, len, PORT_WRITE);
}
