/*
 * page.c - the page allocator: free pages are kept in a list threaded through the pages
 * themselves. Each page has a reference count (one byte, in a table at the start of the
 * free RAM): fork shares pages, and a page goes back to the list when its last user lets
 * go. Pages come back zeroed; running out is an ordinary error (NULL), never a crash.
 */
#include "kernel/page.h"

struct free_page {
    struct free_page *next;
};

static struct free_page *free_list;
static uint32_t nfree;
static uint8_t *refs;        /* refs[i]: references to the page at base + i pages */
static uintptr_t base;
static uint32_t npages;

static uint8_t *ref_of(const void *p) {
    uintptr_t a = (uintptr_t)p;
    if ((a & (LX_PAGE_SIZE - 1u)) || a < base || (a - base) / LX_PAGE_SIZE >= npages)
        kpanic("page %p is not one of the allocator's", p);
    return &refs[(a - base) / LX_PAGE_SIZE];
}

void page_init(uintptr_t lo, uintptr_t hi) {
    uint32_t total = (uint32_t)((hi - lo) / LX_PAGE_SIZE);
    uint32_t table = (total + LX_PAGE_SIZE - 1u) / LX_PAGE_SIZE;   /* pages of counts */
    refs = (uint8_t *)lo;
    base = lo + table * LX_PAGE_SIZE;
    npages = total - table;
    memset(refs, 0, npages);
    /* highest first, so the list hands out the lowest pages first */
    for (uintptr_t p = base + npages * LX_PAGE_SIZE; p > base; p -= LX_PAGE_SIZE) {
        struct free_page *f = (struct free_page *)(p - LX_PAGE_SIZE);
        f->next = free_list;
        free_list = f;
        nfree++;
    }
}

/* A page off the free list with one reference, its contents as they were. */
static void *take(void) {
    struct free_page *p = free_list;
    if (!p)
        return NULL;
    free_list = p->next;
    nfree--;
    *ref_of(p) = 1;
    return p;
}

void *page_alloc(void) {
    void *p = take();
    if (p)
        memset(p, 0, LX_PAGE_SIZE);
    return p;
}

void *page_alloc_copy(const void *src) {
    void *p = take();
    if (p)
        memcpy(p, src, LX_PAGE_SIZE);
    return p;
}

void page_ref(void *p) {
    uint8_t *r = ref_of(p);
    if (*r == 0 || *r == UINT8_MAX)
        kpanic("page_ref: page %p has %u references", p, *r);
    (*r)++;
}

uint32_t page_refs(const void *p) { return *ref_of(p); }

void page_free(void *p) {
    uint8_t *r = ref_of(p);
    if (*r == 0)
        kpanic("page_free: page %p is already free", p);
    if (--*r)
        return;   /* someone still uses it */
    struct free_page *f = p;
    f->next = free_list;
    free_list = f;
    nfree++;
}

uint32_t page_free_count(void) { return nfree; }
