/*
 * test_chan4_ring.c - lab 4's graded unit tests of the guest ring library
 * (userland/lib/chan_ring.c) alone, on a ring in host memory: the test plays the
 * microvisor, filling buffers by writing `len` and `filled` itself. The library never
 * dereferences a buffer address, so buffers here are guest addresses cast to pointers.
 */
#include <stdint.h>
#include <string.h>
#include "chan4.h"
#include "mv/chan_ring.h"

static uint8_t mem[MV_CHAN_RING_BYTES(N)] __attribute__((aligned(16)));
static struct mv_chan_ring *const sh = (struct mv_chan_ring *)mem;
static struct mv_ring r;

static void ring_setup(void) {
    memset(mem, 0xa5, sizeof mem);
    mv_ring_init(&r, sh, N);
}

static void *buf(uint32_t i) { return (void *)(uintptr_t)(0x9000u + 0x100u * i); }

/* What a send does: the next descriptor's len, then `filled`. */
static void fill(uint32_t len) {
    sh->desc[sh->filled & (N - 1)].len = len;
    sh->filled++;
}

/* mv_ring_post(buf(i)) succeeds, into descriptor posted % N. */
static void expect_post(uint32_t i, uint32_t size) {
    uint32_t slot = sh->posted % N;
    REQUIRE(mv_ring_post(&r, buf(i), size) == 0, "mv_ring_post refused buffer %u with %u "
            "of %u outstanding", i, sh->posted - r.consumed, N);
    REQUIRE(sh->desc[slot].addr == (uint32_t)(uintptr_t)buf(i) && sh->desc[slot].size == size,
            "buffer %u posted as the %uth must be in descriptor %u: it holds addr 0x%x size %u",
            i, sh->posted, slot, sh->desc[slot].addr, sh->desc[slot].size);
}

/* mv_ring_next() gives buffer @p i with length @p len. */
static void expect_next(uint32_t i, uint32_t len) {
    uint32_t got = 0xdeadu;
    void *p = mv_ring_next(&r, &got);
    REQUIRE(p == buf(i) && got == len, "mv_ring_next gave %p, length %u; want buffer %u "
            "(%p), length %u", p, got, i, buf(i), len);
}

static void expect_empty(const char *when) {
    uint32_t len;
    REQUIRE(mv_ring_waiting(&r) == 0, "%s: mv_ring_waiting says %u", when, mv_ring_waiting(&r));
    REQUIRE(mv_ring_next(&r, &len) == NULL, "%s: mv_ring_next gave a message", when);
}

/* ---- lab4_unit_ring_helpers ---- */

START_TEST(post_then_next_in_order) {
    expect_post(0, 16);
    expect_post(1, 32);
    expect_post(2, 48);
    ck_assert_uint_eq(sh->posted, 3);
    expect_empty("three buffers posted, none filled");
    fill(5);
    ck_assert_uint_eq(mv_ring_waiting(&r), 1);
    expect_next(0, 5);
    expect_empty("the one message taken");
    fill(7);
    fill(9);
    ck_assert_uint_eq(mv_ring_waiting(&r), 2);
    expect_next(1, 7);
    ck_assert_uint_eq(mv_ring_waiting(&r), 1);
    expect_next(2, 9);
    expect_empty("all taken");
}
END_TEST

START_TEST(post_refuses_when_all_outstanding) {
    for (uint32_t i = 0; i < N; i++)
        expect_post(i, 64);
    ck_assert_msg(mv_ring_post(&r, buf(9), 64) == -1, "a post with all %u buffers "
                  "outstanding must be refused", N);
    ck_assert_uint_eq(sh->posted, N);
    ck_assert_uint_eq(sh->desc[0].addr, (uint32_t)(uintptr_t)buf(0));
    for (uint32_t i = 0; i < N; i++)
        fill(10 + i);
    ck_assert_msg(mv_ring_post(&r, buf(9), 64) == -1, "all filled but none taken: a post "
                  "would overwrite a message not yet taken");
    expect_next(0, 10);
    expect_post(9, 64);   /* into descriptor 0 again */
    ck_assert_int_eq(mv_ring_post(&r, buf(10), 64), -1);
    for (uint32_t i = 1; i < N; i++)
        expect_next(i, 10 + i);
    expect_empty("after the one not filled");
}
END_TEST

/* Free-running counters: around the ring many times, and through 2^32. */
START_TEST(counters_wrap_around) {
    for (uint32_t start = 0; start < 2; start++) {
        sh->posted = sh->filled = r.consumed = start ? 0xfffffff0u : 0;
        for (uint32_t i = 0; i < 5 * N; i++) {
            expect_post(i, 100 + i);
            fill(i);
            ck_assert_uint_eq(mv_ring_waiting(&r), 1);
            expect_next(i, i);
        }
        for (uint32_t i = 0; i < N; i++)   /* a full ring across the wrap */
            expect_post(i, 64);
        ck_assert_int_eq(mv_ring_post(&r, buf(N), 64), -1);
        for (uint32_t i = 0; i < N; i++)
            fill(30 + i);
        ck_assert_uint_eq(mv_ring_waiting(&r), N);
        for (uint32_t i = 0; i < N; i++)
            expect_next(i, 30 + i);
        expect_empty("all taken");
    }
    ck_assert_uint_eq(sh->filled, 0xfffffff0u + 6 * N);   /* it did go through 2^32 */
}
END_TEST

/* ---- lab4_unit_ring_notify ---- */

START_TEST(arm_asks_then_looks_again) {
    expect_post(0, 64);
    expect_post(1, 64);
    ck_assert_msg(mv_ring_arm(&r) == 0, "mv_ring_arm: nothing filled yet (posted buffers are "
                  "no messages)");
    ck_assert_msg(sh->notify == 1, "mv_ring_arm must set the ring's notify");
    sh->notify = 0;   /* a message arrived and the send cleared it (the vIRQ was missed) */
    fill(8);
    ck_assert_msg(mv_ring_arm(&r) == 1, "mv_ring_arm must report a message already waiting");
    expect_next(0, 8);
    sh->notify = 0;
    ck_assert_int_eq(mv_ring_arm(&r), 0);
    ck_assert_uint_eq(sh->notify, 1);
}
END_TEST

START_TEST(space_wanted_reflects_the_flag) {
    ck_assert_int_eq(mv_ring_space_wanted(&r), 0);
    sh->space_wanted = 1;
    ck_assert_int_eq(mv_ring_space_wanted(&r), 1);
    expect_post(0, 64);
    ck_assert_int_eq(mv_ring_space_wanted(&r), 1);
    sh->space_wanted = 0;
    ck_assert_int_eq(mv_ring_space_wanted(&r), 0);
}
END_TEST

void chan4_ring_add_tcases(Suite *s) {
    const TTest *helpers[] = {post_then_next_in_order, post_refuses_when_all_outstanding,
                              counters_wrap_around, NULL};
    const TTest *notify[] = {arm_asks_then_looks_again, space_wanted_reflects_the_flag, NULL};
    unit_add_tests(s, "lab4_unit_ring_helpers", "lab4 unit", ring_setup, helpers);
    unit_add_tests(s, "lab4_unit_ring_notify", "lab4 unit", ring_setup, notify);
}
