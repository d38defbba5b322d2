/* sched_util.c - the scheduler tests' shared systems and checks (see sched_util.h). */
#include <stdio.h>
#include <string.h>
#include "sched_util.h"

void load_vms(const uint32_t *prios, unsigned n) {
    static char names[MV_MAX_VMS][4];
    struct sd_system sys = {.name = "sched"};
    for (unsigned i = 0; i < n; i++) {
        memcpy(names[i], "vm0", 4);
        names[i][2] = (char)('0' + i);
        sys.vms[i] = (struct sd_vm){.name = names[i], .image = test_image(), .ram_kb = 64,
                                    .max_prio = 31, .nvcpus = 1,
                                    .vcpus = {{.prio = prios[i], .slice_us = SLICE_NS / 1000}}};
    }
    test_load(&sys);
}

struct vcpu *V(unsigned vm) { return &vm_table[vm].vcpus[0]; }

const char *vname(const struct vcpu *v) {
    static char bufs[8][48];
    static unsigned next;
    char *b = bufs[next++ % 8];
    if (!v)
        return "nobody";
    if ((const char *)v < (const char *)vm_table || (const char *)v >= (const char *)(vm_table + MV_MAX_VMS))
        snprintf(b, sizeof bufs[0], "a pointer %p that is no vCPU", (const void *)v);
    else
        snprintf(b, sizeof bufs[0], "%s/%u", v->vm ? v->vm->name : "?", v->index);
    return b;
}

void check_runqueues(const char *when) {
    const struct sched_cpu *c = sched_cpu();
    unsigned queued = 0, runnable = 0;
    for (uint32_t p = 0; p < MV_PRIO_LEVELS; p++) {
        const struct vcpu *head = c->runq[p], *v = head;
        REQUIRE(!!(c->prio_bitmap & (1u << p)) == (head != NULL), "%s: priority %u: bitmap "
                "bit %u but the queue is %s", when, p, (c->prio_bitmap >> p) & 1u,
                head ? "not empty" : "empty");
        for (unsigned n = 0; v && (n == 0 || v != head); n++, v = v->rq_next) {
            REQUIRE(n < MV_MAX_VMS * MV_MAX_VCPUS, "%s: queue %u does not close", when, p);
            REQUIRE(v->prio == p, "%s: %s (prio %u) is in queue %u", when, vname(v), v->prio, p);
            REQUIRE(v->state == VCPU_RUNNABLE, "%s: %s in queue %u is not runnable", when,
                    vname(v), p);
            REQUIRE(v->rq_next && v->rq_next->rq_prev == v, "%s: queue %u: the back link of "
                    "%s's successor %s does not point back", when, p, vname(v), vname(v->rq_next));
            queued++;
        }
    }
    for (uint32_t i = 0; i < vm_count; i++)
        for (uint32_t j = 0; j < vm_table[i].nvcpus; j++)
            runnable += vm_table[i].vcpus[j].state == VCPU_RUNNABLE;
    REQUIRE(queued == runnable, "%s: %u vCPUs queued, %u runnable", when, queued, runnable);
}

void expect_queue_(uint32_t prio, const char *when, struct vcpu *const *want) {
    char seen[256] = "", wanted[256] = "";
    size_t n = 0, m = 0;
    const struct vcpu *head = sched_cpu()->runq[prio], *v = head;
    for (unsigned i = 0; v && (i == 0 || v != head) && i < 16; i++, v = v->rq_next)
        n += (size_t)snprintf(seen + n, sizeof seen - n, " %s", vname(v));
    for (unsigned i = 0; want[i]; i++)
        m += (size_t)snprintf(wanted + m, sizeof wanted - m, " %s", vname(want[i]));
    ck_assert_msg(!strcmp(seen, wanted), "%s: queue %u holds (from its head)%s, want%s", when,
                  prio, n ? seen : " nothing", m ? wanted : " nothing");
}

void expect_pick(struct vcpu *want, const char *when) {
    struct vcpu *got = sched_schedule();
    ck_assert_msg(got == want, "%s: sched_schedule() chose %s, want %s", when, vname(got),
                  vname(want));
}

void expect_run_at(uint64_t t, struct vcpu *want, uint64_t until) {
    double_now = t;
    struct vcpu *got = sched_schedule();
    ck_assert_msg(got == want, "at t=%llu: %s runs, want %s", (unsigned long long)t,
                  vname(got), vname(want));
    ck_assert_msg(double_timer_deadline == until, "at t=%llu: %s runs, with the timer set for "
                  "%llu, want %llu (the end of its slice, or an earlier timeout)",
                  (unsigned long long)t, vname(got), (unsigned long long)double_timer_deadline,
                  (unsigned long long)until);
}

int highest_runnable(void) {
    int best = -1;
    for (uint32_t i = 0; i < vm_count; i++)
        for (uint32_t j = 0; j < vm_table[i].nvcpus; j++)
            if (vm_table[i].vcpus[j].state == VCPU_RUNNABLE && (int)vm_table[i].vcpus[j].prio > best)
                best = (int)vm_table[i].vcpus[j].prio;
    return best;
}
