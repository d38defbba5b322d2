/*
 * test_sched.c - lab 1, tasks 1 and 2: the run queues and the bitmap (reached through
 * loading, which wakes each vCPU, and sched_block(): the plainest ways in and out of a
 * queue), then the accounting in charge() on a clock the test drives. Task 3 (the state
 * changes themselves) is in test_sched_state.c, so a wrong state change costs its own
 * tests, not these.
 */
#include <stdio.h>
#include "sched_util.h"

/* ---- task 1: run queues ---- */

START_TEST(queues_keep_their_order) {
    const uint32_t prios[] = {10, 10, 10, 4};
    load_vms(prios, 4);
    check_runqueues("after loading 4 VMs");
    expect_queue(10, "after waking vm0/0, vm1/0, vm2/0 in turn", V(0), V(1), V(2));
    expect_queue(4, "after waking vm3/0", V(3));
    ck_assert_msg(sched_cpu()->prio_bitmap == (1u << 10 | 1u << 4), "prio_bitmap is 0x%08x "
                  "with queues 10 and 4 not empty, want 0x%08x", sched_cpu()->prio_bitmap,
                  1u << 10 | 1u << 4);
    expect_pick(V(0), "the head of the highest queue runs");
}
END_TEST

START_TEST(remove_head_middle_tail_and_last) {
    const uint32_t prios[] = {10, 10, 10, 10};
    load_vms(prios, 4);
    sched_block(V(0), 0);
    check_runqueues("after removing the head, vm0/0 (sched_block)");
    expect_queue(10, "after removing the head vm0/0", V(1), V(2), V(3));
    expect_pick(V(1), "after removing the head vm0/0");
    sched_block(V(2), 0);
    expect_queue(10, "after removing vm2/0 from the middle", V(1), V(3));
    sched_block(V(3), 0);
    expect_queue(10, "after removing vm3/0, the tail", V(1));
    check_runqueues("after removing the tail");
    sched_block(V(1), 0);
    check_runqueues("after removing vm1/0, the only one left");
    ck_assert_msg(sched_cpu()->prio_bitmap == 0, "every queue is empty, but prio_bitmap is "
                  "0x%08x", sched_cpu()->prio_bitmap);
    sched_wake(V(2));
    check_runqueues("after waking vm2/0 into the emptied queue");
    expect_queue(10, "after waking vm2/0 into the emptied queue", V(2));
}
END_TEST

START_TEST(highest_priority_runs_down_to_zero) {
    const uint32_t prios[] = {3, 7, 5, 0};
    load_vms(prios, 4);
    expect_pick(V(1), "priorities 3, 7, 5 and 0");
    ck_assert_msg(double_active_l1 == vm_table[1].vmmu.spaces[0].l1_pa, "vm1/0 runs, but its "
                  "address space is not loaded (switch_to() calls vmmu_activate())");
    sched_block(V(1), 0);
    expect_pick(V(2), "after priority 7 blocked");
    ck_assert_msg(double_active_l1 == vm_table[2].vmmu.spaces[0].l1_pa, "vm2/0 runs, but its "
                  "address space is not loaded");
    sched_block(V(2), 0);
    expect_pick(V(0), "after priority 5 blocked");
    sched_block(V(0), 0);
    expect_pick(V(3), "with only priority 0 runnable");   /* the lowest priority runs too */
    check_runqueues("with only priority 0 runnable");
}
END_TEST

START_TEST(highest_priority_31) {
    const uint32_t prios[] = {31, 30, 0};
    load_vms(prios, 3);
    expect_pick(V(0), "priorities 31, 30 and 0");
    sched_block(V(0), 0);
    expect_pick(V(1), "after priority 31 blocked");
}
END_TEST

/* 32 vCPUs at priorities 0..31, blocked and woken at random: after every step the bitmap
 * must match the queues, and the highest runnable vCPU must be picked. */
