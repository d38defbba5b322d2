/* virq.c - virtual interrupt lines: pending bits in the state page, wake-ups, delivery. */
#include "core/virq.h"
#include "core/hypercall.h"
#include "core/sched.h"
#include "core/vcpu.h"

#define LINE_MASK ((1u << MV_VIRQ_LINES) - 1u)

void virq_raise(struct vcpu *target, uint32_t line) {
    struct mv_state *s = target->shared;
    s->virq_pending |= (1u << line) & LINE_MASK;
    if (target->state == VCPU_BLOCKED) {
        target->regs.r[0] = s->virq_pending;   /* MV_HC_WAIT's result */
        sched_wake(target);
    }
}

uint32_t virq_ack(struct vcpu *v, uint32_t mask) {
    uint32_t pending = v->shared->virq_pending & LINE_MASK;
    v->shared->virq_pending = pending & ~mask;
    return pending;
}

int32_t virq_wait(struct vcpu *v, uint32_t timeout_ns) {
    uint32_t pending = v->shared->virq_pending & LINE_MASK;
    if (pending)
        return (int32_t)pending;
    v->regs.r[0] = 0;   /* the result if the timeout ends the wait */
    sched_block(v, timeout_ns);
    return HC_KEEP_REGS;   /* r0 is set on wake */
}

void virq_deliver(struct vcpu *v) {
    struct mv_state *s = v->shared;
    if (v->mode == VMODE_USER && s->virq_enabled && (s->virq_pending & LINE_MASK))
        vcpu_upcall(v, MV_CAUSE_VIRQ, 0, 0, 0);
}
