/* mem.c - boot-time bump allocator over the free physical memory. */
#include "core/mem.h"
#include "core/lib.h"

static paddr_t next, limit;

void mem_init(void) { arch_free_memory(&next, &limit); }

paddr_t mem_alloc(uint32_t size, uint32_t align) {
    paddr_t start = (next + align - 1u) & ~(paddr_t)(align - 1u);
    if (start < next || start > limit || size > limit - start)   /* wrapped, or does not fit */
        return 0;
    next = start + size;
    memset(arch_phys_to_virt(start), 0, size);
    return start;
}

uint32_t mem_free_bytes(void) { return limit - next; }
