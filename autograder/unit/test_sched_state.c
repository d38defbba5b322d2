/*
 * test_sched_state.c - lab 1, task 3: the state changes (yield, wake and preemption,
 * stop, set-priority), power-off, and a long random mix of all of them. Each graded
 * TCase exercises the change it is named for.
 */
#include <stdio.h>
#include <string.h>
#include "sched_util.h"
#include "core/hypercall.h"
#include "core/virq.h"

/* ---- yield ---- */

START_TEST(yield_refills_the_slice) {
    const uint32_t prios[] = {10};
    load_vms(prios, 1);   /* alone: a yield gives the CPU straight back, with a full slice */
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(100000, V(0), SLICE_NS);   /* charged 100 us so far */
    double_now = 150000;
    sched_yield(V(0));
    ck_assert_int_eq(V(0)->slice_left_ns, SLICE_NS);
    expect_run_at(150000, V(0), 150000 + SLICE_NS);
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 150000);
}
END_TEST

START_TEST(yield_passes_to_an_equal_priority) {
    const uint32_t prios[] = {10, 10, 10};
    load_vms(prios, 3);
    expect_run_at(0, V(0), SLICE_NS);
    double_now = 150000;
    sched_yield(V(0));
    expect_queue(10, "after vm0/0 yielded", V(1), V(2), V(0));
    expect_run_at(150000, V(1), 150000 + SLICE_NS);
    expect_run_at(150000 + SLICE_NS, V(2), 150000 + 2 * SLICE_NS);
    expect_run_at(150000 + 2 * SLICE_NS, V(0), 150000 + 3 * SLICE_NS);   /* a full slice again */
}
END_TEST

/* ---- wake-up and preemption ---- */

START_TEST(woken_higher_priority_preempts) {
    const uint32_t prios[] = {2, 8};
    load_vms(prios, 2);
    expect_pick(V(1), "priorities 2 and 8");
    V(1)->regs.r[0] = 0xdead;
    ck_assert_int_eq(virq_wait(V(1), 0), HC_KEEP_REGS);   /* blocks: no timeout */
    ck_assert_int_eq(V(1)->state, VCPU_BLOCKED);
    expect_run_at(1000, V(0), 1000 + SLICE_NS);   /* no timeout to wait for */
    double_now = 5000;
    virq_raise(V(1), 3, 0);   /* from an interrupt or another VM, mid-slice */
    expect_run_at(5000, V(1), 5000 + SLICE_NS);
    ck_assert_uint_eq(V(1)->regs.r[0], 1u << 3);   /* MV_HC_WAIT's result */
    check_runqueues("after vm1/0 was woken");
    /* Preemption is not a yield: vm0/0 resumes with what was left of its slice. */
    double_now = 6000;
    virq_ack(V(1), 1u << 3);
    ck_assert_int_eq(virq_wait(V(1), 0), HC_KEEP_REGS);
    expect_run_at(6000, V(0), 6000 + SLICE_NS - 4000);
}
END_TEST

/* Among equals, the preempted vCPU keeps its place at the head and what was left of its
 * slice (it was charged mid-slice before, so a refill would show). */
START_TEST(preempted_keeps_its_place_and_slice_among_equals) {
    const uint32_t prios[] = {10, 10, 10, 20};
    load_vms(prios, 4);
    sched_block(V(3), 0);
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(50000, V(0), SLICE_NS);   /* charged: 150 us left */
    double_now = 60000;
    sched_wake(V(3));
    expect_run_at(60000, V(3), 60000 + SLICE_NS);
    expect_queue(10, "after vm0/0 was preempted by vm3/0", V(0), V(1), V(2));
    double_now = 70000;
    sched_block(V(3), 0);
    expect_run_at(70000, V(0), SLICE_NS + 10000);   /* 140 us left: 10 us later than before */
    expect_run_at(SLICE_NS + 10000, V(1), 2 * SLICE_NS + 10000);
}
END_TEST

/* A woken vCPU goes behind an equal-priority one that runs (no preemption), with a fresh
 * slice even if it was charged before it blocked. */
START_TEST(woken_equal_priority_waits_its_turn_with_a_fresh_slice) {
    const uint32_t prios[] = {10, 10, 10};
    load_vms(prios, 3);
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(50000, V(0), SLICE_NS);   /* charged: 150 us left */
    double_now = 60000;
    sched_block(V(0), 0);
    expect_run_at(60000, V(1), 60000 + SLICE_NS);
    double_now = 80000;
    sched_wake(V(0));
    expect_run_at(80000, V(1), 60000 + SLICE_NS);   /* no preemption by an equal */
    expect_queue(10, "after vm0/0 was woken while vm1/0 runs", V(1), V(2), V(0));
    expect_run_at(60000 + SLICE_NS, V(2), 60000 + 2 * SLICE_NS);
    expect_run_at(60000 + 2 * SLICE_NS, V(0), 60000 + 3 * SLICE_NS);   /* a full slice */
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
    check_runqueues("after the timeout woke vm0/0");
}
END_TEST

/* ---- stop ---- */

