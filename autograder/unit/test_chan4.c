/*
 * test_chan4.c - lab 4's graded unit tests of a send: it checks everything before it
 * delivers anything, and copies once, from the sender's memory into the next posted
 * buffer, in order around the ring. The fixture (chan4.h) is here too.
 */
#include <string.h>
#include "chan4.h"
#include "core/channel.h"
#include "core/vm.h"

#define C_RAM (64u * 1024u)

struct vm *sender, *receiver, *bystander;
struct mv_chan_ring *rx_ring;
static struct {
    uint8_t a[CHAN4_RAM], b[CHAN4_RAM], c[C_RAM];
    uint32_t pending_a, pending_b;
} before;

void chan4_setup(void) {
    struct sd_system sys = test_system(CHAN4_RAM / 1024u, 1);
    sys.vms[0].name = "a";
    sys.vms[0].caps[0] = (struct sd_cap){.type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV,
                                         .object = "pipe"};
    sys.vms[1] = (struct sd_vm){.name = "b", .image = test_image(), .ram_kb = CHAN4_RAM / 1024u,
                                .max_prio = 5, .nvcpus = 1, .vcpus = {{.prio = 5}}};
    sys.vms[1].caps[0] = sys.vms[0].caps[0];
    sys.vms[2] = (struct sd_vm){.name = "c", .image = test_image(), .ram_kb = C_RAM / 1024u,
                                .max_prio = 5, .nvcpus = 1, .vcpus = {{.prio = 5}}};
    sys.channels[0] = (struct sd_channel){.name = "pipe", .ends = {{.vm = "a", .line = LINE_A},
                                                                   {.vm = "b", .line = LINE_B}}};
    test_load(&sys);
    sender = vm_find("a"), receiver = vm_find("b"), bystander = vm_find("c");
    memset(at(receiver, BUF(0)), 0xee, 0x4000);
    memset(at(bystander, 0x7000), 0xcc, C_RAM - 0x7000);
    rx_ring = test_ring_init(receiver, RING, N);
    ck_assert_int_eq(hc_b(MV_HC_CHAN_REGISTER, 0, RING, N), 0);
}

void chan4_message(uint32_t src, uint32_t len, uint32_t seed) {
    for (uint32_t i = 0; i < len; i++)
        at(sender, src)[i] = test_pattern(seed, i);
}

void chan4_expect_in(uint32_t slot, uint32_t src, uint32_t len, const char *when) {
    const struct mv_chan_desc *d = &rx_ring->desc[slot];
    REQUIRE(d->len == len, "%s: descriptor %u has len %u, want %u", when, slot, d->len, len);
    REQUIRE(memcmp(at(receiver, d->addr), at(sender, src), len) == 0, "%s: the bytes in the "
            "buffer of descriptor %u are not the message sent", when, slot);
}

void chan4_snapshot(void) {
    memcpy(before.a, at(sender, 0), CHAN4_RAM);
    memcpy(before.b, at(receiver, 0), CHAN4_RAM);
    memcpy(before.c, at(bystander, 0), C_RAM);
    before.pending_a = pending(sender), before.pending_b = pending(receiver);
}

void chan4_expect_unchanged(const char *when) {
    REQUIRE(memcmp(before.b, at(receiver, 0), CHAN4_RAM) == 0, "%s: the receiver's memory "
            "changed (its ring: filled %u, notify %u, space_wanted %u, desc[0].len %u): a "
            "refused send must deliver nothing", when, rx_ring->filled, rx_ring->notify,
            rx_ring->space_wanted, rx_ring->desc[0].len);
    REQUIRE(memcmp(before.a, at(sender, 0), CHAN4_RAM) == 0, "%s: the sender's memory "
            "changed", when);
    REQUIRE(memcmp(before.c, at(bystander, 0), C_RAM) == 0, "%s: a third VM's memory "
            "changed", when);
    REQUIRE(pending(sender) == before.pending_a && pending(receiver) == before.pending_b,
            "%s: a line was raised (a: 0x%x, b: 0x%x)", when, pending(sender),
            pending(receiver));
}

