/*
 * fpu.c - sharing the one floating-point register file between the vCPUs, eagerly or
 * lazily (fpu.h says what each means; docs/architecture.md, "Floating point", has the
 * measurements behind the default).
 *
 * Either way the invariant is the same: the hardware registers belong to exactly one
 * vCPU, fpu_cpu.owner, and every other vCPU's registers are in its struct vcpu. The
 * owner is per-CPU state (a second CPU would have its own unit and its own owner).
 */
#include "core/fpu.h"
#include "core/config.h"

/** Per-CPU state of the floating-point unit (one CPU for now, like sched_cpu). */
struct fpu_cpu {
    struct vcpu *owner;   /* whose registers the unit holds (NULL: nobody's yet) */
};
static struct fpu_cpu fpu_cpu0;

/* Move the unit's registers to their owner's struct vcpu and load @p v's. */
static void hand_over(struct fpu_cpu *c, struct vcpu *v) {
    if (c->owner)
        arch_fpu_save(&c->owner->fpu);
    arch_fpu_load(&v->fpu);
    c->owner = v;
}

#if MV_FPU_LAZY

void fpu_switch(struct vcpu *prev, struct vcpu *next) {
    (void)prev;
    /* The unit stays on only for its owner: anyone else traps into fpu_claim() first. */
    arch_fpu_enable(next == fpu_cpu0.owner);
}

bool fpu_claim(struct vcpu *v) {
    if (arch_fpu_enabled())
        return false;   /* the unit was on: the instruction is really undefined */
    arch_fpu_enable(true);   /* saving the old owner's registers needs the unit on */
    hand_over(&fpu_cpu0, v);
    return true;
}

#else /* eager */

void fpu_switch(struct vcpu *prev, struct vcpu *next) {
    (void)prev;
    if (next != fpu_cpu0.owner)
        hand_over(&fpu_cpu0, next);
}

bool fpu_claim(struct vcpu *v) {
    (void)v;
    return false;   /* the unit is always on: an undefined instruction is the guest's */
}

#endif

bool fpu_owns(const struct vcpu *v) { return fpu_cpu0.owner == v; }
