/*
 * test_sched.c - the vCPU scheduler through its API: priorities, round-robin slices
 * on a clock the test drives, blocking with timeouts, stopping, and power-off.
 */
#include <string.h>
#include "unit.h"
#include "core/hypercall.h"
#include "core/sched.h"
#include "core/virq.h"

#define SLICE_NS 200000u   /* every test vCPU has a 200 us slice */

/* Load @p n one-vCPU VMs "vm0".."vm<n-1>" (max_prio 31), vCPU i at priority prios[i]. */
static void load_vms(const uint32_t *prios, unsigned n) {
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

static struct vcpu *V(unsigned vm) { return &vm_table[vm].vcpus[0]; }

/* The run queues agree with the bitmap at every priority, are well-linked, and hold
 * exactly the runnable vCPUs, each once, at its own priority. */
static void check_runqueues(void) {
    const struct sched_cpu *c = sched_cpu();
    unsigned queued = 0, runnable = 0;
    for (uint32_t p = 0; p < MV_PRIO_LEVELS; p++) {
        const struct vcpu *head = c->runq[p], *v = head;
        REQUIRE(!!(c->prio_bitmap & (1u << p)) == (head != NULL), "priority %u: bitmap bit %u "
                "but queue %s", p, (c->prio_bitmap >> p) & 1u, head ? "not empty" : "empty");
        for (unsigned n = 0; v && (n == 0 || v != head); n++, v = v->rq_next) {
            REQUIRE(n < MV_MAX_VMS * MV_MAX_VCPUS, "queue %u does not close", p);
            REQUIRE(v->prio == p, "%s vcpu %u (prio %u) in queue %u", v->vm->name, v->index,
                    v->prio, p);
            REQUIRE(v->state == VCPU_RUNNABLE, "%s vcpu %u in queue %u is not runnable",
                    v->vm->name, v->index, p);
            REQUIRE(v->rq_next->rq_prev == v, "queue %u: broken back link", p);
            queued++;
        }
    }
    for (uint32_t i = 0; i < vm_count; i++)
        for (uint32_t j = 0; j < vm_table[i].nvcpus; j++)
            runnable += vm_table[i].vcpus[j].state == VCPU_RUNNABLE;
    REQUIRE(queued == runnable, "%u vCPUs queued, %u runnable", queued, runnable);
}

/* The highest priority of any runnable vCPU (-1: none). */
static int highest_runnable(void) {
    int best = -1;
    for (uint32_t i = 0; i < vm_count; i++)
        for (uint32_t j = 0; j < vm_table[i].nvcpus; j++)
            if (vm_table[i].vcpus[j].state == VCPU_RUNNABLE && (int)vm_table[i].vcpus[j].prio > best)
                best = (int)vm_table[i].vcpus[j].prio;
    return best;
}

START_TEST(bitmap_matches_queues_at_every_priority) {
    struct sd_system sys = {.name = "prios"};
    static char names[MV_MAX_VMS][4];
    for (unsigned i = 0; i < MV_MAX_VMS; i++) {   /* 8 VMs x 4 vCPUs: priorities 0..31 */
        memcpy(names[i], "vm0", 4);
        names[i][2] = (char)('0' + i);
        sys.vms[i] = (struct sd_vm){.name = names[i], .image = test_image(), .ram_kb = 64,
                                    .max_prio = 31, .nvcpus = MV_MAX_VCPUS};
        for (unsigned j = 0; j < MV_MAX_VCPUS; j++)
            sys.vms[i].vcpus[j].prio = i * MV_MAX_VCPUS + j;
    }
    test_load(&sys);
    check_runqueues();
    struct vcpu *all[MV_MAX_VMS * MV_MAX_VCPUS];
    for (unsigned k = 0; k < MV_MAX_VMS * MV_MAX_VCPUS; k++) {
        all[k] = &vm_table[k / MV_MAX_VCPUS].vcpus[k % MV_MAX_VCPUS];
        sched_wake(all[k]);
        check_runqueues();
    }
    ck_assert_uint_eq(sched_cpu()->prio_bitmap, 0xffffffffu);
    /* a long deterministic mix of every state change */
    uint32_t seed = 12345;
    for (unsigned step = 0; step < 4000; step++) {
        seed = seed * 1103515245u + 12345u;
        struct vcpu *v = all[(seed >> 8) % 32];
        uint32_t arg = (seed >> 16) % 32;
        switch ((seed >> 24) % 5) {
        case 0: sched_wake(v); break;
        case 1: sched_stop(v); break;
        case 2: sched_set_prio(v, arg); break;
        case 3: sched_yield(v); break;
        case 4: if (v->state == VCPU_RUNNABLE) sched_block(v, 0); break;
        }
        check_runqueues();
        if (sched_cpu()->prio_bitmap) {
            double_now += 1000;
            struct vcpu *next = sched_schedule();
            REQUIRE((int)next->prio == highest_runnable(), "step %u: prio %u runs, %d is runnable",
                    step, next->prio, highest_runnable());
            REQUIRE(sched_current() == next, "step %u: current is not the chosen vCPU", step);
            check_runqueues();
        }
    }
}
END_TEST

START_TEST(highest_priority_runs) {
    const uint32_t prios[] = {3, 7, 5, 0};
    load_vms(prios, 4);
    ck_assert_ptr_eq(sched_schedule(), V(1));
    ck_assert_uint_eq(double_active_l1, vm_table[1].vmmu.spaces[0].l1_pa);
    sched_stop(V(1));
    ck_assert_ptr_eq(sched_schedule(), V(2));
    ck_assert_uint_eq(double_active_l1, vm_table[2].vmmu.spaces[0].l1_pa);
    sched_set_prio(V(3), 6);
    ck_assert_ptr_eq(sched_schedule(), V(3));
    check_runqueues();
}
END_TEST

/* Advance the clock to @p t and schedule: @p want must run, its slice ending at @p until. */
static void expect_run_at(uint64_t t, struct vcpu *want, uint64_t until) {
    double_now = t;
    struct vcpu *got = sched_schedule();
    ck_assert_msg(got == want, "at t=%llu: %s runs, want %s", (unsigned long long)t,
                  got->vm->name, want->vm->name);
    ck_assert_msg(double_timer_deadline == until, "at t=%llu: timer at %llu, want %llu",
                  (unsigned long long)t, (unsigned long long)double_timer_deadline,
                  (unsigned long long)until);
}

START_TEST(equal_priorities_rotate_when_slices_expire) {
    const uint32_t prios[] = {10, 10, 10, 4};
    load_vms(prios, 4);
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(SLICE_NS / 2, V(0), SLICE_NS);           /* no preemption mid-slice */
    expect_run_at(SLICE_NS, V(1), 2 * SLICE_NS);
    expect_run_at(2 * SLICE_NS, V(2), 3 * SLICE_NS);
    expect_run_at(3 * SLICE_NS, V(0), 4 * SLICE_NS);
    expect_run_at(4 * SLICE_NS + 50000, V(1), 5 * SLICE_NS + 50000);   /* a late timer */
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 2 * SLICE_NS + 50000);   /* the late part too */
    ck_assert_uint_eq(V(1)->shared->time_used_ns, SLICE_NS);
    ck_assert_uint_eq(V(3)->shared->time_used_ns, 0);        /* lower priority never ran */
    check_runqueues();
}
END_TEST

