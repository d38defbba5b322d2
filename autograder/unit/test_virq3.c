/*
 * test_virq3.c - lab 3's graded unit tests: payloads, virtual timers on the one hardware
 * timer, and console input; and the foundation's promise that a vIRQ result is never
 * negative. Hypercalls go through hypercall_dispatch() as a guest makes them; time moves
 * only when a test moves it (double_now), and the scheduler runs when the test says so.
 */
#include <string.h>
#include "unit.h"
#include "core/console.h"
#include "core/sched.h"
#include "core/virq.h"
#include "core/vm.h"
#include "core/vtimer.h"

#define IN_LINE   3u          /* a0's console input line */
#define B_LINE    4u          /* the line a's cap raises on b */
#define BUF_GPA   0x8000u     /* a guest buffer in a's RAM (identity-mapped) */
#define SLICE_NS  200000u     /* test_system()'s slice: 200 us */

static struct vm *a, *b;

static void setup(void) {
    struct sd_system sys = test_system(128, 2);
    sys.vms[0].name = "a";
    sys.vms[0].caps[0] = (struct sd_cap){.type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "b",
                                         .line = B_LINE};
    sys.vms[1] = (struct sd_vm){.name = "b", .image = test_image(), .ram_kb = 64, .max_prio = 10,
                                .nvcpus = 1, .vcpus = {{.prio = 5, .slice_us = 200}}};
    sys.console_input = (struct sd_console_input){.vm = "a", .vcpu = 0, .line = IN_LINE};
    test_load(&sys);
    a = vm_find("a");
    b = vm_find("b");
}

static struct vcpu *A0(void) { return &a->vcpus[0]; }
static struct vcpu *B0(void) { return &b->vcpus[0]; }
static uint32_t pending(const struct vcpu *v) { return v->shared->virq_pending; }

/* MV_HC_VIRQ_TAKE by @p v: returns r0, the payload in *payload. */
static int32_t take(struct vcpu *v, uint32_t line, uint32_t *payload) {
    int32_t rc = unit_hypercall(v, MV_HC_VIRQ_TAKE, line, 0xdeadbeefu, 0, 0);
    *payload = v->regs.r[1];
    return rc;
}

static void expect_take(struct vcpu *v, uint32_t line, int32_t was, uint32_t payload,
                        const char *when) {
    uint32_t got;
    int32_t rc = take(v, line, &got);
    REQUIRE(rc == was && got == payload, "%s: MV_HC_VIRQ_TAKE(line %u) gave %d with payload "
            "0x%08x, want %d with 0x%08x", when, line, rc, got, was, payload);
    REQUIRE(!(pending(v) & (1u << line)), "%s: line %u still pending after it was taken",
            when, line);
}

/* ---- payloads ---- */

START_TEST(payloads_accumulate_until_taken) {
    ck_assert_int_eq(unit_hypercall(A0(), MV_HC_VIRQ_RAISE, 0, 0x10, 0, 0), 0);
    ck_assert_uint_eq(pending(B0()), 1u << B_LINE);
    expect_take(B0(), B_LINE, 1, 0x10, "one raise");
    expect_take(B0(), B_LINE, 0, 0, "taken twice");
    const uint32_t bits[] = {0x1, 0x2, 0x80000000u, 0x2};   /* a pending line only adds bits */
    for (unsigned i = 0; i < 4; i++)
        ck_assert_int_eq(unit_hypercall(A0(), MV_HC_VIRQ_RAISE, 0, bits[i], 0, 0), 0);
    expect_take(B0(), B_LINE, 1, 0x80000003u, "four raises");
    virq_raise(B0(), 7, 0x70);   /* another line keeps its own payload */
    ck_assert_int_eq(unit_hypercall(A0(), MV_HC_VIRQ_RAISE, 0, 0x4, 0, 0), 0);
    expect_take(B0(), B_LINE, 1, 0x4, "a raise after a take: only the new bits");
    ck_assert_uint_eq(pending(B0()), 1u << 7);
    expect_take(B0(), 7, 1, 0x70, "line 7");
    virq_raise(B0(), 9, 0);   /* no payload: still pending */
    expect_take(B0(), 9, 1, 0, "a raise without payload");
    virq_raise(B0(), 10, 0xa0);
    B0()->shared->virq_pending &= ~(1u << 10);   /* the guest cleared the bit by a store */
    expect_take(B0(), 10, 0, 0xa0, "a payload whose bit the guest cleared itself");
}
END_TEST

