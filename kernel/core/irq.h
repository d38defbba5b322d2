/**
 * @file irq.h
 * @brief IRQ routes: a hardware interrupt handed to one VM as a vIRQ.
 *
 * The system description may route an interrupt of a device a guest owns to one vCPU
 * line of one VM. When it fires, the microvisor masks it at the interrupt controller
 * and raises the line; the guest quiets its device and acknowledges with
 * ::MV_HC_IRQ_ACK, which unmasks it. Masking in between is what keeps a
 * level-triggered interrupt from firing again and again before the guest runs.
 */
#ifndef MV_IRQ_H
#define MV_IRQ_H
#include <stdbool.h>
#include <stdint.h>
#include "core/config.h"

struct vcpu;

/** @brief One route. */
struct irq_route {
    uint32_t irq;          /**< Hardware interrupt number. */
    struct vcpu *vcpu;     /**< The vCPU whose line is raised. */
    uint32_t line;         /**< That vIRQ line. */
    bool masked;           /**< Fired and not acknowledged yet. */
};

/** @brief All routes of the running system. */
extern struct irq_route irq_routes[MV_MAX_IRQ_ROUTES];
/** @brief Number of routes in ::irq_routes. */
extern uint32_t irq_route_count;

/** @brief Hardware interrupt @p irq fired (called by the arch layer for every interrupt
 *  that is not the scheduler's): mask it and raise the route's vIRQ line. */
void irq_deliver(uint32_t irq);
/** @brief ::MV_HC_IRQ_ACK on route @p r: unmask its interrupt. Returns 0. */
int32_t irq_ack(struct irq_route *r);
/** @brief True while some running VM has an unmasked route: a device may still
 *  interrupt, so a CPU with nothing runnable must wait rather than power off. */
bool irq_waiting(void);
#endif