START_TEST(bitmap_matches_queues_at_every_priority) {
    struct sd_system sys = {.name = "prios"};
    static char names[MV_MAX_VMS][4];
    for (unsigned i = 0; i < MV_MAX_VMS; i++) {   /* 8 VMs x 4 vCPUs: priorities 0..31 */
        snprintf(names[i], sizeof names[i], "vm%u", i);
        sys.vms[i] = (struct sd_vm){.name = names[i], .image = test_image(), .ram_kb = 64,
                                    .max_prio = 31, .nvcpus = MV_MAX_VCPUS};
        for (unsigned j = 0; j < MV_MAX_VCPUS; j++)
            sys.vms[i].vcpus[j].prio = i * MV_MAX_VCPUS + j;
    }
    test_load(&sys);
    char when[96];
    struct vcpu *all[MV_MAX_VMS * MV_MAX_VCPUS];
    for (unsigned k = 0; k < MV_MAX_VMS * MV_MAX_VCPUS; k++) {
        all[k] = &vm_table[k / MV_MAX_VCPUS].vcpus[k % MV_MAX_VCPUS];
        snprintf(when, sizeof when, "waking %s (prio %u)", vname(all[k]), all[k]->prio);
        sched_wake(all[k]);
        check_runqueues(when);
    }
    ck_assert_uint_eq(sched_cpu()->prio_bitmap, 0xffffffffu);
    uint32_t seed = 12345;
    for (unsigned step = 0; step < 3000; step++) {
        seed = seed * 1103515245u + 12345u;
        struct vcpu *v = all[(seed >> 8) % 32];
        bool block = v->state == VCPU_RUNNABLE;
        snprintf(when, sizeof when, "step %u, %s(%s) (prio %u)", step,
                 block ? "sched_block" : "sched_wake", vname(v), v->prio);
        if (block)
            sched_block(v, 0);
        else
            sched_wake(v);
        check_runqueues(when);
        if (sched_cpu()->prio_bitmap) {
            struct vcpu *next = sched_schedule();
            REQUIRE((int)next->prio == highest_runnable(), "%s: %s (prio %u) runs, but "
                    "priority %d is runnable", when, vname(next), next->prio, highest_runnable());
        }
    }
}
END_TEST

/* ---- task 2: accounting ---- */

START_TEST(equal_priorities_rotate_when_slices_expire) {
    const uint32_t prios[] = {10, 10, 10, 4};
    load_vms(prios, 4);
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(SLICE_NS / 2, V(0), SLICE_NS);           /* no preemption mid-slice */
    expect_run_at(SLICE_NS, V(1), 2 * SLICE_NS);           /* 0 ns left: the slice is over */
    expect_run_at(2 * SLICE_NS, V(2), 3 * SLICE_NS);
    expect_run_at(3 * SLICE_NS, V(0), 4 * SLICE_NS);
    expect_run_at(4 * SLICE_NS + 50000, V(1), 5 * SLICE_NS + 50000);   /* a late timer */
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 2 * SLICE_NS + 50000);   /* the late part too */
    ck_assert_uint_eq(V(1)->shared->time_used_ns, SLICE_NS);
    ck_assert_uint_eq(V(3)->shared->time_used_ns, 0);        /* lower priority never ran */
    check_runqueues("after 5 slices");
}
END_TEST

/* An overrun is neither carried into the fresh slice nor taken out of it. */
START_TEST(late_timer_gives_a_full_slice) {
    const uint32_t prios[] = {10, 10};
    load_vms(prios, 2);
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(SLICE_NS + 30000, V(1), 2 * SLICE_NS + 30000);   /* vm0/0 overran 30 us */
    expect_run_at(2 * SLICE_NS + 30000, V(0), 3 * SLICE_NS + 30000);   /* a full slice */
    expect_run_at(3 * SLICE_NS + 30000, V(1), 4 * SLICE_NS + 30000);
}
END_TEST