START_TEST(ack_clears_payloads_and_take_checks_its_line) {
    virq_raise(B0(), 5, 0x55);
    virq_raise(B0(), 6, 0x66);
    ck_assert_int_eq(unit_hypercall(B0(), MV_HC_VIRQ_ACK, 1u << 5, 0, 0, 0), (1 << 5) | (1 << 6));
    expect_take(B0(), 5, 0, 0, "after MV_HC_VIRQ_ACK of its line");
    expect_take(B0(), 6, 1, 0x66, "a line the ack left alone");
    uint32_t p;
    ck_assert_int_eq(take(B0(), MV_VIRQ_LINES, &p), MV_ERANGE);
    ck_assert_int_eq(take(B0(), 0xffffffffu, &p), MV_ERANGE);
}
END_TEST

/* ---- results are never negative (the foundation's promise: bit 31 is the guest's) ---- */

START_TEST(virq_results_are_never_negative) {
    struct vcpu *v = B0();
    v->shared->virq_pending = 0x80000000u | (1u << 2);   /* the guest wrote bit 31 itself */
    ck_assert_int_eq(unit_hypercall(v, MV_HC_WAIT, 0, 0, 0, 0), 1 << 2);
    ck_assert_int_eq(unit_hypercall(v, MV_HC_VIRQ_ACK, 1u << 2, 0, 0, 0), 1 << 2);
    v->shared->virq_pending = 0x80000000u;
    ck_assert_int_eq(unit_hypercall(v, MV_HC_VIRQ_ACK, 0, 0, 0, 0), 0);
    sched_block(v, 0);   /* blocked in MV_HC_WAIT; a raise wakes it with the lines */
    virq_raise(v, 3, 0);
    ck_assert_msg((int32_t)v->regs.r[0] == (1 << 3), "a raise woke a waiting vCPU with r0 = "
                  "0x%08x: bit 31 of the guest-written word leaked into the result", v->regs.r[0]);
}
END_TEST

/* Raising a line of a VM that has stopped is harmless: no error, and nothing runs again. */
START_TEST(raising_a_stopped_vm_is_harmless) {
    vm_stop(b, 0, "test");
    ck_assert_int_eq(unit_hypercall(A0(), MV_HC_VIRQ_RAISE, 0, 0x1, 0, 0), 0);
    ck_assert_int_eq(B0()->state, VCPU_STOPPED);
    ck_assert_int_eq(b->state, VM_STOPPED);
    ck_assert_ptr_eq(sched_schedule(), A0());
}
END_TEST

/* ---- virtual timers ---- */

static int32_t vtimer(struct vcpu *v, uint64_t deadline, uint32_t line) {
    return unit_hypercall(v, MV_HC_VTIMER_SET, (uint32_t)deadline, (uint32_t)(deadline >> 32),
                          line, 0);
}

/* Let time reach @p t and the scheduler look at it (as the timer interrupt would). */
static void time_is(uint64_t t) {
    double_now = t;
    sched_timer_event(t);
}

START_TEST(vtimer_fires_once_at_its_deadline) {
    double_now = 1000000;
    ck_assert_int_eq(vtimer(A0(), 1003000, 6), 0);
    ck_assert_uint_eq(pending(A0()), 0);
    ck_assert_uint_eq(vtimer_next_at, 1003000);
    time_is(1002999);
    ck_assert_msg(!(pending(A0()) & (1u << 6)), "the timer fired 1 ns before its deadline");
    time_is(1003000);
    ck_assert_msg(pending(A0()) & (1u << 6), "the timer did not fire at its deadline");
    ck_assert_uint_eq(A0()->vtimer_at, UINT64_MAX);   /* one-shot */
    unit_hypercall(A0(), MV_HC_VIRQ_ACK, 1u << 6, 0, 0, 0);
    time_is(5000000);
    ck_assert_msg(!(pending(A0()) & (1u << 6)), "a one-shot timer fired twice");
    ck_assert_uint_eq(vtimer_next_at, UINT64_MAX);
    ck_assert_int_eq(vtimer(A0(), 1, MV_VIRQ_LINES), MV_ERANGE);
}
END_TEST

