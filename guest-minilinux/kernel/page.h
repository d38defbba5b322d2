/**
 * @file page.h
 * @brief The page allocator: the VM's free RAM as a list of 4 KiB pages (xv6's kalloc),
 *        each with a reference count, so that fork can share a page between two processes
 *        until one writes to it (copy-on-write, mm.c).
 */
#ifndef MINILINUX_PAGE_H
#define MINILINUX_PAGE_H

#include "kernel/kernel.h"

/** @brief Hand the pages of [@p lo, @p hi) (page aligned kernel pointers) to the allocator
 *  (its first pages hold the reference counts). */
void page_init(uintptr_t lo, uintptr_t hi);
/** @brief A zeroed page with one reference, or NULL when none is left. */
void *page_alloc(void);
/** @brief A page with one reference holding a copy of page @p src, or NULL. */
void *page_alloc_copy(const void *src);
/** @brief One more reference to page @p p (another process shares it). */
void page_ref(void *p);
/** @brief How many references page @p p has. */
uint32_t page_refs(const void *p);
/** @brief Drop one reference to page @p p; it is free when none is left. */
void page_free(void *p);
/** @brief How many pages are free. */
uint32_t page_free_count(void);

#endif