START_TEST(yield_refills_the_slice) {
    const uint32_t prios[] = {10};
    load_vms(prios, 1);   /* alone: a yield gives the CPU straight back, with a full slice */
    expect_run_at(0, V(0), SLICE_NS);
    double_now = 150000;
    sched_yield(V(0));
    ck_assert_int_eq(V(0)->slice_left_ns, SLICE_NS);
    expect_run_at(150000, V(0), 150000 + SLICE_NS);
}
END_TEST

START_TEST(yield_passes_to_an_equal_priority) {
    const uint32_t prios[] = {10, 10};
    load_vms(prios, 2);
    expect_run_at(0, V(0), SLICE_NS);
    double_now = 150000;
    sched_yield(V(0));
    expect_run_at(150000, V(1), 150000 + SLICE_NS);
    expect_run_at(150000 + SLICE_NS, V(0), 150000 + 2 * SLICE_NS);   /* a full slice again */
}
END_TEST

START_TEST(woken_higher_priority_preempts) {
    const uint32_t prios[] = {2, 8};
    load_vms(prios, 2);
    ck_assert_ptr_eq(sched_schedule(), V(1));
    V(1)->regs.r[0] = 0xdead;
    ck_assert_int_eq(virq_wait(V(1), 0), HC_KEEP_REGS);   /* blocks: no timeout */
    ck_assert_int_eq(V(1)->state, VCPU_BLOCKED);
    expect_run_at(1000, V(0), 1000 + SLICE_NS);
    ck_assert_uint_eq(double_timer_deadline, 1000 + SLICE_NS);   /* no timeout to wait for */
    double_now = 5000;
    virq_raise(V(1), 3, 0);   /* from an interrupt or another VM, mid-slice */
    expect_run_at(5000, V(1), 5000 + SLICE_NS);
    ck_assert_uint_eq(V(1)->regs.r[0], 1u << 3);   /* MV_HC_WAIT's result */
    check_runqueues();
    /* Preemption is not a yield: V(0) resumes with what was left of its slice
     * (4000 ns of it used), not with a fresh one. */
    double_now = 6000;
    virq_ack(V(1), 1u << 3);
    ck_assert_int_eq(virq_wait(V(1), 0), HC_KEEP_REGS);
    ck_assert_int_eq(V(0)->slice_left_ns, SLICE_NS - 4000);
    expect_run_at(6000, V(0), 6000 + SLICE_NS - 4000);
    check_runqueues();
}
END_TEST

