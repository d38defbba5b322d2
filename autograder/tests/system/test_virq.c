/*
 * test_virq.c - system test_virq (systems/test_virq.c): mv_wait's timeout, vIRQs raised
 * through caps waking a blocked vCPU, and vIRQ upcalls to guest-user mode
 * (sc_virq_recv.c and sc_virq_send.c).
 */
#include "systest.h"

#define SYSTEM "test_virq"
#define TAGS "foundation system"
#define RECV "receiver"
#define SEND "sender"
#define TIMEOUT_NS 500000   /* sc_virq_recv.c */
#define SLACK_NS 5000000    /* a woken vCPU may wait for the other's slice (200 us) and more */
#define SENDER_LINE (1u << 1)
#define RECEIVER_LINE (1u << 5)
#define SELF_LINE (1u << 7)

START_TEST(wait_timeout) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, RECV, "timeout_ret", 0);
    long long elapsed = RESULT(run, RECV, "timeout_elapsed");
    EXPECT(run, elapsed >= TIMEOUT_NS && elapsed < TIMEOUT_NS + SLACK_NS,
           "mv_wait(%d ns) with nothing pending returned after %lld ns of virtual time "
           "(expected at least the timeout, and less than %d ns more)", TIMEOUT_NS, elapsed,
           SLACK_NS);
    EXPECT_RESULT(run, RECV, "self_raise", 0);
    EXPECT_RESULT(run, RECV, "pending_ret", SELF_LINE);
    elapsed = RESULT(run, RECV, "pending_elapsed");
    EXPECT(run, elapsed < TIMEOUT_NS, "mv_wait with line 7 already pending took %lld ns: it "
           "must return at once", elapsed);
    EXPECT_RESULT(run, RECV, "pending_ack", SELF_LINE);
    EXPECT_RESULT(run, RECV, "after_ack", 0);
}
END_TEST

START_TEST(virq_wakes_waiter) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, RECV, "ready_raise", 0);
    EXPECT_RESULT(run, SEND, "ready_bits", SENDER_LINE);
    EXPECT_RESULT(run, SEND, "raise_ret", 0);
    EXPECT_RESULT(run, RECV, "wake_ret", RECEIVER_LINE);
    EXPECT_RESULT(run, RECV, "wake_ack", RECEIVER_LINE);
    long long start = RESULT(run, RECV, "wait_start"), end = RESULT(run, RECV, "wait_end");
    long long raised = RESULT(run, SEND, "raise_time");
    EXPECT(run, start < raised && raised <= end, "the receiver must be blocked in mv_wait when "
           "the sender raises: waited from %lld to %lld ns, raise at %lld ns", start, end, raised);
}
END_TEST

START_TEST(virq_upcall) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, RECV, "set_entry", 0);
    EXPECT_RESULT(run, RECV, "ready2_raise", 0);
    EXPECT_RESULT(run, SEND, "raise2_ret", 0);
    EXPECT_RESULT(run, RECV, "up_r7", 0);   /* 99: the user code ran out of time instead */
    EXPECT_RESULT(run, RECV, "up_cause", MV_CAUSE_VIRQ);
    EXPECT_RESULT(run, RECV, "up_state_cause", MV_CAUSE_VIRQ);
    EXPECT_RESULT(run, RECV, "up_pending", RECEIVER_LINE);
    EXPECT_RESULT(run, RECV, "up_ack", RECEIVER_LINE);
    long long pc = RESULT(run, RECV, "up_pc");
    long long lo = RESULT(run, RECV, "label_spin"), hi = RESULT(run, RECV, "label_spin_end");
    EXPECT(run, pc >= lo && pc < hi, "the vIRQ upcall saved user pc 0x%llx, outside the user "
           "code it interrupted (0x%llx..0x%llx)", pc, lo, hi);
    systest_expect_stopped(run, RECV, 0, NULL, 0);
    systest_expect_stopped(run, SEND, 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_virq(void) {
    Suite *s = suite_create("virq");
    systest_add(s, "wait_timeout", TAGS, wait_timeout, SYSTEST_TIMEOUT_S);
    systest_add(s, "virq_wakes_waiter", TAGS, virq_wakes_waiter, SYSTEST_TIMEOUT_S);
    systest_add(s, "virq_upcall", TAGS, virq_upcall, SYSTEST_TIMEOUT_S);
    return s;
}
