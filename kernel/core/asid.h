/**
 * @file asid.h
 * @brief Hardware ASIDs for the vMMU's address spaces, recycled by generation.
 *
 * Every TLB entry of a guest page is tagged with the ASID of its address space, so
 * switching spaces flushes nothing. ARMv7 has 8-bit ASIDs (0 is reserved for the switch
 * itself). The guest-kernel space of VM i keeps the fixed ASID i + 1: it is entered on
 * every upcall. The process contexts of all VMs share the rest, ::ASID_FIRST_CONTEXT..255,
 * handed out in order as contexts are activated. When they run out, a new *generation*
 * starts: the whole TLB is flushed once, and every context takes a fresh ASID the next
 * time it is activated (the scheme Linux uses on ARM). A context whose ASID belongs to an
 * older generation has no TLB entries left, so nothing needs flushing for it.
 */
#ifndef MV_ASID_H
#define MV_ASID_H
#include "core/vm.h"

/** @brief The first ASID handed to process contexts; 1..::MV_MAX_VMS are the VMs' kernel spaces. */
#define ASID_FIRST_CONTEXT (MV_MAX_VMS + 1u)
/** @brief vmmu_space::asid_gen of a space whose ASID never changes (a guest-kernel space). */
#define ASID_GEN_FIXED UINT64_MAX

/** @brief The allocator: global to the machine (a TLB flush at rollover would have to reach
 *  every CPU on a multicore; each CPU would also keep the ASIDs it has active). */
struct asid_state {
    uint64_t generation;   /**< Current generation (starts at 1; 0 means "no ASID yet"). */
    uint32_t next;         /**< Next ASID to hand out in this generation (::ARCH_ASIDS: none left). */
};

/** @brief The allocator's state. */
extern struct asid_state asid_state;

/** @brief Start generation 1 with every context ASID free (at boot). */
void asid_reset(void);
/** @brief Give guest-kernel space @p s the fixed ASID @p asid. */
void asid_fix(struct vmmu_space *s, uint32_t asid);
/** @brief Whether @p s's ASID is valid now: fixed, or handed out in the current generation.
 *  Only then can the TLB hold entries of @p s (and need flushing). */
bool asid_live(const struct vmmu_space *s);
/**
 * @brief Give context space @p s, whose ASID is not live, a live one before it is activated.
 *
 * @p s takes the next free ASID of the current generation; when none is left, a new
 * generation starts first: the whole TLB is flushed, so no entry of an ASID's earlier owner
 * can survive into its next one.
 */
void asid_assign(struct vmmu_space *s);
#endif
