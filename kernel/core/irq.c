/* irq.c - IRQ routes: mask, raise the vIRQ, unmask on the guest's acknowledgement. */
#include "core/irq.h"
#include "core/kprintf.h"
#include "core/virq.h"
#include "core/vm.h"

struct irq_route irq_routes[MV_MAX_IRQ_ROUTES];
uint32_t irq_route_count;

static struct irq_route *route_of(uint32_t irq) {
    for (uint32_t i = 0; i < irq_route_count; i++)
        if (irq_routes[i].irq == irq)
            return &irq_routes[i];
    return NULL;
}

void irq_deliver(uint32_t irq) {
    struct irq_route *r = route_of(irq);
    arch_irq_mask(irq);   /* until the guest acknowledges (or for good: no route) */
    if (!r) {
        kprintf("[mv] interrupt %u has no route; masked\n", irq);
        return;
    }
    r->masked = true;
    if (r->vcpu->vm->state != VM_STOPPED)
        virq_raise(r->vcpu, r->line, 0);
}

int32_t irq_ack(struct irq_route *r) {
    if (r->masked) {
        r->masked = false;
        arch_irq_unmask(r->irq);
    }
    return 0;
}

bool irq_waiting(void) {
    for (uint32_t i = 0; i < irq_route_count; i++)
        if (!irq_routes[i].masked && irq_routes[i].vcpu->vm->state != VM_STOPPED)
            return true;
    return false;
}
