/**
 * @file sched_util.h
 * @brief What the scheduler's unit tests (lab 1) share: test systems of one-vCPU VMs, a
 *        clock the test drives, and checks whose failures name vCPUs ("vm2/0"), steps and
 *        operations rather than pointers.
 */
#ifndef SCHED_UTIL_H
#define SCHED_UTIL_H

#include "unit.h"
#include "core/sched.h"

/** @brief Every test vCPU of load_vms() has a 200 us slice. */
#define SLICE_NS 200000u

/** @brief Load @p n one-vCPU VMs "vm0".."vm<n-1>" (max_prio 31), vCPU i at priority
 *  @p prios[i]. Loading wakes each one: they are queued in that order. */
void load_vms(const uint32_t *prios, unsigned n);
/** @brief The vCPU of VM @p vm of load_vms(). */
struct vcpu *V(unsigned vm);
/** @brief A vCPU's name for a message: "vm2/0" (VM name / index), or "nobody" for NULL.
 *  Eight calls may share one message. */
const char *vname(const struct vcpu *v);

/** @brief The run queues agree with the bitmap at every priority, are well linked, and
 *  hold exactly the runnable vCPUs, each once, at its own priority. A failure starts
 *  with @p when (the step that was just done). */
void check_runqueues(const char *when);
/** @brief Queue @p prio holds exactly the vCPUs @p want (NULL-terminated), from its head. */
void expect_queue_(uint32_t prio, const char *when, struct vcpu *const *want);
#define expect_queue(prio, when, ...) \
    expect_queue_((prio), (when), (struct vcpu *const[]){__VA_ARGS__, NULL})
/** @brief sched_schedule() now must pick @p want (the clock is not moved). */
void expect_pick(struct vcpu *want, const char *when);
/** @brief Advance the clock to @p t and schedule: @p want must run, and the timer must be
 *  set for @p until (the end of its slice, or an earlier timeout). */
void expect_run_at(uint64_t t, struct vcpu *want, uint64_t until);
/** @brief The highest priority of any runnable vCPU (-1: none). */
int highest_runnable(void);

#endif