START_TEST(stop_removes_from_the_queues) {
    const uint32_t prios[] = {10, 10, 10, 3};
    load_vms(prios, 4);
    sched_stop(V(1));
    check_runqueues("after stopping vm1/0");
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(SLICE_NS, V(2), 2 * SLICE_NS);
    expect_run_at(2 * SLICE_NS, V(0), 3 * SLICE_NS);
    sched_stop(V(0));   /* the running one */
    sched_stop(V(2));   /* the last at priority 10: its bit goes */
    ck_assert_uint_eq(sched_cpu()->prio_bitmap, 1u << 3);
    check_runqueues("after stopping the last two at priority 10");
    expect_run_at(2 * SLICE_NS + 10, V(3), 3 * SLICE_NS + 10);
    ck_assert_int_eq(V(1)->state, VCPU_STOPPED);
}
END_TEST

/* A vCPU stopped while it waits with a timeout (its VM stops) stays stopped. */
START_TEST(stopping_a_waiting_vcpu_cancels_its_timeout) {
    const uint32_t prios[] = {10, 4};
    load_vms(prios, 2);
    expect_run_at(1000, V(0), 1000 + SLICE_NS);
    sched_block(V(0), 5000);   /* until t = 6000 */
    expect_run_at(1000, V(1), 6000);
    sched_stop(V(0));
    ck_assert_int_eq(V(0)->state, VCPU_STOPPED);
    check_runqueues("after stopping the waiting vm0/0");
    double_now = 6000;
    ck_assert_msg(sched_schedule() == V(1), "at t=6000, the timeout of the stopped vm0/0 "
                  "woke it: %s runs", vname(sched_current()));
    ck_assert_int_eq(V(0)->state, VCPU_STOPPED);
    expect_run_at(1000 + SLICE_NS, V(1), 1000 + 2 * SLICE_NS);
}
END_TEST

/* ---- set-priority ---- */

/* A queued vCPU goes to the back of its new queue and keeps what is left of its slice. */
START_TEST(set_prio_goes_to_the_back_and_keeps_the_slice) {
    const uint32_t prios[] = {10, 10, 5, 5};
    load_vms(prios, 4);
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(50000, V(0), SLICE_NS);   /* charged: 150 us left */
    double_now = 60000;
    sched_set_prio(V(0), 5);
    check_runqueues("after sched_set_prio(vm0/0, 5)");
    expect_queue(5, "after sched_set_prio(vm0/0, 5)", V(2), V(3), V(0));
    expect_run_at(60000, V(1), 60000 + SLICE_NS);   /* vm0/0 was charged up to 60 us */
    sched_set_prio(V(1), 4);
    sched_set_prio(V(2), 4);
    sched_set_prio(V(3), 4);
    expect_queue(4, "after moving vm1/0, vm2/0, vm3/0 to 4", V(1), V(2), V(3));
    expect_run_at(60000, V(0), 60000 + SLICE_NS - 60000);   /* 140 us were left */
}
END_TEST

/* Setting the priority a vCPU already has changes nothing: it keeps its place. */
START_TEST(set_prio_to_the_same_priority_changes_nothing) {
    const uint32_t prios[] = {10, 10, 10};
    load_vms(prios, 3);
    expect_run_at(0, V(0), SLICE_NS);
    sched_set_prio(V(1), 10);
    expect_queue(10, "after sched_set_prio(vm1/0, 10), its own priority", V(0), V(1), V(2));
    sched_set_prio(V(0), 10);
    expect_queue(10, "after sched_set_prio(vm0/0, 10) on the running one", V(0), V(1), V(2));
    expect_run_at(1000, V(0), SLICE_NS);
}
END_TEST

/* The new priority of a blocked or stopped vCPU holds when it runs again. */
START_TEST(set_prio_of_blocked_and_stopped_holds_when_woken) {
    const uint32_t prios[] = {10, 5, 5};
    load_vms(prios, 3);
    sched_block(V(1), 0);
    sched_stop(V(2));
    sched_set_prio(V(1), 20);
    sched_set_prio(V(2), 3);
    check_runqueues("after changing the priorities of a blocked and a stopped vCPU");
    expect_run_at(0, V(0), SLICE_NS);
    double_now = 1000;
    sched_wake(V(1));
    expect_queue(20, "after waking vm1/0, set to 20 while blocked", V(1));
    expect_run_at(1000, V(1), 1000 + SLICE_NS);   /* it preempts priority 10 */
    sched_wake(V(2));
    expect_queue(3, "after waking vm2/0, set to 3 while stopped", V(2));
    check_runqueues("after waking both");
}
END_TEST

/* MV_HC_VCPU_SET_PRIO, as a guest makes it: never above the VM's max_prio, and a bad
 * value changes nothing (an error, not a silent clamp). */
static int32_t set_prio_hc(struct vcpu *caller, uint32_t cap, uint32_t prio) {
    return unit_hypercall(caller, MV_HC_VCPU_SET_PRIO, cap, prio, 0, 0);
}

