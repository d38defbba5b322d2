/*
 * sched.c - fixed-priority preemptive scheduling with round-robin inside a priority.
 *
 * Data structure: one circular doubly-linked run queue per priority, plus a 32-bit
 * bitmap with bit p set when queue p is not empty. Finding the highest runnable
 * priority is one CLZ instruction, so picking the next vCPU is O(1) however many
 * vCPUs exist. The running vCPU stays at the head of its queue; when its slice is
 * used up it moves to the back (round-robin).
 */
#include "core/sched.h"
#include "core/irq.h"
#include "core/kprintf.h"
#include "core/lab.h"
#include "core/lib.h"
#include "core/console.h"
#include "core/fpu.h"
#include "core/vmmu.h"
#include "core/vtimer.h"

static struct sched_cpu cpu0;

struct sched_cpu *sched_cpu(void) { return &cpu0; }
struct vcpu *sched_current(void) { return cpu0.current; }

/* ---- run queues ---- */

LAB_HELPER static void runq_push_back(struct sched_cpu *c, struct vcpu *v) {
    /* LAB 1 BEGIN: append v to the circular queue of its priority; keep the bitmap in step */
    struct vcpu *head = c->runq[v->prio];
    if (!head) {
        v->rq_next = v->rq_prev = v;
        c->runq[v->prio] = v;
        c->prio_bitmap |= 1u << v->prio;
        return;
    }
    struct vcpu *tail = head->rq_prev;
    v->rq_prev = tail;
    v->rq_next = head;
    tail->rq_next = v;
    head->rq_prev = v;
    /* LAB 1 STUB
    (void)c, (void)v;
    LAB_NOT_IMPLEMENTED(1, "runq_push_back");
    LAB 1 END */
}

LAB_HELPER static void runq_remove(struct sched_cpu *c, struct vcpu *v) {
    /* LAB 1 BEGIN: unlink v from its queue; an emptied queue clears its bitmap bit */
    if (v->rq_next == v) {
        c->runq[v->prio] = NULL;
        c->prio_bitmap &= ~(1u << v->prio);
    } else {
        v->rq_prev->rq_next = v->rq_next;
        v->rq_next->rq_prev = v->rq_prev;
        if (c->runq[v->prio] == v)
            c->runq[v->prio] = v->rq_next;
    }
    v->rq_next = v->rq_prev = NULL;
    /* LAB 1 STUB
    (void)c, (void)v;
    LAB_NOT_IMPLEMENTED(1, "runq_remove");
    LAB 1 END */
}

static struct vcpu *runq_highest(const struct sched_cpu *c) {
    /* LAB 1 BEGIN: the head of the highest non-empty queue, in O(1): count leading zeros */
    if (!c->prio_bitmap)
        return NULL;
    uint32_t prio = 31u - (uint32_t)__builtin_clz(c->prio_bitmap);
    return c->runq[prio];
    /* LAB 1 STUB
    (void)c;
    LAB_NOT_IMPLEMENTED(1, "runq_highest");
    LAB 1 END */
}

/* ---- accounting ---- */

LAB_HELPER static void refill(struct vcpu *v) { v->slice_left_ns = v->slice_ns; }

/* Charge the running vCPU for the time since run_start; rotate it when its slice is used up. */
static void charge(struct sched_cpu *c, uint64_t now) {
    struct vcpu *v = c->current;
    uint64_t used = now - c->run_start;
    c->run_start = now;
    if (!v)
        return;
    /* LAB 1 BEGIN: account `used` to v's time; a runnable v that used up its slice goes to the back with a new one */
    v->shared->time_used_ns += used;
    if (v->state != VCPU_RUNNABLE)
        return;
    v->slice_left_ns -= (int64_t)used;
    if (v->slice_left_ns <= 0) {
        runq_remove(c, v);
        refill(v);
        runq_push_back(c, v);
    }
    /* LAB 1 STUB
    (void)used;
    LAB_NOT_IMPLEMENTED(1, "charge");
    LAB 1 END */
}

/* ---- timeouts ----
 * Blocked vCPUs with a timeout are found by a scan over all vCPUs (a system has a few
 * dozen). The scan only runs when the earliest timeout may have passed: next_wake is
 * never later than the earliest wake_at (it may be earlier, after an early wake-up by
 * a vIRQ; the next scan then corrects it). */

#define for_each_vcpu(v)                                                           \
    for (struct vm *vm_ = vm_table; vm_ < vm_table + vm_count; vm_++)              \
        for (struct vcpu *v = vm_->vcpus; v < vm_->vcpus + vm_->nvcpus; v++)

static void wake_expired(struct sched_cpu *c, uint64_t now) {
    if (now < c->next_wake)
        return;
    uint64_t next = UINT64_MAX;
    for_each_vcpu(v) {
        if (v->state != VCPU_BLOCKED)
            continue;
        if (v->wake_at <= now)
            sched_wake(v);
        else if (v->wake_at < next)
            next = v->wake_at;
    }
    c->next_wake = next;
}

/* Every timed event that has come by `now`: wait timeouts, then virtual timers (whose
 * raises may wake vCPUs too). */
static void timers_expire(struct sched_cpu *c, uint64_t now) {
    wake_expired(c, now);
    if (now >= vtimer_next_at)
        vtimer_expire(now);
}

/* The nearest timed event after the running slice: what the CPU must wake up for. */
static uint64_t next_timed_event(const struct sched_cpu *c) {
    return c->next_wake < vtimer_next_at ? c->next_wake : vtimer_next_at;
}

