/**
 * @file page.h
 * @brief The page allocator: the VM's free RAM as a list of 4 KiB pages (xv6's kalloc).
 */
#ifndef MINILINUX_PAGE_H
#define MINILINUX_PAGE_H

#include "kernel/kernel.h"

/** @brief Hand the pages of [@p lo, @p hi) (page aligned kernel pointers) to the allocator. */
void page_init(uintptr_t lo, uintptr_t hi);
/** @brief A zeroed page, or NULL when none is left. */
void *page_alloc(void);
/** @brief Give back page @p p (from page_alloc()). */
void page_free(void *p);
/** @brief How many pages are free. */
uint32_t page_free_count(void);

#endif
