/**
 * @file mm.h
 * @brief A process's memory: its areas (VMAs) and its page table, the truth the vMMU only
 *        caches. Pages are allocated on first touch (demand paging).
 *
 * User address space (each process has its own; the kernel's is elsewhere):
 *
 *     0x7f000000  top of the stack (grows down, at most MM_STACK_MAX, demand paged)
 *     (below)     anonymous mmap2() areas, first fit from the top down
 *        ...
 *     brk         the heap's end (brk()), demand paged, from brk_start up
 *     brk_start   the first page after the program's segments
 *     0x00010000  the program's segments (ELF ET_EXEC); page 0 is never valid
 */
#ifndef MINILINUX_MM_H
#define MINILINUX_MM_H

#include "kernel/kernel.h"

#define MM_STACK_TOP 0x7f000000u            /**< Top of a process's stack (exclusive). */
#define MM_STACK_MAX (1024u * 1024u)        /**< The most a stack may grow. */
#define MM_USER_LIMIT (MM_STACK_TOP - MM_STACK_MAX - LX_PAGE_SIZE)  /**< Heap and program below. */
#define MM_MAX_VMAS 16u                     /**< Areas per process. */
#define MM_L1_SHIFT 22u                     /**< One level-2 page maps 4 MiB. */
#define MM_L1_ENTRIES (MM_STACK_TOP >> MM_L1_SHIFT)   /**< Level-1 entries below the stack top. */

/** @brief A valid area [start, end) with its rights (PORT_READ | PORT_WRITE | PORT_EXEC). */
struct vma {
    uint32_t start;   /**< First byte (page aligned). */
    uint32_t end;     /**< First byte after it (page aligned); start == end: unused slot. */
    uint32_t rights;  /**< What the process may do there. */
};

/** @brief A process's memory. */
struct mm {
    struct vma vmas[MM_MAX_VMAS];     /**< Its areas; vmas[heap] is the heap. */
    uint32_t *l2[MM_L1_ENTRIES];      /**< Level-2 tables: page pointer | 1 per page, or 0. */
    uint32_t brk_start;               /**< Where the heap starts. */
    uint32_t brk;                     /**< The current break. */
    int heap;                         /**< Index of the heap's VMA (-1: none yet). */
    uint32_t pages;                   /**< Pages it holds (for ps). */
    int failed;                       /**< mm_copy() ran out of memory half way. */
};

/** @brief An empty address space. */
void mm_init(struct mm *mm);
/** @brief Add area [@p start, @p end) (page aligned) with @p rights.
 *  @return its index, -LX_EINVAL when it overlaps another or leaves user space,
 *          -LX_ENOMEM when the table is full. */
int mm_add_vma(struct mm *mm, uint32_t start, uint32_t end, uint32_t rights);
/** @brief The page that holds user address @p va (a kernel pointer), allocating a zeroed
 *  one if @p alloc and there is none. @return NULL when absent (or out of memory).
 *  Writing through it to a copy-on-write page would change another process's memory too:
 *  only exec uses it, to fill a fresh address space (the rest goes through mm_fault()). */
void *mm_page(struct mm *mm, uint32_t va, int alloc);
/** @brief The heap starts at @p start (the page after the program): sets up brk. */
int mm_heap_init(struct mm *mm, uint32_t start);
/**
 * @brief A fault of the process at @p addr with @p access: if an area allows it, find or
 *        allocate the page.
 * @return 0 with *@p pa and *@p rights set; -LX_EFAULT (no area, or not that access);
 *         -LX_ENOMEM (no free page).
 */
int mm_fault(struct mm *mm, uint32_t addr, uint32_t access, uint32_t *pa, uint32_t *rights);
/** @brief brk(@p addr) of the process whose address space is @p as. @return the new
 *  break, or the old one when @p addr is out of range or memory is short (Linux's rule). */
uint32_t mm_brk(struct mm *mm, uint32_t addr, int as);
/** @brief fork: @p dst (empty) gets the same areas and shares every page of @p src,
 *  copy-on-write for writable areas (the parent's mappings of those are dropped from its
 *  address space @p src_as). @return 0, -LX_ENOMEM (then mm_free() @p dst). */
int mm_copy(struct mm *dst, struct mm *src, int src_as);
/**
 * @brief mmap2 of anonymous memory: @p len bytes with @p rights, at @p addr exactly when
 *        @p fixed (replacing what was there), else wherever there is room (@p addr a hint).
 * @return the address, or -errno (EINVAL, ENOMEM) as a negative number.
 */
int32_t mm_mmap(struct mm *mm, uint32_t addr, uint32_t len, uint32_t rights, int fixed, int as);
/** @brief munmap: forget [@p addr, @p addr + @p len) (pages freed, areas cut or split).
 *  @return 0, -LX_EINVAL. */
int mm_munmap(struct mm *mm, uint32_t addr, uint32_t len, int as);
/** @brief Free the pages of [@p start, @p end) (page aligned) and drop them from the vMMU
 *  of address space @p as. The areas stay as they are. */
void mm_free_range(struct mm *mm, uint32_t start, uint32_t end, int as);
/** @brief The area holding @p addr, or NULL. */
struct vma *mm_find_vma(struct mm *mm, uint32_t addr);
/** @brief mprotect: [@p addr, @p addr + @p len) gets @p rights (PORT_*; areas cut as
 *  needed; the heap is left alone). @return 0, -LX_EINVAL, -LX_ENOMEM (a page of the
 *  range is in no area, or no free area slot). */
int mm_protect(struct mm *mm, uint32_t addr, uint32_t len, uint32_t rights, int as);
/** @brief Free every page and table of @p mm (its address space is already gone). */
void mm_free(struct mm *mm);

#endif
