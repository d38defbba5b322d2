/*
 * mm.c - a process's memory: areas, a two-level page table of its own, demand paging,
 * brk, and fork's copy-on-write. The vMMU gets a page only when the process touches it
 * (kern_page_fault()), and may drop it again: the page table here is what stays true.
 *
 * Copy-on-write: fork gives the child the parent's pages, not copies (page_ref()), and
 * marks every page of a writable area PTE_COW in both. Such a page is mapped read-only;
 * the first write to it faults, and only then does the writer get its own copy (or the
 * page itself, when nobody else holds it any more). A child that execs at once copies
 * nothing.
 */
#include "kernel/mm.h"
#include "kernel/page.h"

#define PTE_PRESENT 1u
#define PTE_COW 2u        /* shared with another process since fork: copy before writing */
#define PTE_PAGE(e) ((void *)(uintptr_t)((e) & ~(LX_PAGE_SIZE - 1u)))
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

/* Call @p fn for each present entry of [@p start, @p end) (page aligned), skipping
 * absent level-2 tables whole: fork, exit and munmap cost what a process holds, not the
 * size of its areas (a 1 MiB stack area is 256 entries). */
static void walk(struct mm *mm, uint32_t start, uint32_t end,
                 void (*fn)(struct mm *mm, uint32_t va, uint32_t *e, void *arg), void *arg) {
    for (uint32_t va = start; va < end;) {
        uint32_t table_end = (va | ((1u << MM_L1_SHIFT) - 1u)) + 1u, *l2 = mm->l2[va >> MM_L1_SHIFT];
        uint32_t stop = table_end < end && table_end ? table_end : end;
        for (; l2 && va < stop; va += LX_PAGE_SIZE) {
            uint32_t *e = &l2[(va >> 12) & (L2_ENTRIES - 1u)];
            if (*e & PTE_PRESENT)
                fn(mm, va, e, arg);
        }
        va = stop;
    }
}

/* Call @p fn for each present entry of every area. */
static void walk_areas(struct mm *mm, void (*fn)(struct mm *mm, uint32_t va, uint32_t *e, void *arg),
                       void *arg) {
    for (uint32_t i = 0; i < MM_MAX_VMAS; i++)
        if (mm->vmas[i].start != mm->vmas[i].end)
            walk(mm, mm->vmas[i].start, mm->vmas[i].end, fn, arg);
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

/* A write to copy-on-write entry @p e: the page becomes the writer's own. */
static int cow_break(uint32_t *e) {
    void *page = PTE_PAGE(*e);
    if (page_refs(page) > 1) {
        void *own = page_alloc_copy(page);
        if (!own)
            return -LX_ENOMEM;
        page_free(page);   /* one sharer fewer */
        page = own;
    }
    *e = (uint32_t)(uintptr_t)page | PTE_PRESENT;
    return 0;
}

int mm_fault(struct mm *mm, uint32_t addr, uint32_t access, uint32_t *pa, uint32_t *rights) {
    struct vma *v = mm_find_vma(mm, addr);
    if (!v || (access & ~v->rights))
        return -LX_EFAULT;
    if (!mm_page(mm, addr, 1))
        return -LX_ENOMEM;
    uint32_t *e = pte(mm, addr, 0);
    if ((*e & PTE_COW) && (access & PORT_WRITE) && cow_break(e))
        return -LX_ENOMEM;
    *pa = port_virt_to_phys(PTE_PAGE(*e));
    *rights = (*e & PTE_COW) ? v->rights & ~PORT_WRITE : v->rights;   /* read-only: shared */
    return 0;
}

/* walk(): free one page (@p arg: the address space to drop it from, or NULL). */
static void free_one(struct mm *mm, uint32_t va, uint32_t *e, void *arg) {
    page_free(PTE_PAGE(*e));
    *e = 0;
    mm->pages--;
    if (arg)
        port_unmap(*(const int *)arg, va);
}

void mm_free_range(struct mm *mm, uint32_t start, uint32_t end, int as) {
    walk(mm, start, end, free_one, &as);
}

/* Can free pages back a heap of [@p start, @p end), the pages it has aside? (Each process
 * is kept from promising itself more than there is; several together still can, and the
 * one that then touches a page no one has is killed, as Linux's OOM killer would.) */
static void count_one(struct mm *mm, uint32_t va, uint32_t *e, void *arg) {
    (void)mm, (void)va, (void)e;
    (*(uint32_t *)arg)++;
}

static int heap_fits(struct mm *mm, uint32_t start, uint32_t end) {
    uint32_t present = 0;
    walk(mm, start, end, count_one, &present);
    return (end - start) / LX_PAGE_SIZE - present + MM_RESERVE_PAGES <= page_free_count();
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

/* walk(): share one page of the parent with the child (@p arg); a page of a writable area
 * becomes copy-on-write in both. */
static void share_one(struct mm *src, uint32_t va, uint32_t *e, void *arg) {
    struct mm *dst = arg;
    uint32_t *d = dst->failed ? NULL : pte(dst, va, 1);
    if (!d) {
        dst->failed = 1;   /* no page for the child's table: fork fails, nothing shared */
        return;
    }
    struct vma *v = mm_find_vma(src, va);
    if (v && (v->rights & PORT_WRITE))
        *e |= PTE_COW;
    page_ref(PTE_PAGE(*e));
    *d = *e;
    dst->pages++;
}

/* fork: the child shares every page. The parent's writable pages are dropped from its
 * vMMU context (address space @p src_as), so its next write to one faults and copies. */
int mm_copy(struct mm *dst, struct mm *src, int src_as) {
    memcpy(dst->vmas, src->vmas, sizeof dst->vmas);
    dst->brk_start = src->brk_start;
    dst->brk = src->brk;
    dst->heap = src->heap;
    walk_areas(src, share_one, dst);
    for (uint32_t i = 0; i < MM_MAX_VMAS; i++)   /* even after a failure: some are COW now */
        if (src->vmas[i].start != src->vmas[i].end && (src->vmas[i].rights & PORT_WRITE))
            port_unmap_range(src_as, src->vmas[i].start, src->vmas[i].end);
    return dst->failed ? -LX_ENOMEM : 0;
}

/* Every present page lies in an area: brk and munmap free what leaves one. */
void mm_free(struct mm *mm) {
    walk_areas(mm, free_one, NULL);
    for (uint32_t i = 0; i < MM_L1_ENTRIES; i++)
        if (mm->l2[i])
            page_free(mm->l2[i]);
    mm_init(mm);
}
