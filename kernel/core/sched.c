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
#include "core/kprintf.h"

static struct sched_cpu cpu0;

struct sched_cpu *sched_cpu(void) { return &cpu0; }
struct vcpu *sched_current(void) { return cpu0.current; }

/* ---- run queues ---- */

static void runq_push_back(struct sched_cpu *c, struct vcpu *v) {
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
}

static void runq_remove(struct sched_cpu *c, struct vcpu *v) {
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
}

static struct vcpu *runq_highest(const struct sched_cpu *c) {
    if (!c->prio_bitmap)
        return NULL;
    uint32_t prio = 31u - (uint32_t)__builtin_clz(c->prio_bitmap);
    return c->runq[prio];
}

/* ---- accounting ---- */

static void refill(struct vcpu *v) { v->slice_left_ns = v->slice_ns; }

/* Charge the running vCPU for the time since run_start; rotate it when its slice is used up. */
static void charge(struct sched_cpu *c, uint64_t now) {
    struct vcpu *v = c->current;
    uint64_t used = now - c->run_start;
    c->run_start = now;
    if (!v)
        return;
    v->shared->time_used_ns += used;
    if (v->state != VCPU_RUNNABLE)
        return;
    v->slice_left_ns -= (int64_t)used;
    if (v->slice_left_ns <= 0) {
        runq_remove(c, v);
        refill(v);
        runq_push_back(c, v);
    }
}

/* ---- timeouts: a scan over all vCPUs; the system has at most a few dozen ---- */

#define for_each_vcpu(v)                                                           \
    for (struct vm *vm_ = vm_table; vm_ < vm_table + vm_count; vm_++)              \
        for (struct vcpu *v = vm_->vcpus; v < vm_->vcpus + vm_->nvcpus; v++)

static void wake_expired(uint64_t now) {
    for_each_vcpu(v)
        if (v->state == VCPU_BLOCKED && v->wake_at <= now)
            sched_wake(v);
}

static uint64_t earliest_timeout(void) {
    uint64_t t = UINT64_MAX;
    for_each_vcpu(v)
        if (v->state == VCPU_BLOCKED && v->wake_at < t)
            t = v->wake_at;
    return t;
}

/* ---- state changes ---- */

void sched_wake(struct vcpu *v) {
    if (v->state == VCPU_RUNNABLE)
        return;
    v->state = VCPU_RUNNABLE;
    v->wake_at = UINT64_MAX;
    refill(v);
    runq_push_back(&cpu0, v);
}

void sched_block(struct vcpu *v, uint64_t timeout_ns) {
    if (v->state == VCPU_RUNNABLE)
        runq_remove(&cpu0, v);
    v->state = VCPU_BLOCKED;
    v->wake_at = timeout_ns ? arch_time_now() + timeout_ns : UINT64_MAX;
}

void sched_stop(struct vcpu *v) {
    if (v->state == VCPU_RUNNABLE)
        runq_remove(&cpu0, v);
    v->state = VCPU_STOPPED;
    v->wake_at = UINT64_MAX;
}

void sched_yield(struct vcpu *v) {
    if (v->state != VCPU_RUNNABLE)
        return;
    runq_remove(&cpu0, v);
    refill(v);
    runq_push_back(&cpu0, v);
}

void sched_set_prio(struct vcpu *v, uint32_t prio) {
    bool queued = v->state == VCPU_RUNNABLE;
    if (queued)
        runq_remove(&cpu0, v);
    v->prio = prio;
    if (queued)
        runq_push_back(&cpu0, v);
}

void sched_timer_event(void) {
    uint64_t now = arch_time_now();
    charge(&cpu0, now);
    wake_expired(now);
}

/* ---- choosing and switching ---- */

static void switch_to(struct sched_cpu *c, struct vcpu *next) {
    struct vcpu *prev = c->current;
    if (prev)
        prev->tls_rw = arch_tls_user_read();
    if (!prev || prev->vm != next->vm)
        arch_aspace_activate(&next->vm->aspace);
    arch_tls_load(next->tls_rw, next->tls_ro);
    c->current = next;
}

static void idle_until_runnable(struct sched_cpu *c) {
    while (!c->prio_bitmap) {
        if (!vm_live_count()) {
            kprintf("[mv] all VMs have stopped; powering off\n");
            arch_poweroff();
        }
        uint64_t deadline = earliest_timeout();
        if (deadline == UINT64_MAX) {
            kprintf("[mv] every vCPU is blocked with no timeout and nothing can wake them; "
                    "powering off\n");
            arch_poweroff();
        }
        arch_timer_set(deadline);
        arch_idle();
        wake_expired(arch_time_now());
    }
}

struct vcpu *sched_schedule(void) {
    struct sched_cpu *c = &cpu0;
    sched_timer_event();
    idle_until_runnable(c);
    struct vcpu *next = runq_highest(c);
    if (next != c->current)
        switch_to(c, next);
    uint64_t now = arch_time_now();
    c->run_start = now;
    uint64_t slice_end = now + (uint64_t)next->slice_left_ns;
    uint64_t timeout = earliest_timeout();
    arch_timer_set(slice_end < timeout ? slice_end : timeout);
    return next;
}
