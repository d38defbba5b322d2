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

struct vcpu;

/** @brief What a capability refers to. */
enum cap_type {
    CAP_NONE = 0, /**< Empty slot. */
    CAP_VCPU,     /**< A vCPU of the same VM (start, stop, set priority). */
    CAP_VIRQ,     /**< A vIRQ line of some vCPU, possibly of another VM (raise). */
};

/** @brief Rights a capability may carry. */
enum cap_rights {
    CAP_R_CONTROL = 1u << 0, /**< Start/stop/configure the object. */
    CAP_R_RAISE = 1u << 1,   /**< Raise the vIRQ. */
};

/** @brief One capability slot. */
struct cap {
    enum cap_type type;   /**< ::CAP_NONE for an empty slot. */
    uint32_t rights;      /**< ::cap_rights bits. */
    struct vcpu *vcpu;    /**< The vCPU the cap names (CAP_VCPU, CAP_VIRQ's target). */
    uint32_t line;        /**< vIRQ line number (CAP_VIRQ). */
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
