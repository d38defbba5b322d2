/*
 * mm.c - a process's memory: areas, a two-level page table of its own, demand paging
 * and brk. The vMMU gets a page only when the process touches it (kern_page_fault()), and
 * may drop it again: the page table here is what stays true.
 */
#include "kernel/mm.h"
#include "kernel/page.h"

#define PTE_PRESENT 1u
/* brk grants only what free pages can back, less a reserve for what touching it costs
 * the kernel besides (the page table's own pages) and for the kernel's other needs
 * (pipes, files): a heap that brk granted can then be touched in full. */
#define MM_RESERVE_PAGES 16u
#define L2_ENTRIES (LX_PAGE_SIZE / sizeof(uint32_t))

void mm_init(struct mm *mm) {
    memset(mm, 0, sizeof *mm);
    mm->heap = -1;
}

struct vma *mm_find_vma(struct mm *mm, uint32_t addr) {
    for (uint32_t i = 0; i < MM_MAX_VMAS; i++)
        if (addr >= mm->vmas[i].start && addr < mm->vmas[i].end)
            return &mm->vmas[i];
    return NULL;
}

int mm_add_vma(struct mm *mm, uint32_t start, uint32_t end, uint32_t rights) {
    if (start < LX_PAGE_SIZE || end > MM_STACK_TOP || start > end)
        return -LX_EINVAL;
    int slot = -1;
    for (uint32_t i = 0; i < MM_MAX_VMAS; i++) {
        struct vma *v = &mm->vmas[i];
        if (v->start == v->end && (int)i != mm->heap) {
            if (slot < 0)
                slot = (int)i;
        } else if (start < v->end && v->start < end) {
            return -LX_EINVAL;
        }
    }
    if (slot < 0)
        return -LX_ENOMEM;
    mm->vmas[slot] = (struct vma){start, end, rights | PORT_READ};
    return slot;
}

/* The entry for @p va, creating its level-2 table if @p alloc (NULL: none). */
static uint32_t *pte(struct mm *mm, uint32_t va, int alloc) {
    uint32_t i = va >> MM_L1_SHIFT;
    if (i >= MM_L1_ENTRIES)
        return NULL;
    if (!mm->l2[i] && (!alloc || !(mm->l2[i] = page_alloc())))
        return NULL;
    return &mm->l2[i][(va >> 12) & (L2_ENTRIES - 1u)];
}

void *mm_page(struct mm *mm, uint32_t va, int alloc) {
    uint32_t *e = pte(mm, va, alloc);
    if (!e)
        return NULL;
    if (!(*e & PTE_PRESENT)) {
        void *p = alloc ? page_alloc() : NULL;
        if (!p)
            return NULL;
        *e = (uint32_t)(uintptr_t)p | PTE_PRESENT;
        mm->pages++;
    }
    return (void *)(uintptr_t)(*e & ~(LX_PAGE_SIZE - 1u));
}

int mm_heap_init(struct mm *mm, uint32_t start) {
    int i = mm_add_vma(mm, start, start, PORT_READ | PORT_WRITE);
    if (i < 0)
        return i;
    mm->heap = i;
    mm->brk_start = mm->brk = start;
    return 0;
}

int mm_fault(struct mm *mm, uint32_t addr, uint32_t access, uint32_t *pa, uint32_t *rights) {
    struct vma *v = mm_find_vma(mm, addr);
    if (!v || (access & ~v->rights))
        return -LX_EFAULT;
    void *page = mm_page(mm, addr, 1);
    if (!page)
        return -LX_ENOMEM;
    *pa = port_virt_to_phys(page);
    *rights = v->rights;
    return 0;
}

void mm_free_range(struct mm *mm, uint32_t start, uint32_t end, int as) {
    for (uint32_t va = start; va < end; va += LX_PAGE_SIZE) {
        uint32_t *e = pte(mm, va, 0);
        if (!e || !(*e & PTE_PRESENT))
            continue;
        page_free((void *)(uintptr_t)(*e & ~(LX_PAGE_SIZE - 1u)));
        *e = 0;
        mm->pages--;
        port_unmap(as, va);
    }
}

/* Can free pages back a heap of [@p start, @p end), the pages it has aside? (Each process
 * is kept from promising itself more than there is; several together still can, and the
 * one that then touches a page no one has is killed, as Linux's OOM killer would.) */
static int heap_fits(struct mm *mm, uint32_t start, uint32_t end) {
    uint32_t missing = 0;
    for (uint32_t va = start; va < end; va += LX_PAGE_SIZE) {
        uint32_t *e = pte(mm, va, 0);
        missing += !e || !(*e & PTE_PRESENT);
    }
    return missing + MM_RESERVE_PAGES <= page_free_count();
}

uint32_t mm_brk(struct mm *mm, uint32_t addr, int as) {
    if (mm->heap < 0 || addr < mm->brk_start || addr > MM_USER_LIMIT)
        return mm->brk;
    struct vma *heap = &mm->vmas[mm->heap];
    uint32_t new_end = PAGE_UP(addr);
    for (uint32_t i = 0; i < MM_MAX_VMAS; i++)   /* may not grow into another area */
        if (&mm->vmas[i] != heap && mm->vmas[i].start < new_end && heap->end <= mm->vmas[i].start &&
            mm->vmas[i].start != mm->vmas[i].end)
            return mm->brk;
    if (new_end > heap->end && !heap_fits(mm, heap->start, new_end))
        return mm->brk;   /* it could never be filled: ENOMEM for the C library */
    if (new_end < heap->end)
        mm_free_range(mm, new_end, heap->end, as);
    heap->end = new_end;
    mm->brk = addr;
    return addr;
}

/* Copy the present pages of one level-2 table of @p src (index @p i) into @p dst. */
static int copy_l2(struct mm *dst, const struct mm *src, uint32_t i) {
    for (uint32_t j = 0; j < L2_ENTRIES; j++) {
        uint32_t e = src->l2[i][j];
        if (!(e & PTE_PRESENT))
            continue;
        void *page = mm_page(dst, (i << MM_L1_SHIFT) | (j << 12), 1);
        if (!page)
            return -LX_ENOMEM;
        memcpy(page, (const void *)(uintptr_t)(e & ~(LX_PAGE_SIZE - 1u)), LX_PAGE_SIZE);
    }
    return 0;
}

/* fork copies eagerly: a child that execs at once wastes the copy, which is what
 * copy-on-write would save (bench minilinux_fork_exit_wait measures it). */
int mm_copy(struct mm *dst, const struct mm *src) {
    memcpy(dst->vmas, src->vmas, sizeof dst->vmas);
    dst->brk_start = src->brk_start;
    dst->brk = src->brk;
    dst->heap = src->heap;
    for (uint32_t i = 0; i < MM_L1_ENTRIES; i++)
        if (src->l2[i] && copy_l2(dst, src, i))
            return -LX_ENOMEM;
    return 0;
}

void mm_free(struct mm *mm) {
    for (uint32_t i = 0; i < MM_L1_ENTRIES; i++) {
        if (!mm->l2[i])
            continue;
        for (uint32_t j = 0; j < L2_ENTRIES; j++)
            if (mm->l2[i][j] & PTE_PRESENT)
                page_free((void *)(uintptr_t)(mm->l2[i][j] & ~(LX_PAGE_SIZE - 1u)));
        page_free(mm->l2[i]);
        mm->l2[i] = NULL;
    }
    mm_init(mm);
}
