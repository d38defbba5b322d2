/*
 * test_chan4_flow.c - lab 4's graded unit tests of flow control: a full ring refuses,
 * a receiver's line is raised only when it asked (`notify`), and a sender that asked
 * for space (MV_CHAN_WANT_SPACE) hears once when the receiver posts more.
 */
#include <string.h>
#include "chan4.h"

/* ---- lab4_unit_send_full ---- */

START_TEST(full_ring_refuses_until_posted) {
    chan4_message(SRC, 64, 8);
    chan4_snapshot();
    chan4_expect_refused(SRC, 8, 0, MV_EFULL, "nothing posted yet");
    for (uint32_t i = 0; i < N; i++)
        post(BUF(i), BUF_SIZE);
    for (uint32_t i = 0; i < N; i++)   /* every posted buffer takes a message: the last too */
        ck_assert_int_eq(send_msg(SRC, 8 + i, 0), (int32_t)(8 + i));
    rx_ring->notify = 1;
    chan4_snapshot();
    chan4_expect_refused(SRC, 8, 0, MV_EFULL, "every posted buffer filled");
    chan4_expect_refused(SRC, 1, 0, MV_EFULL, "every posted buffer filled");
    post(BUF(7), BUF_SIZE);
    ck_assert_int_eq(send_msg(SRC, 30, 0), 30);
    chan4_expect_in(0, SRC, 30, "after the receiver posted again");
    ck_assert_uint_eq(rx_ring->filled, N + 1);
}
END_TEST

START_TEST(too_long_for_the_next_buffer) {
    post(BUF(0), 16);
    post(BUF(1), BUF_SIZE);
    chan4_message(SRC, 64, 9);
    chan4_snapshot();
    chan4_expect_refused(SRC, 17, 0, MV_ERANGE, "a message longer than the next buffer");
    ck_assert_int_eq(send_msg(SRC, 16, 0), 16);   /* that buffer still takes the next message */
    chan4_expect_in(0, SRC, 16, "a message as long as the buffer");
    ck_assert_int_eq(send_msg(SRC, 17, 0), 17);
    chan4_expect_in(1, SRC, 17, "the next buffer");
}
END_TEST

/* ---- lab4_unit_notify ---- */

START_TEST(line_only_when_asked) {
    for (uint32_t i = 0; i < N; i++)
        post(BUF(i), BUF_SIZE);
    chan4_message(SRC, 8, 10);
    rx_ring->notify = 1;
    ck_assert_int_eq(send_msg(SRC, 8, 0), 8);
    ck_assert_msg(pending(receiver) == 1u << LINE_B, "notify was set: the receiver's line must be "
                  "raised (pending 0x%x)", pending(receiver));
    ck_assert_msg(rx_ring->notify == 0, "the send that raised the line must clear notify");
    ck_assert_uint_eq(pending(sender), 0);
    receiver->vcpus[0].shared->virq_pending = 0;   /* the receiver took the vIRQ */
    ck_assert_int_eq(send_msg(SRC, 8, 0), 8);
    ck_assert_msg(pending(receiver) == 0, "a second message raised the line before the receiver "
                  "asked again");
    rx_ring->notify = 1;   /* re-armed */
    ck_assert_int_eq(send_msg(SRC, 8, 0), 8);
    ck_assert_uint_eq(pending(receiver), 1u << LINE_B);
}
END_TEST

START_TEST(no_line_while_draining) {
    chan4_message(SRC, 8, 11);
    for (uint32_t i = 0; i < 5 * N; i++) {
        post(BUF(i % 8), BUF_SIZE);
        ck_assert_int_eq(send_msg(SRC, 8, 0), 8);
        REQUIRE(pending(receiver) == 0, "message %u raised the receiver's line; it never asked", i);
    }
    ck_assert_uint_eq(rx_ring->notify, 0);
    ck_assert_uint_eq(pending(sender), 0);
}
END_TEST

/* ---- lab4_unit_space_signal ---- */

static int32_t hc_posted(void) { return hc_b(MV_HC_CHAN_POSTED, 0, 0, 0); }

/* One buffer posted and filled: the ring is full. */
static void fill_the_ring(void) {
    chan4_message(SRC, 16, 12);
    post(BUF(0), BUF_SIZE);
    ck_assert_int_eq(send_msg(SRC, 16, 0), 16);
}

