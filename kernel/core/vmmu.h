/**
 * @file vmmu.h
 * @brief The virtual MMU: to a guest it looks like a large software-loaded TLB.
 *
 * A guest inserts and removes page mappings (guest VA -> guest-physical address) by
 * hypercall, in one of its *address spaces*: context 0 (::MV_CTX_KERNEL) is the guest
 * kernel's own, and contexts 1..quota are its processes', which it creates, destroys and
 * switches between. Guest-kernel mode always runs in context 0, guest-user mode in the
 * context its vCPU switched to, so the guest kernel's memory and the state pages are never
 * visible to its processes. The microvisor checks every request against the VM's
 * guest-physical space and writes the real page tables (pagetable.h); like a TLB it may
 * drop process mappings when the VM's page-table quota is full.
 *
 * A VM's guest-physical space is its RAM at 0 (address g is physical `vm->ram_pa + g` for
 * g below `vm->ram_size`) plus each shared region one of its memory caps places at the
 * cap's `gpa`; nothing else is ever reachable.
 */
#ifndef MV_VMMU_H
#define MV_VMMU_H
#include "core/vm.h"

/** @brief A shared memory region (from the system description's `regions`). */
struct mem_region {
    char name[16];      /**< Its name. */
    paddr_t pa;         /**< Physical base. */
    uint32_t size;      /**< Bytes (a multiple of the page size). */
};

/** @brief All shared regions of the running system. */
extern struct mem_region region_table[MV_MAX_REGIONS];
/** @brief Number of regions in ::region_table. */
extern uint32_t region_count;

/** @brief Lowest guest VA of the state-page window (reserved in every context). */
#define VMMU_STATE_WINDOW MV_STATE_VA(MV_MAX_VCPUS - 1u)

/** @brief The guest kernel's own address space of @p vm (where hypercall pointers point). */
static inline struct vmmu_space *vmmu_kernel_space(struct vm *vm) {
    return &vm->vmmu.spaces[MV_CTX_KERNEL];
}
/** @brief The space of context @p ctx of @p vm, or NULL if no such context exists. */
struct vmmu_space *vmmu_space(struct vm *vm, uint32_t ctx);

/** @name Mappings and contexts (the hypercalls; every argument comes from the guest) */
/** @{ */
/** @brief Map guest VA @p va of context @p ctx to guest-physical @p gpa with ::mv_map_flags
 *  @p flags. The checks, in order (the first that fails decides): the context exists
 *  (::MV_EINVAL); @p va is page aligned (::MV_EINVAL) and below the state-page window
 *  (::MV_ERANGE); @p gpa is page aligned and @p flags are known and include ::MV_MAP_READ
 *  (::MV_EINVAL); @p gpa is in the VM's guest-physical space (::MV_ERANGE) with no more
 *  access to a shared region than its memory cap grants (::MV_EPERM).
 *  @return 0, one of those errors, or ::MV_ENOMEM (the quota holds only guest-kernel tables). */
int vmmu_map(struct vm *vm, uint32_t ctx, uint32_t va, uint32_t gpa, uint32_t flags);
/** @brief Remove the mapping of page @p va from context @p ctx (no-op if unmapped).
 *  @return 0, ::MV_EINVAL (no such context, misaligned) or ::MV_ERANGE (as for vmmu_map()). */
int vmmu_unmap(struct vm *vm, uint32_t ctx, uint32_t va);
/** @brief Remove every mapping of context @p ctx in [@p va, @p va + @p len); @p len 0: the
 *  whole context (its page tables go back to the quota), refused for ::MV_CTX_KERNEL.
 *  @return 0, ::MV_EINVAL (no such context, misaligned @p va, whole kernel space) or
 *  ::MV_ERANGE (the range reaches the state-page window). */
int vmmu_flush(struct vm *vm, uint32_t ctx, uint32_t va, uint32_t len);
/** @brief Create an empty context. @return its index (1..quota) or ::MV_ENOMEM (all exist). */
int vmmu_ctx_create(struct vm *vm);
/** @brief Destroy context @p ctx and its mappings. @return 0, ::MV_EINVAL (no such context,
 *  or ::MV_CTX_KERNEL) or ::MV_EBUSY (the context of a vCPU that is not stopped). */
int vmmu_ctx_destroy(struct vm *vm, uint32_t ctx);
/** @brief Make @p ctx the context @p v's guest-user mode runs in. @return 0 or ::MV_EINVAL. */
int vmmu_ctx_switch(struct vcpu *v, uint32_t ctx);
/** @} */

/** @brief Load the address space @p v (the vCPU about to run) needs in its current mode:
 *  its guest kernel's space, or its process context in guest-user mode. Cheap when that
 *  space is already loaded. */
void vmmu_activate(struct vcpu *v);

/** @name Checked access to guest memory (vmmu_access.c): every guest pointer goes here */
/** @{ */
/** @brief Check that all of [@p va, @p va + @p len) is mapped in @p s with the ::mv_map_flags
 *  @p need. @return 0, or ::MV_EFAULT with the first address that is not in @p *bad (if
 *  @p bad is not NULL). */
int vmmu_check(const struct vmmu_space *s, uint32_t va, uint32_t len, uint32_t need, uint32_t *bad);
/** @brief Copy @p len bytes from VA @p src of @p s. @return 0 or ::MV_EFAULT if any byte is
 *  not mapped readable. */
int vmmu_copy_from_guest(const struct vmmu_space *s, void *dst, uint32_t src, uint32_t len);
/** @brief Copy @p len bytes to VA @p dst of @p s. @return 0 or ::MV_EFAULT if any byte is not
 *  mapped writable (then nothing is written). */
int vmmu_copy_to_guest(const struct vmmu_space *s, uint32_t dst, const void *src, uint32_t len);
/** @brief The microvisor's own pointer to [@p va, @p va + @p len), which must lie in one page
 *  and be mapped in @p s with @p need. @return the pointer, or NULL. It stays valid while the
 *  microvisor runs (one core: nothing unmaps it before the hypercall returns), no longer. */
volatile void *vmmu_kernel_ptr(const struct vmmu_space *s, uint32_t va, uint32_t len, uint32_t need);
/** @brief Copy @p len bytes from VA @p src of space @p from to VA @p dst of space @p to,
 *  directly (no intermediate buffer). The caller has checked both ranges with vmmu_check()
 *  (source readable, destination writable): its errors are its own to name. */
void vmmu_copy_between(const struct vmmu_space *to, uint32_t dst, const struct vmmu_space *from,
                       uint32_t src, uint32_t len);
/** @} */
#endif