START_TEST(priority_cap_is_enforced) {
    struct sd_system sys = test_system(64, 2);   /* max_prio 10; both vCPUs at 5 */
    sys.vms[0].caps[0] = (struct sd_cap){.type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1};
    test_load(&sys);
    struct vcpu *v0 = &vm_table[0].vcpus[0], *v1 = &vm_table[0].vcpus[1];
    expect_pick(v0, "one VM, two vCPUs at 5");
    sched_wake(v1);
    ck_assert_int_eq(set_prio_hc(v0, 0, 11), MV_ERANGE);
    ck_assert_int_eq(set_prio_hc(v0, 0, MV_PRIO_LEVELS), MV_ERANGE);
    ck_assert_uint_eq(v1->prio, 5);
    check_runqueues("after refused priorities");
    ck_assert_msg(sched_continue() == v0, "nothing changed, but the caller may not go on");
    ck_assert_int_eq(set_prio_hc(v0, 0, 10), 0);   /* the maximum itself is allowed */
    ck_assert_uint_eq(v1->prio, 10);
    check_runqueues("after raising guest/1 to 10");
    ck_assert_msg(sched_continue() == NULL, "guest/1 now outranks the caller, but the "
                  "hypercall's fast path lets the caller go on (sched_continue())");
    expect_pick(v1, "after raising guest/1 to 10");
    ck_assert_int_eq(set_prio_hc(v0, 0, 0), 0);    /* (v0 is not running, but may still call) */
    check_runqueues("after lowering guest/1 to 0");
    expect_pick(v0, "after lowering guest/1 to 0");
}
END_TEST

/* ---- power-off ---- */

START_TEST(all_vms_stopped_powers_off) {
    const uint32_t prios[] = {5, 5};
    load_vms(prios, 2);
    sched_schedule();
    vm_stop(&vm_table[0], 0, "done");
    expect_pick(V(1), "one VM left: no power-off");
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
    expect_pick(V(1), "one vCPU waits with a timeout");
    sched_block(V(1), 0);
    EXPECT_POWEROFF(sched_schedule());
    ck_assert_ptr_nonnull(strstr(double_console(), "every vCPU is blocked"));
}
END_TEST

/* ---- everything at once ---- */

/* 32 vCPUs at priorities 0..31 through a long deterministic mix of every state change:
 * the queues stay consistent and the highest priority always runs. */
START_TEST(random_mix_of_state_changes) {
    const uint32_t prios[] = {0, 3, 3, 7, 7, 7, 12, 31};
    load_vms(prios, 8);
    uint32_t seed = 4242;
    char when[96];
    for (unsigned step = 0; step < 4000; step++) {
        seed = seed * 1103515245u + 12345u;
        struct vcpu *v = V((seed >> 8) % 8);
        uint32_t arg = (seed >> 16) % 32, op = (seed >> 24) % 5;
        static const char *const ops[] = {"sched_wake", "sched_stop", "sched_set_prio",
                                          "sched_yield", "sched_block"};
        char args[16] = "";
        if (op == 2 || op == 4)
            snprintf(args, sizeof args, ", %u", op == 2 ? arg : arg * 1000);
        snprintf(when, sizeof when, "step %u, %s(%s%s) (prio %u)", step, ops[op], vname(v), args,
                 v->prio);
        switch (op) {
        case 0: sched_wake(v); break;
        case 1: sched_stop(v); break;
        case 2: sched_set_prio(v, arg); break;
        case 3: sched_yield(v); break;
        case 4: if (v->state == VCPU_RUNNABLE) sched_block(v, arg * 1000); break;
        }
        check_runqueues(when);
        if (sched_cpu()->prio_bitmap) {
            double_now += 1000 * (seed % 7);
            struct vcpu *next = sched_schedule();
            REQUIRE((int)next->prio == highest_runnable(), "%s: %s (prio %u) runs, but "
                    "priority %d is runnable", when, vname(next), next->prio, highest_runnable());
            REQUIRE(sched_current() == next, "%s: current is not the chosen vCPU", when);
            check_runqueues(when);
        }
    }
}
END_TEST

void sched_state_add_tcases(Suite *s) {
    const struct unit_graded graded[] = {
        {"lab1_unit_slice_refill", {yield_refills_the_slice, yield_passes_to_an_equal_priority}},
        {"lab1_unit_preempt_on_wake", {woken_higher_priority_preempts,
                                       preempted_keeps_its_place_and_slice_among_equals,
                                       woken_equal_priority_waits_its_turn_with_a_fresh_slice,
                                       block_with_timeout_wakes_on_time}},
        {"lab1_unit_stop", {stop_removes_from_the_queues,
                            stopping_a_waiting_vcpu_cancels_its_timeout}},
        {"lab1_unit_set_prio", {set_prio_goes_to_the_back_and_keeps_the_slice,
                                set_prio_to_the_same_priority_changes_nothing,
                                set_prio_of_blocked_and_stopped_holds_when_woken}},
        {"lab1_unit_prio_cap", {priority_cap_is_enforced}},
        {"lab1_unit_power_off", {all_vms_stopped_powers_off, everyone_blocked_forever_powers_off}},
        {"lab1_unit_state_mix", {random_mix_of_state_changes}},
    };
    unit_add_graded(s, "lab1 unit", graded, sizeof graded / sizeof graded[0]);
}