void chan4_expect_refused(uint32_t src, uint32_t len, uint32_t flags, int32_t err,
                          const char *what) {
    int32_t rc = send_msg(src, len, flags);
    REQUIRE(rc == err, "%s: MV_HC_CHAN_SEND(0x%x, %u, flags 0x%x) returned %d, want %d",
            what, src, len, flags, rc, err);
    chan4_expect_unchanged(what);
}

/* ---- lab4_unit_send_checks ---- */

START_TEST(send_rejects_bad_length_and_flags) {
    post(0x20000, MV_CHAN_MAX + 0x1000);   /* a buffer that would take them all */
    chan4_message(SRC, MV_CHAN_MAX + 1, 1);
    rx_ring->notify = 1;
    chan4_snapshot();
    chan4_expect_refused(SRC, 0, 0, MV_EINVAL, "length 0");
    chan4_expect_refused(SRC, 8, 2, MV_EINVAL, "an unknown flag");
    chan4_expect_refused(SRC, 8, 0x80000000u | MV_CHAN_WANT_SPACE, MV_EINVAL, "an unknown flag");
    chan4_expect_refused(SRC, MV_CHAN_MAX + 1, 0, MV_ERANGE, "longer than MV_CHAN_MAX");
    chan4_expect_refused(SRC, 0xffffffffu, 0, MV_ERANGE, "length 0xffffffff");
    ck_assert_int_eq(send_msg(SRC, MV_CHAN_MAX, 0), (int32_t)MV_CHAN_MAX);   /* the limit itself */
    chan4_expect_in(0, SRC, MV_CHAN_MAX, "a message of MV_CHAN_MAX bytes");
}
END_TEST

START_TEST(send_rejects_unreadable_source) {
    post(BUF(0), BUF_SIZE);
    rx_ring->notify = 1;
    ck_assert_int_eq(unit_hypercall(&sender->vcpus[0], MV_HC_VMMU_UNMAP, 0x30000, 0, 0, 0), 0);
    chan4_snapshot();
    chan4_expect_refused(0x10, 4, 0, MV_EFAULT, "a source in page 0");
    chan4_expect_refused(0xc0000000u, 4, 0, MV_EFAULT, "a source in the microvisor's half");
    chan4_expect_refused(0xfffffff0u, 0x20, 0, MV_EFAULT, "a source that wraps around");
    chan4_expect_refused(CHAN4_RAM - 0x10, 0x20, 0, MV_EFAULT,
                         "a source running past the sender's RAM");
    chan4_expect_refused(0x2fff0, 0x20, 0, MV_EFAULT, "a source running into an unmapped page");
}
END_TEST

START_TEST(send_needs_a_live_peer_with_a_ring) {
    post(BUF(0), BUF_SIZE);
    chan4_message(SRC, 8, 2);
    ck_assert_int_eq(hc_b(MV_HC_CHAN_REGISTER, 0, 0, 0), 0);   /* unregistered */
    chan4_snapshot();
    chan4_expect_refused(SRC, 8, 0, MV_EBUSY, "no ring registered");
    ck_assert_int_eq(hc_b(MV_HC_CHAN_REGISTER, 0, RING, N), 0);
    vm_stop(receiver, 0, "test");
    chan4_snapshot();
    chan4_expect_refused(SRC, 8, 0, MV_EBUSY, "a receiver that stopped");
}
END_TEST

/* ---- lab4_unit_send_copy ---- */

START_TEST(message_lands_in_the_posted_buffer) {
    post(BUF(0), BUF_SIZE);
    post(BUF(1), BUF_SIZE);
    chan4_message(SRC, 13, 3);
    ck_assert_int_eq(send_msg(SRC, 13, 0), 13);
    chan4_expect_in(0, SRC, 13, "one message");
    ck_assert_uint_eq(rx_ring->filled, 1);
    ck_assert_uint_eq(rx_ring->desc[1].len, 0);
    ck_assert_uint_eq(at(receiver, BUF(0))[13], 0xee);   /* nothing past the message */
    ck_assert_uint_eq(at(receiver, BUF(1))[0], 0xee);    /* nor in the next buffer */
    ck_assert_uint_eq(pending(receiver), 0);             /* it did not ask for a vIRQ */
}
END_TEST