START_TEST(block_with_timeout_wakes_on_time) {
    const uint32_t prios[] = {8, 2};
    load_vms(prios, 2);
    expect_run_at(1000, V(0), 1000 + SLICE_NS);
    V(0)->regs.r[0] = 0xdead;
    virq_wait(V(0), 5000);   /* until t = 6000 */
    expect_run_at(1000, V(1), 6000);   /* the timer is set for the timeout, not the slice */
    expect_run_at(5999, V(1), 6000);
    expect_run_at(6000, V(0), 6000 + SLICE_NS);
    ck_assert_uint_eq(V(0)->regs.r[0], 0);   /* woken by the timeout: no vIRQ pending */
    check_runqueues();
}
END_TEST

START_TEST(idle_until_the_timeout) {
    const uint32_t prios[] = {8};
    load_vms(prios, 1);
    expect_run_at(1000, V(0), 1000 + SLICE_NS);
    sched_block(V(0), 5000);
    ck_assert_ptr_eq(sched_schedule(), V(0));   /* idles, then the timeout wakes it */
    ck_assert_uint_eq(double_now, 6000);
    ck_assert_uint_ge(double_idle_count, 1);
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 0);   /* idle time is charged to no one */
}
END_TEST

START_TEST(stop_removes_from_the_queues) {
    const uint32_t prios[] = {10, 10, 10, 3};
    load_vms(prios, 4);
    sched_stop(V(1));
    check_runqueues();
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(SLICE_NS, V(2), 2 * SLICE_NS);
    expect_run_at(2 * SLICE_NS, V(0), 3 * SLICE_NS);
    sched_stop(V(0));
    sched_stop(V(2));   /* the last at priority 10: its bit goes */
    ck_assert_uint_eq(sched_cpu()->prio_bitmap, 1u << 3);
    check_runqueues();
    expect_run_at(2 * SLICE_NS + 10, V(3), 3 * SLICE_NS + 10);
}
END_TEST

START_TEST(all_vms_stopped_powers_off) {
    const uint32_t prios[] = {5, 5};
    load_vms(prios, 2);
    sched_schedule();
    vm_stop(&vm_table[0], 0, "done");
    ck_assert_ptr_eq(sched_schedule(), V(1));   /* one VM left: no power-off */
    ck_assert(!double_powered_off());
    vm_stop(&vm_table[1], 3, "done");
    EXPECT_POWEROFF(sched_schedule());
    ck_assert(double_powered_off());
    ck_assert_ptr_nonnull(strstr(double_console(), "[mv] all VMs have stopped; powering off"));
}
END_TEST

