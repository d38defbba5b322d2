/**
 * @file pagetable.h
 * @brief The real page tables behind a VM's vMMU, and the quota of level-2 tables its
 *        address spaces share.
 *
 * Each address space of a VM (its guest kernel's, and one per process context) has a
 * level-1 table, allocated at boot. Level-2 tables (one per 1 MiB section that has
 * mappings) come from a fixed per-VM pool, the VM's *page-table quota* (`pt_kb` in the
 * system description), so no VM can take page-table memory from another. When the pool
 * is empty and a space needs a table, pt_evict() drops a table of a process context:
 * like a TLB, the vMMU may forget mappings, and the guest re-inserts them when they fault.
 * Tables of the guest kernel's own space are never dropped.
 *
 * The descriptor format and the TLB instructions belong to the arch layer (arch.h); this
 * module walks and links the tables.
 */
#ifndef MV_PAGETABLE_H
#define MV_PAGETABLE_H
#include "core/vm.h"

/** @brief Boot: allocate the level-1 tables of @p vm's kernel space and @p ncontexts
 *  contexts, and a pool of @p ntables level-2 tables. @return 0 or ::MV_ENOMEM. */
int pt_init(struct vm *vm, uint32_t ncontexts, uint32_t ntables);
/** @brief The level-2 entry of page @p va (below ::MV_GUEST_VA_LIMIT) in @p s, or NULL when
 *  its section has no level-2 table. */
uint32_t *pt_entry(const struct vmmu_space *s, uint32_t va);
/** @brief Look up @p va in @p s: 0 with the physical address of that byte in @p pa and the
 *  page's ::mv_map_flags in @p flags, or ::MV_EFAULT when nothing maps it. */
int pt_lookup(const struct vmmu_space *s, uint32_t va, paddr_t *pa, uint32_t *flags);
/**
 * @brief Map page @p va of context @p ctx of @p vm to physical @p pa with @p flags (all
 *        checked by the caller), replacing any mapping there (and flushing it from the TLB).
 *        A section without a level-2 table gets one from the quota, evicting one if needed.
 * @return 0, or ::MV_ENOMEM when the quota is full and nothing can be evicted.
 */
int pt_map(struct vm *vm, uint32_t ctx, uint32_t va, paddr_t pa, uint32_t flags);
/** @brief Return level-2 table @p t to the pool: unlink it from its owner's level-1 table and
 *  clear it. The caller flushes the owner's TLB entries (pt_tlb_flush_space()). */
void pt_release(struct vm *vm, uint32_t t);
/**
 * @brief Free one level-2 table of the quota by dropping a process context's table.
 *
 * Policy: round robin over the pool (vmmu::evict_hand), skipping free tables and the guest
 * kernel's; the victim's context loses every mapping of that 1 MiB section, and its TLB
 * entries are flushed. @return 0, or ::MV_ENOMEM when every table is the guest kernel's.
 */
int pt_evict(struct vm *vm);
/** @brief Drop page @p va of @p s from the TLB, if @p s can have entries there (a live ASID). */
void pt_tlb_flush_page(const struct vmmu_space *s, uint32_t va);
/** @brief Drop every TLB entry of @p s, if it can have any (a live ASID). */
void pt_tlb_flush_space(const struct vmmu_space *s);
#endif