/* Messages go to successive descriptors, in order, and on around the ring. */
START_TEST(messages_go_round_the_ring) {
    for (uint32_t round = 0; round < 3; round++) {
        for (uint32_t i = 0; i < N; i++)   /* the receiver took the last round: posts anew */
            post(BUF(round * N + i), BUF_SIZE);
        for (uint32_t k = round * N; k < round * N + N; k++) {
            chan4_message(SRC + 0x100 * k, 10 + k, k);
            ck_assert_int_eq(send_msg(SRC + 0x100 * k, 10 + k, 0), (int32_t)(10 + k));
        }
        for (uint32_t i = 0; i < N; i++)
            chan4_expect_in(i, SRC + 0x100 * (round * N + i), 10 + round * N + i,
                            round ? "after the ring wrapped around" : "the first round");
    }
    ck_assert_uint_eq(rx_ring->filled, 3 * N);
    ck_assert_int_eq(memcmp(at(receiver, BUF(0)), at(sender, SRC), 10), 0);   /* taken, */
    ck_assert_uint_eq(at(receiver, BUF(0))[10], 0xee);              /* never written again */
}
END_TEST

/* The counters run freely through 2^32. Reaching it by sending takes 4 billion
 * messages, so the test starts the microvisor's own count there, and the ring's. */
START_TEST(counters_wrap_past_2_32) {
    receiver->caps[0].chan->filled = rx_ring->filled = rx_ring->posted = 0xfffffffeu;
    for (uint32_t i = 0; i < N; i++)
        post(BUF(i), BUF_SIZE);
    chan4_message(SRC, 64, 4);
    for (uint32_t i = 0; i < N; i++) {
        ck_assert_int_eq(send_msg(SRC + i, 20 + i, 0), (int32_t)(20 + i));
        chan4_expect_in((0xfffffffeu + i) % N, SRC + i, 20 + i, "across 2^32");
    }
    ck_assert_uint_eq(rx_ring->filled, 2);
    chan4_snapshot();
    chan4_expect_refused(SRC, 4, 0, MV_EFULL, "every buffer filled, across 2^32");
}
END_TEST

START_TEST(long_message_crosses_pages) {
    const uint32_t len = 3 * MV_PAGE_SIZE + 100, src = 0x10ff0, dst = 0x20f80;
    chan4_message(src, len, 5);
    memset(at(receiver, dst), 0xee, len + 1);
    post(dst, len);
    ck_assert_int_eq(send_msg(src, len, 0), (int32_t)len);
    chan4_expect_in(0, src, len, "a message across page boundaries");
    ck_assert_uint_eq(at(receiver, dst)[len], 0xee);
}
END_TEST

/* The bytes come from the sender's space: the receiver's memory at the same address
 * holds something else; and a read-only source is enough. */
START_TEST(copies_from_the_senders_memory) {
    chan4_message(SRC, 40, 6);
    memset(at(receiver, SRC), 0x5a, 40);
    post(BUF(0), BUF_SIZE);
    post(BUF(1), BUF_SIZE);
    ck_assert_int_eq(send_msg(SRC, 40, 0), 40);
    chan4_expect_in(0, SRC, 40, "from the sender's memory");
    ck_assert_int_eq(unit_hypercall(&sender->vcpus[0], MV_HC_VMMU_MAP, 0x30000, 0x30000,
                                    MV_MAP_READ, 0), 0);
    chan4_message(0x30000, 40, 7);
    ck_assert_int_eq(send_msg(0x30000, 40, 0), 40);
    chan4_expect_in(1, 0x30000, 40, "from a read-only page");
}
END_TEST

void chan4_add_tcases(Suite *s) {
    const TTest *checks[] = {send_rejects_bad_length_and_flags, send_rejects_unreadable_source,
                             send_needs_a_live_peer_with_a_ring, NULL};
    const TTest *copy[] = {message_lands_in_the_posted_buffer, messages_go_round_the_ring,
                           counters_wrap_past_2_32, long_message_crosses_pages,
                           copies_from_the_senders_memory, NULL};
    chan4_ring_add_tcases(s);
    unit_add_tests(s, "lab4_unit_send_checks", "lab4 unit", chan4_setup, checks);
    unit_add_tests(s, "lab4_unit_send_copy", "lab4 unit", chan4_setup, copy);
    chan4_flow_add_tcases(s);
    chan4_peer_add_tcases(s);
}
