/*
 * context.c - building and checking user register contexts (pure functions, no
 * hardware access: the host unit tests compile this file as it is).
 *
 * A guest chooses the context its guest-user code resumes with (mv_state::user), so
 * the microvisor must make sure that context cannot escape user mode or ask for
 * something the architecture leaves UNPREDICTABLE.
 */
#include "arch.h"
#include "platform.h"
#include "mv/regs.h"

/* The CPSR bits a guest may choose: the condition flags N Z C V Q, the SIMD flags
 * GE[3:0] and the Thumb bit. The mode field, the A/I/F masks, J and E stay ours. */
#define PSR_GUEST_FLAGS 0xf80f0000u
/* IT[7:0], the state of a Thumb If-Then block, split over CPSR[15:10] and [26:25].
 * An upcall taken inside an IT block saves it; resuming without it would run the
 * rest of the block unconditionally. It is only meaningful in Thumb state. */
#define PSR_IT          0x0600fc00u

/* ARM instructions are 4 bytes, Thumb ones 2: returning to a PC that is not aligned
 * for its instruction set is UNPREDICTABLE, so we align it. */
static uint32_t align_pc(uint32_t pc, uint32_t cpsr) {
    return pc & ((cpsr & PSR_T) ? ~1u : ~3u);
}

/* mv/regs.h: shared with the guest kernels, which copy contexts as often as we do */
void arch_copy_regs(struct mv_regs *dst, const struct mv_regs *src) { mv_regs_copy(dst, src); }

void arch_regs_init(struct mv_regs *r, uint32_t pc, uint32_t sp, uint32_t a0, uint32_t a1) {
    static const struct mv_regs zero;
    arch_copy_regs(r, &zero);
    r->r[0] = a0;
    r->r[1] = a1;
    r->sp = sp;
    r->cpsr = MODE_USR | ((pc & 1u) ? PSR_T : 0);   /* bit 0 of an entry point = Thumb */
    r->pc = align_pc(pc, r->cpsr);
}

void arch_user_context(struct mv_regs *r) {
    uint32_t keep = PSR_GUEST_FLAGS | PSR_T | ((r->cpsr & PSR_T) ? PSR_IT : 0);
    r->cpsr = (r->cpsr & keep) | MODE_USR;
    r->pc = align_pc(r->pc, r->cpsr);
}
