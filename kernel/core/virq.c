/* virq.c - virtual interrupt lines: pending bits in the state page, payloads, wake-ups,
 * delivery. */
#include "core/virq.h"
#include "core/hypercall.h"
#include "core/lab.h"
#include "core/sched.h"
#include "core/vcpu.h"

#define LINE_MASK ((1u << MV_VIRQ_LINES) - 1u)

/* The pending lines. The guest may write the word itself, bit 31 included: every result
 * built from it is masked, so it can never look like an error code. */
static uint32_t pending(const struct vcpu *v) { return v->shared->virq_pending & LINE_MASK; }

void virq_raise(struct vcpu *target, uint32_t line, uint32_t payload) {
    struct mv_state *s = target->shared;
    s->virq_pending |= (1u << line) & LINE_MASK;
    target->virq_payload[line % MV_VIRQ_LINES] |= payload;
    if (target->state == VCPU_BLOCKED) {
        target->regs.r[0] = pending(target);   /* MV_HC_WAIT's result */
        sched_wake(target);
    }
}

uint32_t virq_ack(struct vcpu *v, uint32_t mask) {
    uint32_t was = pending(v);
    v->shared->virq_pending = was & ~mask;
    for (uint32_t m = mask & LINE_MASK; m; m &= m - 1)   /* each line of the mask */
        v->virq_payload[__builtin_ctz(m)] = 0;
    return was;
}

bool virq_take(struct vcpu *v, uint32_t line, uint32_t *payload) {
    /* LAB 3 BEGIN: report and clear line's pending bit and its payload together */
    uint32_t bit = 1u << line;
    bool was = pending(v) & bit;
    *payload = v->virq_payload[line];
    v->virq_payload[line] = 0;
    v->shared->virq_pending &= ~bit;
    return was;
    /* LAB 3 STUB
    (void)v, (void)line, (void)payload;
    LAB_NOT_IMPLEMENTED(3, "virq_take");
    return false;
    LAB 3 END */
}

int32_t virq_wait(struct vcpu *v, uint32_t timeout_ns) {
    if (pending(v))
        return (int32_t)pending(v);
    v->regs.r[0] = 0;   /* the result if the timeout ends the wait */
    sched_block(v, timeout_ns);
    return HC_KEEP_REGS;   /* r0 is set on wake */
}

void virq_deliver(struct vcpu *v) {
    if (v->mode == VMODE_USER && v->shared->virq_enabled && pending(v))
        vcpu_upcall(v, MV_CAUSE_VIRQ, 0, 0, 0);
}
