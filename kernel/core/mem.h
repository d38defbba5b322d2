/**
 * @file mem.h
 * @brief Boot-time physical memory allocator.
 *
 * The microvisor's memory is all allocated while the static system is loaded
 * (VM RAM, page tables); nothing is ever freed. A bump allocator is enough and
 * leaves no room for fragmentation or use-after-free.
 */
#ifndef MV_MEM_H
#define MV_MEM_H
#include "arch/arch.h"

/** @brief Take the free physical range from the architecture. */
void mem_init(void);
/** @brief Allocate @p size zeroed bytes aligned to @p align (a power of two).
 *  Returns the physical address, or 0 when memory is exhausted. */
paddr_t mem_alloc(uint32_t size, uint32_t align);
/** @brief Bytes still free. */
uint32_t mem_free_bytes(void);
#endif