START_TEST(vtimer_past_cancel_replace) {
    double_now = 2000000;
    ck_assert_int_eq(vtimer(A0(), 1999999, 8), 0);   /* already past: at once */
    ck_assert_msg(pending(A0()) & (1u << 8), "a deadline in the past must raise at once");
    ck_assert_int_eq(vtimer(A0(), 2000000, 9), 0);   /* now: at once too */
    ck_assert_msg(pending(A0()) & (1u << 9), "a deadline equal to now must raise at once");
    ck_assert_int_eq(vtimer(A0(), 2005000, 10), 0);
    ck_assert_int_eq(vtimer(A0(), 0, 10), 0);        /* cancelled */
    time_is(2010000);
    ck_assert_msg(!(pending(A0()) & (1u << 10)), "a cancelled timer fired");
    ck_assert_int_eq(vtimer(A0(), 2020000, 11), 0);
    ck_assert_int_eq(vtimer(A0(), 2015000, 12), 0);  /* replaces: only the second fires */
    time_is(2030000);
    ck_assert_uint_eq(pending(A0()) & (3u << 11), 1u << 12);
}
END_TEST

START_TEST(vtimers_of_many_vcpus) {
    double_now = 0;
    ck_assert_int_eq(vtimer(A0(), 3000, 1), 0);
    ck_assert_int_eq(vtimer(B0(), 1000, 2), 0);
    ck_assert_uint_eq(vtimer_next_at, 1000);
    time_is(1500);
    ck_assert_uint_eq(pending(B0()), 1u << 2);
    ck_assert_uint_eq(pending(A0()), 0);
    ck_assert_uint_eq(vtimer_next_at, 3000);   /* moved on to the next one */
    ck_assert_int_eq(vtimer(B0(), 5000, 2), 0);
    unit_hypercall(B0(), MV_HC_VIRQ_ACK, 1u << 2, 0, 0, 0);
    vm_stop(b, 0, "test");                       /* a stopped VM's timer never raises */
    time_is(6000);
    ck_assert_uint_eq(pending(A0()), 1u << 1);
    ck_assert_msg(pending(B0()) == 0, "the timer of a stopped VM raised its line");
    ck_assert_uint_eq(B0()->vtimer_at, UINT64_MAX);
    ck_assert_uint_eq(vtimer_next_at, UINT64_MAX);
    ck_assert_int_eq(vtimer(A0(), 10000, 1), 0);   /* two deadlines close together: */
    unit_hypercall(A0(), MV_HC_VIRQ_ACK, ~0u, 0, 0, 0);
    ck_assert_int_eq(vtimer(&a->vcpus[1], 10400, 4), 0);
    time_is(10000);                                  /* the first's expiry leaves the second */
    ck_assert_msg(!(pending(&a->vcpus[1]) & (1u << 4)), "a timer fired 400 ns before its deadline");
    ck_assert_uint_eq(vtimer_next_at, 10400);
    ck_assert_int_eq(vtimer(A0(), 20000, 1), 0);    /* the earliest moves later: rescanned */
    ck_assert_int_eq(vtimer(&a->vcpus[1], 30000, 4), 0);
    ck_assert_uint_eq(vtimer_next_at, 20000);
}
END_TEST

/* ---- the hardware timer: the nearest of slice end, wait timeout and virtual timer ---- */

