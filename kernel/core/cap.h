/**
 * @file cap.h
 * @brief Capabilities: how a VM names the objects it may use.
 *
 * Every hypercall that acts on an object takes an index into the calling VM's cap
 * table. A slot holds a type, a set of rights and a reference to the object. There is
 * no other way to reach another VM's objects: no global names, no pointers.
 */
#ifndef MV_CAP_H
#define MV_CAP_H
#include <stdint.h>
#include "mv/abi.h"

struct vcpu;
struct chan_end;
struct irq_route;
struct mem_region;

/** @brief What a capability refers to. */
enum cap_type {
    CAP_NONE = 0, /**< Empty slot. */
    CAP_VCPU,     /**< A vCPU of the same VM (start, stop, set priority). */
    CAP_VIRQ,     /**< A vIRQ line of some vCPU, possibly of another VM (raise). */
    CAP_MEMORY,   /**< A shared memory region, placed in the VM's guest-physical space (map). */
    CAP_CHANNEL,  /**< This VM's end of a channel (send, receive). */
    CAP_IRQ,      /**< A hardware interrupt routed to this VM (acknowledge). */
};

/** @brief Rights a capability may carry. */
enum cap_rights {
    CAP_R_CONTROL = 1u << 0, /**< Start/stop/configure the object. */
    CAP_R_RAISE = 1u << 1,   /**< Raise the vIRQ. */
    CAP_R_READ = MV_MAP_READ << 2,   /**< Map the region readable. */
    CAP_R_WRITE = MV_MAP_WRITE << 2, /**< Map the region writable. */
    CAP_R_EXEC = MV_MAP_EXEC << 2,   /**< Map the region executable. */
    CAP_R_SEND = 1u << 5,    /**< Send on the channel. */
    CAP_R_RECV = 1u << 6,    /**< Receive from the channel. */
    CAP_R_ACK = 1u << 7,     /**< Acknowledge the routed interrupt. */
};

/** @brief The ::mv_map_flags a memory cap's rights allow. */
#define CAP_MAP_FLAGS(rights) (((rights) >> 2) & (MV_MAP_READ | MV_MAP_WRITE | MV_MAP_EXEC))

/** @brief One capability slot. */
struct cap {
    enum cap_type type;   /**< ::CAP_NONE for an empty slot. */
    uint32_t rights;      /**< ::cap_rights bits. */
    struct vcpu *vcpu;    /**< The vCPU the cap names (CAP_VCPU, CAP_VIRQ's target). */
    uint32_t line;        /**< vIRQ line number (CAP_VIRQ). */
    const struct mem_region *region; /**< The region (CAP_MEMORY). */
    uint32_t gpa;         /**< Where the region appears in guest-physical space (CAP_MEMORY). */
    struct chan_end *chan; /**< This VM's end of the channel (CAP_CHANNEL). */
    struct irq_route *route; /**< The route (CAP_IRQ). */
};

struct vm;

/**
 * @brief Find cap @p index of @p vm and check its type and rights.
 * @return the cap, or NULL with @p *err set to ::MV_ECAP (empty, out of range, wrong
 *         type) or ::MV_EPERM (missing right).
 */
const struct cap *cap_lookup(const struct vm *vm, uint32_t index, enum cap_type type,
                             uint32_t rights, int *err);
#endif
