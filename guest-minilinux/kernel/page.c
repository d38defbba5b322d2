/*
 * page.c - the page allocator: free pages are kept in a list threaded through the pages
 * themselves, so it needs no memory of its own. Pages come back zeroed; running out is
 * an ordinary error (NULL), never a crash.
 */
#include "kernel/page.h"

struct free_page {
    struct free_page *next;
};

static struct free_page *free_list;
static uint32_t nfree;

void page_init(uintptr_t lo, uintptr_t hi) {
    /* highest first, so the list hands out the lowest pages first */
    for (uintptr_t p = hi; p >= lo + LX_PAGE_SIZE; p -= LX_PAGE_SIZE)
        page_free((void *)(p - LX_PAGE_SIZE));
}

void *page_alloc(void) {
    struct free_page *p = free_list;
    if (!p)
        return NULL;
    free_list = p->next;
    nfree--;
    memset(p, 0, LX_PAGE_SIZE);
    return p;
}

void page_free(void *p) {
    struct free_page *f = p;
    if ((uintptr_t)p & (LX_PAGE_SIZE - 1u))
        kpanic("page_free: %p is not a page", p);
    f->next = free_list;
    free_list = f;
    nfree++;
}

uint32_t page_free_count(void) { return nfree; }
