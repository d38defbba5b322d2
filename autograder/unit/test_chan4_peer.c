/*
 * test_chan4_peer.c - lab 4's graded unit tests of a receiver that corrupts its own
 * ring: whatever it does, the send fails with MV_EPEER, nothing of the message is
 * half-visible (no byte written, `filled` and `len` unchanged, no line raised) and no
 * memory outside the receiver's own RAM is touched.
 */
#include "chan4.h"

/* N good buffers posted, a message ready, a vIRQ asked for: then the test breaks it. */
static void ready(void) {
    for (uint32_t i = 0; i < N; i++)
        post(BUF(i), BUF_SIZE);
    chan4_message(SRC, 32, 14);
    rx_ring->notify = 1;
}

static void expect_epeer(const char *what) {
    chan4_snapshot();
    chan4_expect_refused(SRC, 32, 0, MV_EPEER, what);
}

/* The receiver maps its page @p va again with @p flags (0: unmaps it). */
static void map_b(uint32_t va, uint32_t flags) {
    int32_t rc = flags ? hc_b(MV_HC_VMMU_MAP, va, va, flags) : hc_b(MV_HC_VMMU_UNMAP, va, 0, 0);
    ck_assert_int_eq(rc, 0);
}

START_TEST(posted_too_far_ahead) {
    ready();
    ck_assert_int_eq(send_msg(SRC, 32, 0), 32);
    rx_ring->notify = 1;
    rx_ring->posted = 1 + N + 1;
    expect_epeer("`posted` n + 1 ahead of `filled`");
    rx_ring->posted = 0x80000001u;
    expect_epeer("`posted` 2^31 ahead of `filled`");
    rx_ring->posted = 0;
    expect_epeer("`posted` behind `filled`");
    rx_ring->posted = 1 + N;   /* as far as it may be */
    ck_assert_int_eq(send_msg(SRC, 32, 0), 32);
}
END_TEST

START_TEST(buffer_outside_the_receivers_memory) {
    const struct {
        uint32_t addr;
        const char *what;
    } bad[] = {
        {0x100, "a buffer in page 0"},
        {0xa000, "a buffer in an unmapped page"},
        {0x9ff0, "a buffer running into an unmapped page"},
        {0xc000, "a buffer in a read-only page"},
        {0xbff0, "a buffer running into a read-only page"},
        {0xc0000000u, "a buffer in the microvisor's half"},
        {CHAN4_RAM, "a buffer beyond the receiver's RAM"},
        {CHAN4_RAM - 16, "a buffer running past the receiver's RAM"},
    };
    ready();
    map_b(0xa000, 0);
    map_b(0xc000, MV_MAP_READ);
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rx_ring->desc[0].addr = bad[i].addr;
        expect_epeer(bad[i].what);
    }
    rx_ring->desc[0].addr = BUF(0);
    ck_assert_int_eq(send_msg(SRC, 32, 0), 32);
}
END_TEST

/* The ring was fine when registered; it is checked again at every send. */
START_TEST(ring_unmapped_or_read_only_later) {
    ready();
    map_b(RING, MV_MAP_READ);
    expect_epeer("the ring made read-only after registering");
    map_b(RING, 0);
    expect_epeer("the ring unmapped after registering");
    map_b(RING, MV_MAP_READ | MV_MAP_WRITE);
    ck_assert_int_eq(send_msg(SRC, 32, 0), 32);
}
END_TEST

/* A ring across two pages: the descriptor a send fills may be read-only on its own. */
START_TEST(descriptor_read_only) {
    const uint32_t va = 0xe000 - 32;   /* the header and desc[0] in one page, desc[1] next */
    rx_ring = test_ring_init(receiver, va, N);
    ck_assert_int_eq(hc_b(MV_HC_CHAN_REGISTER, 0, va, N), 0);
    ready();
    ck_assert_int_eq(send_msg(SRC, 32, 0), 32);
    rx_ring->notify = 1;
    map_b(0xe000, MV_MAP_READ);
    expect_epeer("the next descriptor read-only");
}
END_TEST

/* The ring's `filled` is the receiver's to scribble on: the microvisor counts itself. */
START_TEST(forged_filled_ignored) {
    ready();
    ck_assert_int_eq(send_msg(SRC, 32, 0), 32);          /* desc[0] filled: 3 free */
    rx_ring->filled = 1 + N;                             /* "every buffer is free but none" */
    ck_assert_int_eq(send_msg(SRC, 32, 0), 32);          /* still 3 free: not MV_EFULL */
    chan4_expect_in(1, SRC, 32, "the send after the receiver forged `filled`");
    REQUIRE(rx_ring->filled == 2, "the ring's `filled` is %u after two messages, want 2: the "
            "microvisor stores its own count", rx_ring->filled);
    rx_ring->filled = 0;                                 /* "nothing was ever filled" */
    rx_ring->desc[0].len = 0;
    ck_assert_int_eq(send_msg(SRC, 32, 0), 32);
    chan4_expect_in(2, SRC, 32, "the send after the receiver reset `filled`");
    REQUIRE(rx_ring->desc[0].len == 0, "a forged `filled` made the microvisor fill descriptor "
            "0 again");
}
END_TEST

void chan4_peer_add_tcases(Suite *s) {
    const TTest *hostile[] = {posted_too_far_ahead, buffer_outside_the_receivers_memory,
                              ring_unmapped_or_read_only_later, descriptor_read_only,
                              forged_filled_ignored, NULL};
    unit_add_tests(s, "lab4_unit_hostile_ring", "lab4 unit", chan4_setup, hostile);
}