START_TEST(hardware_deadline_is_the_nearest_event) {
    double_now = 100000;
    struct vcpu *run = sched_schedule();   /* a0 runs; its slice ends at now + 200 us */
    ck_assert_ptr_eq(run, A0());
    ck_assert_uint_eq(double_timer_deadline, 100000 + SLICE_NS);
    ck_assert_int_eq(vtimer(A0(), 140000, 2), 0);   /* the running vCPU arms its timer: the */
    ck_assert_msg(double_timer_deadline == 140000,  /* hypercall itself re-arms the hardware */
                  "after MV_HC_VTIMER_SET the hardware timer is set for %llu, not the new "
                  "deadline 140000: the fast path back to the guest would keep the slice end",
                  (unsigned long long)double_timer_deadline);
    ck_assert_int_eq(vtimer(A0(), 0, 2), 0);
    ck_assert_int_eq(vtimer(B0(), 150000, 2), 0);   /* another VM's timer, sooner */
    sched_schedule();
    ck_assert_msg(double_timer_deadline == 150000, "the hardware timer is set for %llu; b's "
                  "virtual timer at 150000 comes first", (unsigned long long)double_timer_deadline);
    ck_assert_int_eq(vtimer(B0(), 0, 2), 0);   /* cancelled: the slice end again */
    sched_schedule();
    ck_assert_uint_eq(double_timer_deadline, 100000 + SLICE_NS);
    struct vcpu *a1 = &a->vcpus[1];
    sched_wake(a1);
    sched_block(a1, 30000);                     /* a wait timeout, sooner still */
    ck_assert_int_eq(vtimer(A0(), 160000, 3), 0);
    sched_schedule();
    ck_assert_uint_eq(double_timer_deadline, 100000 + 30000);
    time_is(130000);                            /* a1 wakes; a0's virtual timer is next */
    sched_schedule();
    ck_assert_uint_eq(double_timer_deadline, 160000);
    time_is(160000);
    ck_assert_msg(pending(A0()) & (1u << 3), "a0's virtual timer did not fire");
    sched_schedule();
    ck_assert_uint_eq(double_timer_deadline, 100000 + SLICE_NS);   /* only the slice end left */
}
END_TEST

START_TEST(idle_until_a_virtual_timer) {
    double_now = 0;
    ck_assert_int_eq(vtimer(B0(), 700000, 5), 0);
    sched_block(A0(), 0);                        /* everyone waits with no timeout: only */
    sched_block(B0(), 0);                        /* b's virtual timer can wake anyone */
    struct vcpu *next = sched_schedule();
    ck_assert_msg(!double_powered_off(), "powered off with a virtual timer armed");
    ck_assert_ptr_eq(next, B0());
    ck_assert_uint_eq(double_now, 700000);       /* the CPU idled until the timer */
    ck_assert_int_eq((int32_t)B0()->regs.r[0], 1 << 5);   /* MV_HC_WAIT's result */
    sched_block(B0(), 0);
    vm_stop(a, 0, "test");                       /* (a owns console input: keys could wake it) */
    EXPECT_POWEROFF(sched_schedule());           /* now nothing can wake anyone */
}
END_TEST

/* ---- console input ---- */

static void type(const char *s, size_t n) {
    double_console_type(s, n);
    console_input_ready();   /* what the UART's receive interrupt does */
}

/* MV_HC_CONSOLE_READ by a0 into BUF_GPA; *dropped = r1. */
static int32_t read_input(uint32_t max, uint32_t *dropped) {
    int32_t rc = unit_hypercall(A0(), MV_HC_CONSOLE_READ, BUF_GPA, max, 0, 0);
    *dropped = A0()->regs.r[1];
    return rc;
}

static void expect_read(uint32_t max, const char *want, size_t n, uint32_t dropped) {
    uint32_t d;
    int32_t rc = read_input(max, &d);
    REQUIRE(rc == (int32_t)n, "MV_HC_CONSOLE_READ(max %u) returned %d, want %zu", max, rc, n);
    REQUIRE(memcmp(test_guest_ptr(a, BUF_GPA), want, n) == 0, "MV_HC_CONSOLE_READ(max %u): "
            "wrong bytes, want \"%.*s\"", max, (int)n, want);
    REQUIRE(d == dropped, "dropped count %u, want %u", d, dropped);
}