static void expect_signalled(bool yes, const char *when) {
    REQUIRE(pending(sender) == (yes ? 1u << LINE_A : 0u), "%s: the sender's pending lines "
            "are 0x%x, want 0x%x", when, pending(sender), yes ? 1u << LINE_A : 0u);
    REQUIRE(pending(receiver) == 0, "%s: the receiver's line was raised (0x%x): a space "
            "signal is for the sender", when, pending(receiver));
}

START_TEST(want_space_signals_once) {
    fill_the_ring();
    ck_assert_int_eq(send_msg(SRC, 16, MV_CHAN_WANT_SPACE), MV_EFULL);
    ck_assert_msg(rx_ring->space_wanted == 1, "a refused MV_CHAN_WANT_SPACE send must set "
                  "the ring's space_wanted");
    expect_signalled(false, "EFULL");
    ck_assert_int_eq(hc_posted(), 0);   /* nothing new posted: nothing to say */
    expect_signalled(false, "MV_HC_CHAN_POSTED with no buffer posted");
    ck_assert_uint_eq(rx_ring->space_wanted, 1);
    post(BUF(1), BUF_SIZE);
    ck_assert_int_eq(hc_posted(), 1);
    expect_signalled(true, "MV_HC_CHAN_POSTED after a post");
    ck_assert_msg(rx_ring->space_wanted == 0, "the signal must clear space_wanted");
    sender->vcpus[0].shared->virq_pending = 0;
    post(BUF(2), BUF_SIZE);
    ck_assert_int_eq(hc_posted(), 0);
    expect_signalled(false, "a second MV_HC_CHAN_POSTED: the sender was told once");
    ck_assert_int_eq(send_msg(SRC, 16, MV_CHAN_WANT_SPACE), 16);   /* and there was room */
}
END_TEST

START_TEST(no_signal_unless_asked) {
    fill_the_ring();
    ck_assert_int_eq(send_msg(SRC, 16, 0), MV_EFULL);
    ck_assert_uint_eq(rx_ring->space_wanted, 0);
    post(BUF(1), BUF_SIZE);
    ck_assert_int_eq(hc_posted(), 0);
    expect_signalled(false, "MV_HC_CHAN_POSTED when no sender asked");
}
END_TEST

/* A sender that asked before the receiver had a ring hears once it has buffers. */
START_TEST(want_space_before_the_ring) {
    ck_assert_int_eq(hc_b(MV_HC_CHAN_REGISTER, 0, 0, 0), 0);
    chan4_message(SRC, 16, 13);
    ck_assert_int_eq(send_msg(SRC, 16, MV_CHAN_WANT_SPACE), MV_EBUSY);
    ck_assert_int_eq(hc_b(MV_HC_CHAN_REGISTER, 0, RING, N), 0);   /* still no buffer */
    expect_signalled(false, "a ring registered with no buffer posted");
    post(BUF(0), BUF_SIZE);
    ck_assert_int_eq(hc_posted(), 1);
    expect_signalled(true, "MV_HC_CHAN_POSTED after the first post");
    sender->vcpus[0].shared->virq_pending = 0;
    ck_assert_int_eq(hc_b(MV_HC_CHAN_REGISTER, 0, 0, 0), 0);
    ck_assert_int_eq(send_msg(SRC, 16, MV_CHAN_WANT_SPACE), MV_EBUSY);
    test_ring_init(receiver, RING, N);
    post(BUF(1), BUF_SIZE);                                        /* posted, then registered */
    ck_assert_int_eq(hc_b(MV_HC_CHAN_REGISTER, 0, RING, N), 0);
    expect_signalled(true, "registering a ring with a buffer posted");
    ck_assert_int_eq(send_msg(SRC, 16, 0), 16);
}
END_TEST

void chan4_flow_add_tcases(Suite *s) {
    const TTest *full[] = {full_ring_refuses_until_posted, too_long_for_the_next_buffer, NULL};
    const TTest *notify[] = {line_only_when_asked, no_line_while_draining, NULL};
    const TTest *space[] = {want_space_signals_once, no_signal_unless_asked,
                            want_space_before_the_ring, NULL};
    unit_add_tests(s, "lab4_unit_send_full", "lab4 unit", chan4_setup, full);
    unit_add_tests(s, "lab4_unit_notify", "lab4 unit", chan4_setup, notify);
    unit_add_tests(s, "lab4_unit_space_signal", "lab4 unit", chan4_setup, space);
}