static void timeout_arm(struct sched_cpu *c, struct vcpu *v, uint64_t timeout_ns) {
    v->wake_at = timeout_ns ? arch_time_now() + timeout_ns : UINT64_MAX;
    if (v->wake_at < c->next_wake)
        c->next_wake = v->wake_at;
}

/* ---- state changes ---- */

void sched_wake(struct vcpu *v) {
    /* LAB 1 BEGIN: a stopped or blocked v becomes runnable at the back of its queue with a full slice */
    if (v->state == VCPU_RUNNABLE)
        return;
    v->state = VCPU_RUNNABLE;
    v->wake_at = UINT64_MAX;
    refill(v);
    runq_push_back(&cpu0, v);
    /* LAB 1 STUB
    (void)v;
    LAB_NOT_IMPLEMENTED(1, "sched_wake");
    LAB 1 END */
}

void sched_block(struct vcpu *v, uint64_t timeout_ns) {
    /* LAB 1 BEGIN: v leaves its run queue (if it is in one) and becomes blocked */
    if (v->state == VCPU_RUNNABLE)
        runq_remove(&cpu0, v);
    v->state = VCPU_BLOCKED;
    /* LAB 1 STUB
    (void)v;
    LAB_NOT_IMPLEMENTED(1, "sched_block");
    LAB 1 END */
    timeout_arm(&cpu0, v, timeout_ns);
}

void sched_stop(struct vcpu *v) {
    /* LAB 1 BEGIN: like blocking, but for good: no timeout */
    if (v->state == VCPU_RUNNABLE)
        runq_remove(&cpu0, v);
    v->state = VCPU_STOPPED;
    v->wake_at = UINT64_MAX;
    /* LAB 1 STUB
    (void)v;
    LAB_NOT_IMPLEMENTED(1, "sched_stop");
    LAB 1 END */
}

void sched_yield(struct vcpu *v) {
    /* Charging is lazy: settle the time used so far, or the next charge would take it
     * out of the fresh slice below. */
    if (v == cpu0.current)
        charge(&cpu0, arch_time_now());
    /* LAB 1 BEGIN: a runnable v goes to the back of its queue with a fresh slice */
    if (v->state != VCPU_RUNNABLE)
        return;
    runq_remove(&cpu0, v);
    refill(v);
    runq_push_back(&cpu0, v);
    /* LAB 1 STUB
    (void)v;
    LAB_NOT_IMPLEMENTED(1, "sched_yield");
    LAB 1 END */
}

void sched_set_prio(struct vcpu *v, uint32_t prio) {
    /* LAB 1 BEGIN: change v's priority; a queued v moves to the back of its new queue, keeping its slice */
    if (prio == v->prio)
        return;   /* its own priority: it keeps its place */
    bool queued = v->state == VCPU_RUNNABLE;
    if (queued)
        runq_remove(&cpu0, v);
    v->prio = prio;
    if (queued)
        runq_push_back(&cpu0, v);
    /* LAB 1 STUB
    (void)v, (void)prio;
    LAB_NOT_IMPLEMENTED(1, "sched_set_prio");
    LAB 1 END */
}

void sched_timer_event(uint64_t now) {
    charge(&cpu0, now);
    timers_expire(&cpu0, now);
}

/* ---- choosing and switching ---- */

static void switch_to(struct sched_cpu *c, struct vcpu *next) {
    struct vcpu *prev = c->current;
    if (prev)
        prev->tls_rw = arch_tls_user_read();
    vmmu_activate(next);   /* its guest kernel's space, or its process's in guest-user mode */
    arch_tls_load(next->tls_rw, next->tls_ro);
    fpu_switch(prev, next);
    c->current = next;
}

static void idle_until_runnable(struct sched_cpu *c) {
    while (!c->prio_bitmap) {
        if (!vm_live_count()) {
            kprintf("[mv] all VMs have stopped; powering off\n");
            arch_poweroff();
        }
        uint64_t deadline = next_timed_event(c);
        if (deadline == UINT64_MAX && !irq_waiting() && !console_input_waiting()) {
            /* (a routed device, or console input, may still wake one) */
            kprintf("[mv] every vCPU is blocked with no timeout and nothing can wake them; "
                    "powering off\n");
            arch_poweroff();
        }
        arch_timer_set(deadline);
        arch_idle();
        timers_expire(c, arch_time_now());
    }
}

void sched_timer_rearm(void) {
    struct sched_cpu *c = &cpu0;
    uint64_t event = next_timed_event(c);
    if (c->current && c->current->state == VCPU_RUNNABLE) {
        uint64_t slice_end = c->run_start + (uint64_t)c->current->slice_left_ns;
        if (slice_end < event)
            event = slice_end;
    }
    arch_timer_set(event);
}

struct vcpu *sched_continue(void) {
    struct vcpu *v = cpu0.current;
    return v && v->state == VCPU_RUNNABLE && runq_highest(&cpu0) == v ? v : NULL;
}

DEBUG_VISIBLE struct vcpu *sched_schedule(void) {
    struct sched_cpu *c = &cpu0;
    uint64_t now = arch_time_now();
    sched_timer_event(now);
    if (!c->prio_bitmap) {
        idle_until_runnable(c);
        now = arch_time_now();
    }
    struct vcpu *next = runq_highest(c);
    if (next != c->current)
        switch_to(c, next);
    c->run_start = now;   /* kernel time is charged to the vCPU that runs next */
    uint64_t slice_end = now + (uint64_t)next->slice_left_ns, event = next_timed_event(c);
    arch_timer_set(slice_end < event ? slice_end : event);
    return next;
}
