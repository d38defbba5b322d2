/**
 * @file sched.h
 * @brief The vCPU scheduler: fixed-priority, preemptive, round-robin within a priority.
 *
 * The microvisor schedules vCPUs only; a guest schedules its own processes on its
 * vCPUs. The highest-priority runnable vCPU always runs; vCPUs of equal priority
 * share the CPU in timeslices. The scheduler is tickless: the timer is programmed
 * for the next event that matters (the end of the running vCPU's slice or the
 * earliest wait timeout), never for a periodic tick.
 */
#ifndef MV_SCHED_H
#define MV_SCHED_H

#include "core/vm.h"

/** @brief Per-CPU scheduler state (one CPU for now; kept separate for SMP later). */
struct sched_cpu {
    struct vcpu *current;                   /**< vCPU whose registers the CPU holds. */
    uint64_t run_start;                     /**< When @c current was last charged. */
    uint32_t prio_bitmap;                   /**< Bit p set = run queue p is not empty. */
    uint64_t next_wake;                     /**< No blocked vCPU's timeout is earlier. */
    struct vcpu *runq[MV_PRIO_LEVELS];      /**< Head of each priority's circular queue. */
    const struct vmmu_space *space;         /**< The address space loaded (vmmu_activate()). */
};

/** @brief This CPU's scheduler state. */
struct sched_cpu *sched_cpu(void);
/** @brief The vCPU running on this CPU (NULL before the first one). */
struct vcpu *sched_current(void);

/** @brief Make a stopped or blocked vCPU runnable, at the back of its queue, with a full slice. */
void sched_wake(struct vcpu *v);
/** @brief Block @p v until sched_wake() or until @p timeout_ns have passed (0: no timeout). */
void sched_block(struct vcpu *v, uint64_t timeout_ns);
/** @brief Take @p v out of scheduling for good (until sched_wake()). */
void sched_stop(struct vcpu *v);
/** @brief The running vCPU gives up the rest of its slice. */
void sched_yield(struct vcpu *v);
/** @brief Change the priority of @p v (the caller checked the VM's maximum). */
void sched_set_prio(struct vcpu *v, uint32_t prio);
/** @brief Time has passed (a kernel entry, e.g. the timer fired): charge the running
 *  vCPU up to @p now and wake the vCPUs whose timeouts expired. */
void sched_timer_event(uint64_t now);
/** @brief A timed event may now come sooner than the timer is set for (a vCPU armed its
 *  virtual timer): program the timer for the nearest event again, as sched_schedule() would. */
void sched_timer_rearm(void);
/**
 * @brief The fast path after a hypercall: the running vCPU, if it is still the one to run;
 *        NULL if a full scheduling decision is needed.
 *
 * After most hypercalls nothing changed for the scheduler, and the timer still holds
 * the right deadline (a hypercall that moves a deadline re-arms it: sched_timer_rearm()): if that passed meanwhile, its interrupt is pending and is taken
 * the moment we return to the guest. So the fast path reads no clock, charges no time
 * and programs no timer. (A vCPU's time_used_ns is therefore brought up to date at
 * scheduling decisions, not at every hypercall.)
 */
struct vcpu *sched_continue(void);
/**
 * @brief Choose the vCPU to run next and make it current (address space, TLS).
 *
 * Idles in WFI while nothing is runnable. Powers the machine off when every VM
 * has stopped, or when every vCPU is blocked with no timeout (nothing could ever
 * wake them).
 */
struct vcpu *sched_schedule(void);

#endif
