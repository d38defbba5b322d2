/*
 * mmap.c - anonymous memory areas (mmap2, munmap). An area is a VMA like the program's
 * segments and the heap, demand paged the same way; unmapping frees its pages and cuts
 * the areas it overlaps (an area cut in its middle becomes two).
 */
#include "kernel/mm.h"

static int overlaps(const struct vma *v, uint32_t start, uint32_t end) {
    return v->start != v->end && start < v->end && v->start < end;
}

/* The highest free gap of @p len bytes below @p top and above the heap, or 0: first fit
 * from the top, so space that munmap() gave back is found again. */
static uint32_t find_gap(struct mm *mm, uint32_t len, uint32_t top) {
    uint32_t floor = mm->heap >= 0 ? mm->vmas[mm->heap].end : LX_PAGE_SIZE;
    while (top >= floor + len) {
        uint32_t start = top - len, lowest = top;
        for (uint32_t i = 0; i < MM_MAX_VMAS; i++)
            if (overlaps(&mm->vmas[i], start, top) && mm->vmas[i].start < lowest)
                lowest = mm->vmas[i].start;
        if (lowest == top)
            return start;
        top = lowest;   /* skip below the area in the way */
    }
    return 0;
}

/* Cut [start, end) out of area @p v; a cut in the middle needs a free slot for the tail. */
static int cut(struct mm *mm, struct vma *v, uint32_t start, uint32_t end) {
    if (start <= v->start && end >= v->end) {
        v->start = v->end = 0;
    } else if (start <= v->start) {
        v->start = end;
    } else if (end >= v->end) {
        v->end = start;
    } else {
        uint32_t tail_end = v->end, rights = v->rights;
        v->end = start;
        if (mm_add_vma(mm, end, tail_end, rights) < 0) {
            v->end = tail_end;
            return -LX_ENOMEM;
        }
    }
    return 0;
}

int mm_munmap(struct mm *mm, uint32_t addr, uint32_t len, int as) {
    if ((addr & (LX_PAGE_SIZE - 1u)) || len == 0 || addr > MM_STACK_TOP ||
        PAGE_UP(len) > MM_STACK_TOP - addr)
        return -LX_EINVAL;
    uint32_t end = addr + PAGE_UP(len);
    for (uint32_t i = 0; i < MM_MAX_VMAS; i++) {
        struct vma *v = &mm->vmas[i];
        if ((int)i == mm->heap || !overlaps(v, addr, end))
            continue;   /* the heap belongs to brk */
        if (cut(mm, v, addr, end))
            return -LX_ENOMEM;
    }
    mm_free_range(mm, addr, end, as);
    return 0;
}

int32_t mm_mmap(struct mm *mm, uint32_t addr, uint32_t len, uint32_t rights, int fixed, int as) {
    if (len == 0 || len > MM_USER_LIMIT || (fixed && (addr & (LX_PAGE_SIZE - 1u))))
        return -LX_EINVAL;
    len = PAGE_UP(len);
    if (fixed) {
        if (addr < LX_PAGE_SIZE || addr > MM_USER_LIMIT - len)
            return -LX_EINVAL;
        int rc = mm_munmap(mm, addr, len, as);
        if (rc)
            return rc;
    } else if (!(addr = find_gap(mm, len, MM_USER_LIMIT))) {
        return -LX_ENOMEM;
    }
    int rc = mm_add_vma(mm, addr, addr + len, rights);
    return rc < 0 ? rc : (int32_t)addr;
}

/* mprotect: [start, end) of area @p v gets @p rights; the rest of v keeps its own (v is
 * cut in up to three). */
static int protect_part(struct mm *mm, struct vma *v, uint32_t start, uint32_t end,
                        uint32_t rights) {
    uint32_t vs = v->start, ve = v->end, old = v->rights;
    uint32_t s = start > vs ? start : vs, e = end < ve ? end : ve;
    if (s == vs && e == ve) {
        v->rights = rights | PORT_READ;
        return 0;
    }
    int rc = cut(mm, v, s, e);   /* v keeps what is outside (one side, or both halves) */
    if (!rc && (rc = mm_add_vma(mm, s, e, rights)) < 0) {
        *v = (struct vma){vs, ve, old};   /* no slot for the middle: undo */
        for (uint32_t i = 0; i < MM_MAX_VMAS; i++)   /* (and the tail cut() added) */
            if (mm->vmas[i].start == e && mm->vmas[i].end == ve && &mm->vmas[i] != v)
                mm->vmas[i].start = mm->vmas[i].end = 0;
        return -LX_ENOMEM;
    }
    return 0;
}

int mm_protect(struct mm *mm, uint32_t addr, uint32_t len, uint32_t rights, int as) {
    if ((addr & (LX_PAGE_SIZE - 1u)) || addr > MM_STACK_TOP || PAGE_UP(len) > MM_STACK_TOP - addr)
        return -LX_EINVAL;
    uint32_t end = addr + PAGE_UP(len);
    for (uint32_t va = addr; va < end; va += LX_PAGE_SIZE)   /* all mapped, or ENOMEM */
        if (!mm_find_vma(mm, va))
            return -LX_ENOMEM;
    for (uint32_t i = 0; i < MM_MAX_VMAS; i++) {
        struct vma *v = &mm->vmas[i];
        if (overlaps(v, addr, end) && (int)i != mm->heap) {
            int rc = protect_part(mm, v, addr, end, rights);
            if (rc)
                return rc;
        }
    }
    port_unmap_range(as, addr, end);   /* the next touch maps with the new rights */
    return 0;
}
