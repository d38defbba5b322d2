/**
 * @file vmmu.h
 * @brief The virtual MMU: to a guest it looks like a large software-loaded TLB.
 *
 * A guest inserts and removes page mappings (guest VA -> guest-physical address) by
 * hypercall; the microvisor checks them against the VM's RAM and writes the real
 * page tables. Guest-physical address g is host-physical `vm->ram_pa + g`, for g
 * below `vm->ram_size`; nothing else is ever reachable.
 */
#ifndef MV_VMMU_H
#define MV_VMMU_H
#include "core/vm.h"

/** @brief Lowest guest VA of the state-page window (reserved: guests cannot map there). */
#define VMMU_STATE_WINDOW MV_STATE_VA(MV_MAX_VCPUS - 1u)

/** @brief Map guest VA @p va to guest-physical @p gpa with ::mv_map_flags @p flags.
 *  @return 0, ::MV_EINVAL (misaligned, bad flags), ::MV_ERANGE (outside the VM's RAM or
 *  the guest VA range, or in the state-page window) or ::MV_ENOMEM. */
int vmmu_map(struct vm *vm, uint32_t va, uint32_t gpa, uint32_t flags);
/** @brief Remove the mapping at @p va. @return 0, ::MV_EINVAL or ::MV_ERANGE as for vmmu_map(). */
int vmmu_unmap(struct vm *vm, uint32_t va);
/** @brief Check that all of [@p va, @p va + @p len) is mapped with the ::mv_map_flags
 *  @p need. @return 0 or ::MV_EFAULT. */
int vmmu_check(const struct vm *vm, uint32_t va, uint32_t len, uint32_t need);
/** @brief Copy @p len bytes from guest VA @p src. @return 0 or ::MV_EFAULT if any byte
 *  is not mapped readable. */
int vmmu_copy_from_guest(const struct vm *vm, void *dst, uint32_t src, uint32_t len);
/** @brief Copy @p len bytes to guest VA @p dst. @return 0 or ::MV_EFAULT if any byte
 *  is not mapped writable. */
int vmmu_copy_to_guest(const struct vm *vm, uint32_t dst, const void *src, uint32_t len);
#endif