START_TEST(console_input_in_order) {
    type("hello", 5);
    ck_assert_msg(pending(A0()) & (1u << IN_LINE), "input must raise the owner's line");
    expect_read(3, "hel", 3, 0);
    expect_read(10, "lo", 2, 0);
    expect_read(10, "", 0, 0);
    char big[200], out[200];
    for (int i = 0; i < 200; i++)
        big[i] = (char)(i + 1);
    type(big, 200);
    expect_read(150, big, 150, 0);
    type(big, 150);                  /* the ring wraps around its end */
    memcpy(out, big + 150, 50);
    memcpy(out + 50, big, 150);
    expect_read(200, out, 200, 0);
    uint32_t d;
    ck_assert_int_eq(unit_hypercall(B0(), MV_HC_CONSOLE_READ, BUF_GPA, 4, 0, 0), MV_EPERM);
    ck_assert_int_eq(read_input(MV_CONSOLE_MAX + 1, &d), MV_ERANGE);
}
END_TEST

START_TEST(console_overflow_drops_and_counts) {
    char first[256], second[100];
    for (int i = 0; i < 256; i++)
        first[i] = (char)('a' + i % 26);
    memset(second, '#', sizeof second);
    type(first, 256);
    unit_hypercall(A0(), MV_HC_VIRQ_ACK, 1u << IN_LINE, 0, 0, 0);
    type(second, 100);               /* the ring is full: all 100 dropped */
    ck_assert_msg(pending(A0()) & (1u << IN_LINE), "input into a full buffer must still raise "
                  "the owner's line: it has to drain it");
    expect_read(100, first, 100, 100);
    type("XY", 2);                   /* room again: kept, after what was there */
    char want[158];
    memcpy(want, first + 100, 156);
    memcpy(want + 156, "XY", 2);
    expect_read(1024, want, 158, 100);
    /* a buffer the guest cannot write: MV_EFAULT and nothing taken */
    type("kept", 4);
    ck_assert_int_eq(unit_hypercall(A0(), MV_HC_CONSOLE_READ, 0x0, 4, 0, 0), MV_EFAULT);   /* page 0 */
    expect_read(4, "kept", 4, 100);
    type("ab", 2);   /* only the part of the buffer the waiting bytes fill is checked */
    uint32_t d;
    ck_assert_int_eq(unit_hypercall(A0(), MV_HC_CONSOLE_READ, 128u * 1024u - 2, 100, 0, 0), 2);   /* the last 2 bytes of RAM */
    ck_assert_int_eq(read_input(4, &d), 0);
    vm_stop(a, 0, "test");           /* an owner that stopped gets nothing: input is discarded */
    type("gone", 4);
    ck_assert_uint_eq(console_in.count, 0);
}
END_TEST

void virq3_add_tcases(Suite *s) {
    const struct {   /* (not static: a TTest pointer is no constant expression) */
        const char *name, *tags;
        const TTest *tests[3];
    } cases[] = {
        {"lab3_unit_payloads", "lab3 unit", {payloads_accumulate_until_taken,
                                             ack_clears_payloads_and_take_checks_its_line}},
        {"lab3_unit_vtimer", "lab3 unit", {vtimer_fires_once_at_its_deadline,
                                           vtimer_past_cancel_replace, vtimers_of_many_vcpus}},
        {"lab3_unit_next_deadline", "lab3 unit", {hardware_deadline_is_the_nearest_event,
                                                  idle_until_a_virtual_timer}},
        {"lab3_unit_console_buffer", "lab3 unit", {console_input_in_order,
                                                   console_overflow_drops_and_counts}},
        {"virq_results", "foundation unit", {virq_results_are_never_negative,
                                             raising_a_stopped_vm_is_harmless}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TCase *tc = unit_tcase_tagged(cases[i].name, cases[i].tags);
        tcase_add_checked_fixture(tc, setup, NULL);
        for (size_t j = 0; j < 3 && cases[i].tests[j]; j++)
            tcase_add_test(tc, cases[i].tests[j]);
        suite_add_tcase(s, tc);
    }
}