START_TEST(everyone_blocked_forever_powers_off) {
    const uint32_t prios[] = {5, 6};
    load_vms(prios, 2);
    sched_block(V(0), 0);
    sched_block(V(1), 1000);   /* still has a timeout: the CPU idles, no power-off */
    ck_assert_ptr_eq(sched_schedule(), V(1));
    sched_block(V(1), 0);
    EXPECT_POWEROFF(sched_schedule());
    ck_assert_ptr_nonnull(strstr(double_console(), "every vCPU is blocked"));
}
END_TEST

/* MV_HC_VCPU_SET_PRIO, as a guest makes it: never above the VM's max_prio, and a bad
 * value changes nothing (an error, not a silent clamp). */
static int32_t set_prio_hc(struct vcpu *caller, uint32_t cap, uint32_t prio) {
    struct mv_regs *r = &caller->regs;
    r->r[0] = cap, r->r[1] = prio, r->r[7] = MV_HC_VCPU_SET_PRIO;
    hypercall_dispatch(caller, r);
    return (int32_t)r->r[0];
}

START_TEST(priority_cap_is_enforced) {
    struct sd_system sys = test_system(64, 2);   /* max_prio 10; both vCPUs at 5 */
    sys.vms[0].caps[0] = (struct sd_cap){.type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1};
    test_load(&sys);
    struct vcpu *v0 = &vm_table[0].vcpus[0], *v1 = &vm_table[0].vcpus[1];
    ck_assert_ptr_eq(sched_schedule(), v0);
    sched_wake(v1);
    ck_assert_int_eq(set_prio_hc(v0, 0, 11), MV_ERANGE);
    ck_assert_int_eq(set_prio_hc(v0, 0, MV_PRIO_LEVELS), MV_ERANGE);
    ck_assert_uint_eq(v1->prio, 5);
    check_runqueues();
    ck_assert_ptr_eq(sched_schedule(), v0);      /* nothing changed */
    ck_assert_int_eq(set_prio_hc(v0, 0, 10), 0);   /* the maximum itself is allowed */
    ck_assert_uint_eq(v1->prio, 10);
    check_runqueues();
    ck_assert_ptr_eq(sched_schedule(), v1);      /* and now it outranks the caller */
    ck_assert_int_eq(set_prio_hc(v0, 0, 0), 0);    /* (v0 is not running, but may still call) */
    check_runqueues();
    ck_assert_ptr_eq(sched_schedule(), v0);
}
END_TEST

/* One graded TCase per item of labs/lab1/lab.json ("lab1_unit_..."). */
void sched_add_tcases(Suite *s) {
    const struct {   /* (not static: a TTest pointer is no constant expression) */
        const char *name;
        const TTest *tests[4];
    } graded[] = {
        {"lab1_unit_runq_order", {highest_priority_runs, stop_removes_from_the_queues}},
        {"lab1_unit_bitmap", {bitmap_matches_queues_at_every_priority}},
        {"lab1_unit_round_robin", {equal_priorities_rotate_when_slices_expire}},
        {"lab1_unit_slice_refill", {yield_refills_the_slice, yield_passes_to_an_equal_priority}},
        {"lab1_unit_preempt_on_wake", {woken_higher_priority_preempts,
                                       block_with_timeout_wakes_on_time, idle_until_the_timeout}},
        {"lab1_unit_prio_cap", {priority_cap_is_enforced}},
        {"lab1_unit_power_off", {all_vms_stopped_powers_off,
                                 everyone_blocked_forever_powers_off}},
    };
    for (size_t i = 0; i < sizeof graded / sizeof graded[0]; i++) {
        TCase *tc = unit_tcase_tagged(graded[i].name, "lab1 unit");
        for (size_t j = 0; j < 4 && graded[i].tests[j]; j++)
            tcase_add_test(tc, graded[i].tests[j]);
        suite_add_tcase(s, tc);
    }
}