/* Alone at its priority, a vCPU at the end of its slice goes on, with a fresh slice. */
START_TEST(alone_at_its_priority_gets_a_fresh_slice) {
    const uint32_t prios[] = {10, 4};
    load_vms(prios, 2);
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(SLICE_NS, V(0), 2 * SLICE_NS);
    expect_run_at(2 * SLICE_NS + 40000, V(0), 3 * SLICE_NS + 40000);   /* late: no carry */
    expect_run_at(3 * SLICE_NS + 40000, V(0), 4 * SLICE_NS + 40000);
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 3 * SLICE_NS + 40000);
    ck_assert_uint_eq(V(1)->shared->time_used_ns, 0);
    check_runqueues("after 4 slices alone");
}
END_TEST

/* A vCPU that blocks is charged for its last stretch, but it has left its queue: charge()
 * must not rotate it (even past the end of its slice) nor touch the queues. */
START_TEST(blocking_is_charged_but_not_rotated) {
    const uint32_t prios[] = {10, 10, 10};
    load_vms(prios, 3);
    expect_run_at(0, V(0), SLICE_NS);
    double_now = 50000;
    sched_block(V(0), 0);   /* mid-slice (MV_HC_WAIT) */
    expect_run_at(50000, V(1), 50000 + SLICE_NS);
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 50000);
    check_runqueues("after vm0/0 blocked mid-slice and was charged");
    double_now = 50000 + SLICE_NS + 7000;   /* the timer was late, and the vCPU blocks */
    sched_block(V(1), 0);
    expect_run_at(50000 + SLICE_NS + 7000, V(2), 50000 + 2 * SLICE_NS + 7000);
    ck_assert_uint_eq(V(1)->shared->time_used_ns, SLICE_NS + 7000);
    check_runqueues("after vm1/0 blocked past the end of its slice and was charged");
    expect_queue(10, "after two vCPUs blocked", V(2));
}
END_TEST

/* Stopping is charged exactly once: the time up to the stop, nothing more. */
START_TEST(stopping_is_charged_exactly) {
    const uint32_t prios[] = {10, 10};
    load_vms(prios, 2);
    expect_run_at(0, V(0), SLICE_NS);
    expect_run_at(30000, V(0), SLICE_NS);
    double_now = 70000;
    sched_stop(V(0));   /* as MV_HC_VCPU_STOP on itself */
    expect_run_at(70000, V(1), 70000 + SLICE_NS);
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 70000);
    expect_run_at(90000, V(1), 70000 + SLICE_NS);
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 70000);
    ck_assert_uint_eq(V(1)->shared->time_used_ns, 20000);
}
END_TEST

START_TEST(idle_time_is_charged_to_no_one) {
    const uint32_t prios[] = {8};
    load_vms(prios, 1);
    expect_run_at(1000, V(0), 1000 + SLICE_NS);
    double_now = 3000;
    sched_block(V(0), 5000);
    expect_pick(V(0), "vm0/0 waits until t=8000, alone");   /* idles, then the timeout wakes it */
    ck_assert_uint_eq(double_now, 8000);
    ck_assert_uint_ge(double_idle_count, 1);
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 2000);   /* 1000..3000, not the idle time */
    expect_run_at(9000, V(0), 8000 + SLICE_NS);   /* it has run since 8000, not since 3000 */
    ck_assert_uint_eq(V(0)->shared->time_used_ns, 3000);
}
END_TEST

/* One graded TCase per item of labs/lab1/lab.json ("lab1_unit_..."). */
void sched_add_tcases(Suite *s) {
    const struct unit_graded graded[] = {   /* (not static: a TTest pointer is no constant) */
        {"lab1_unit_runq_order", {queues_keep_their_order, remove_head_middle_tail_and_last,
                                  highest_priority_runs_down_to_zero, highest_priority_31}},
        {"lab1_unit_bitmap", {bitmap_matches_queues_at_every_priority}},
        {"lab1_unit_round_robin", {equal_priorities_rotate_when_slices_expire,
                                   late_timer_gives_a_full_slice,
                                   alone_at_its_priority_gets_a_fresh_slice}},
        {"lab1_unit_accounting", {blocking_is_charged_but_not_rotated, stopping_is_charged_exactly,
                                  idle_time_is_charged_to_no_one}},
    };
    unit_add_graded(s, "lab1 unit", graded, sizeof graded / sizeof graded[0]);
    sched_state_add_tcases(s);
}
