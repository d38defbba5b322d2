/**
 * @file vmmu.h
 * @brief The virtual MMU: to a guest it looks like a large software-loaded TLB.
 *
 * A guest inserts and removes page mappings (guest VA -> guest-physical address) by
 * hypercall; the microvisor checks them against the VM's RAM and writes the real
 * page tables. A VM's guest-physical space is its RAM at 0 (address g is physical
 * `vm->ram_pa + g` for g below `vm->ram_size`) plus each shared region one of its
 * memory caps places at the cap's `gpa`; nothing else is ever reachable.
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

/** @brief Lowest guest VA of the state-page window (reserved: guests cannot map there). */
#define VMMU_STATE_WINDOW MV_STATE_VA(MV_MAX_VCPUS - 1u)

/** @brief Map guest VA @p va to guest-physical @p gpa with ::mv_map_flags @p flags.
 *  @return 0, ::MV_EINVAL (misaligned, bad flags), ::MV_ERANGE (outside the VM's
 *  guest-physical space or the guest VA range, or in the state-page window), ::MV_EPERM
 *  (more access to a shared region than the memory cap grants) or ::MV_ENOMEM. */
int vmmu_map(struct vm *vm, uint32_t va, uint32_t gpa, uint32_t flags);
/** @brief Remove the mapping at @p va. @return 0, ::MV_EINVAL or ::MV_ERANGE as for vmmu_map(). */
int vmmu_unmap(struct vm *vm, uint32_t va);
/** @brief Check that all of [@p va, @p va + @p len) is mapped with the ::mv_map_flags
 *  @p need. @return 0 or ::MV_EFAULT. */
int vmmu_check(const struct vm *vm, uint32_t va, uint32_t len, uint32_t need);
/** @brief Copy @p len bytes from guest VA @p src. @return 0 or ::MV_EFAULT if any byte
 *  is not mapped readable. */
int vmmu_copy_from_guest(const struct vm *vm, void *dst, uint32_t src, uint32_t len);
/** @brief Copy @p len bytes from guest VA @p src of @p src_vm to guest VA @p dst of
 *  @p dst_vm, directly (no intermediate buffer). The caller has checked both ranges with
 *  vmmu_check() (source readable, destination writable): its errors are its own to name. */
void vmmu_copy_between(const struct vm *dst_vm, uint32_t dst, const struct vm *src_vm,
                      uint32_t src, uint32_t len);
/** @brief Copy @p len bytes to guest VA @p dst. @return 0 or ::MV_EFAULT if any byte
 *  is not mapped writable. */
int vmmu_copy_to_guest(const struct vm *vm, uint32_t dst, const void *src, uint32_t len);
#endif
