/*
 * test_chan4.c - lab 4 system tests: channels with receive rings, in QEMU. One system
 * each (systems/test_chan_*.c); each scenario's comment (autograder/scenarios/
 * sc_chan4_*.c) says what it does and names its results, and chan4_guest.h holds what
 * both ends of a system agree on (counts, sizes, the message pattern).
 *
 * Every wait in the scenarios has a 20 ms timeout and is counted when it expires, so a
 * signal that never comes fails a test with a reason instead of a QEMU deadline.
 */
#include "systest.h"

#define TAGS "lab4 system"

/* Numbers the scenarios were built with (autograder/scenarios/chan4_guest.h). */
#define STREAM_N 3000
#define FLOW_POSTED 5     /* sc_chan4_flow_rx.c: buffers posted on a ring of 8 */
#define FLOW_LEN 32
#define CHAN_MAX ((long long)MV_CHAN_MAX)
#define HOSTILE_LEN 400
#define NOTE_QUIET 10
#define NOTE_BURST 320
#define NOTE_RACE 300
#define MULTI_N 150

/* One expected result, and what it means when it is wrong. */
struct expected {
    const char *vm, *key;
    long long want;
    const char *why;
};

static void expect_all(const struct systest_run *run, const struct expected *e, size_t n) {
    for (size_t i = 0; i < n; i++) {
        long long got = RESULT(run, e[i].vm, e[i].key);
        char w[48], g[48];
        EXPECT(run, got == e[i].want, "VM '%s' result '%s': expected %s, saw %s: %s", e[i].vm,
               e[i].key, systest_describe(e[i].want, w, sizeof w),
               systest_describe(got, g, sizeof g), e[i].why);
    }
}
#define EXPECT_ALL(run, table) expect_all(run, table, sizeof table / sizeof table[0])

/* Every VM of @p vms stopped with exit code 0, and QEMU powered off by itself. */
static void expect_all_done(const struct systest_run *run, const char *const *vms) {
    for (; *vms; vms++)
        systest_expect_stopped(run, *vms, 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}

static const char *const tx_rx[] = {"tx", "rx", NULL};

/* ---- test_chan_stream ---- */

static const struct expected stream_results[] = {
    {"rx", "register", 0, "registering a ring of 16 descriptors, all mapped writable"},
    {"tx", "first_error", 0, "the result of the first send that failed (MV_EFULL or MV_EBUSY: "
                             "it waited 20 ms for a space signal that never came)"},
    {"tx", "timeouts", 0, "the sender waited 20 ms for a space signal that never came "
                          "(MV_CHAN_WANT_SPACE, then the receiver posted: its line must rise)"},
    {"tx", "sent", STREAM_N, "messages the sender got through"},
    {"rx", "timeouts", 0, "the receiver armed its ring, found it empty and waited 20 ms for a "
                          "message that never raised its line"},
    {"rx", "received", STREAM_N, "messages delivered into the ring"},
    {"rx", "out_of_order", 0, "messages whose sequence number was already seen"},
    {"rx", "lost", 0, "sequence numbers skipped: messages the sender was told went, never seen"},
    {"rx", "wrong_buf", 0, "messages not in the buffer posted for them (descriptor filled % n)"},
    {"rx", "bad", 0, "messages with the wrong length or bytes (1 B .. 6 KiB, most across a "
                     "page boundary of the source and of the buffer)"},
    {"rx", "ok", STREAM_N, "messages intact and in order"},
};

START_TEST(lab4_sys_stream) {
    const struct systest_run *run = systest_run("test_chan_stream");
    EXPECT_ALL(run, stream_results);
    EXPECT(run, RESULT(run, "rx", "bytes") == RESULT(run, "tx", "bytes"), "the receiver got "
           "%lld bytes, the sender sent %lld", RESULT(run, "rx", "bytes"),
           RESULT(run, "tx", "bytes"));
    EXPECT(run, RESULT(run, "tx", "fulls") >= 100 && RESULT(run, "rx", "wakes") >= 5, "the "
           "stream must fill the ring (MV_EFULL %lld times, expected >= 100) and let the "
           "receiver wait armed (%lld wake-ups, expected >= 5): the test needs both",
           RESULT(run, "tx", "fulls"), RESULT(run, "rx", "wakes"));
    expect_all_done(run, tx_rx);
}
END_TEST

/* ---- test_chan_flow ---- */

static const struct expected flow_results[] = {
    {"rx", "register", 0, "registering a ring of 8 descriptors"},
    {"tx", "p1_sent", FLOW_POSTED, "sends that succeeded before the first error: one per "
                                   "posted buffer (5 posted on a ring of 8 descriptors)"},
    {"tx", "p1_err", MV_EFULL, "a send when every posted buffer is filled"},
    {"rx", "p1_waiting", FLOW_POSTED, "messages in the ring when the sender found it full"},
    {"rx", "p1_wanted", 1, "a send refused with MV_EFULL and MV_CHAN_WANT_SPACE must set the "
                           "ring's space_wanted"},
    {"tx", "p1_early", 0, "the space signal came before the receiver posted any buffer"},
    {"rx", "p1_posted", 1, "MV_HC_CHAN_POSTED after posting a buffer, while the sender waits "
                           "for space: it must signal the sender (returns 1)"},
    {"rx", "p1_wanted_after", 0, "once the sender was signalled, space_wanted is cleared"},
    {"rx", "p1_posted_again", 0, "a second MV_HC_CHAN_POSTED: nobody waits any more"},
    {"tx", "p1_signal", 1 << 1, "the lines the sender's wait for space returned (0: it timed "
                                "out): its channel line 1"},
    {"tx", "p1_after", FLOW_LEN, "the send after the space signal"},
    {"tx", "p2_sent", 1, "sends without MV_CHAN_WANT_SPACE before the ring was full again "
                         "(one buffer was left)"},
    {"tx", "p2_err", MV_EFULL, "a send when every posted buffer is filled"},
    {"rx", "p2_waiting", FLOW_POSTED, "messages in the ring after the second fill"},
    {"rx", "p2_wanted", 0, "MV_EFULL without MV_CHAN_WANT_SPACE asks for no signal"},
    {"rx", "p2_posted", 0, "MV_HC_CHAN_POSTED when no sender asked for space"},
    {"tx", "p2_pending", 0, "the sender's line rose when the receiver posted, though its "
                            "last MV_EFULL did not ask for space (no MV_CHAN_WANT_SPACE)"},
    {"rx", "received", 7, "messages delivered"},
    {"rx", "in_order", 7, "messages intact, in order"},
};

START_TEST(lab4_sys_flow_control) {
    const struct systest_run *run = systest_run("test_chan_flow");
    EXPECT_ALL(run, flow_results);
    expect_all_done(run, tx_rx);
}
END_TEST

/* ---- test_chan_sizes ---- */

static const struct expected sizes_results[] = {
    {"rx", "register", 0, "registering a ring of 4 descriptors"},
    {"tx", "max", CHAN_MAX, "a message of MV_CHAN_MAX bytes into a buffer of that size"},
    {"rx", "m0_len", CHAN_MAX, "the length of the MV_CHAN_MAX-byte message"},
    {"rx", "m0_buf", 0, "the first message goes into the first buffer posted"},
    {"rx", "m0_bad", 0, "bytes of the MV_CHAN_MAX-byte message that differ from what was sent"},
    {"tx", "over_next", MV_ERANGE, "101 bytes when the next buffer holds 100"},
    {"tx", "fit", 100, "100 bytes into that same buffer"},
    {"rx", "m1_len", 100, "the second message is the 100-byte one: nothing of the refused "
                          "101-byte send may be delivered"},
    {"rx", "m1_buf", 1, "the refused send must not use up the 100-byte buffer"},
    {"rx", "m1_bad", 0, "bytes of the 100-byte message that differ from what was sent"},
    {"rx", "guard1", 0, "bytes written past the 100-byte message in its buffer (the refused "
                        "send wrote some?)"},
    {"tx", "over_max", MV_ERANGE, "MV_CHAN_MAX + 1 bytes, though the next buffer is larger"},
    {"tx", "big", CHAN_MAX, "MV_CHAN_MAX bytes into a buffer of MV_CHAN_MAX + 4 KiB"},
    {"rx", "m2_len", CHAN_MAX, "the third message is the second MV_CHAN_MAX-byte one"},
    {"rx", "m2_buf", 2, "the refused sends must not use up buffers"},
    {"rx", "m2_bad", 0, "bytes that differ from what was sent"},
    {"tx", "last", 16, "a last 16-byte message"},
    {"rx", "m3_len", 16, "the last message"},
    {"rx", "m3_buf", 3, "the refused sends must not use up buffers"},
    {"rx", "m3_bad", 0, "bytes that differ from what was sent"},
    {"rx", "extra", 0, "messages delivered after the last one: refused sends delivered"},
    {"rx", "guard0", 0, "bytes written past MV_CHAN_MAX in the first buffer"},
    {"rx", "guard2", 0, "bytes written past the message in the larger buffer (MV_CHAN_MAX + 1?)"},
    {"rx", "guard3", 0, "bytes written past the last message"},
    {"rx", "timeouts", 0, "the receiver waited 20 ms for a message that never raised its line"},
};

START_TEST(lab4_sys_sizes) {
    const struct systest_run *run = systest_run("test_chan_sizes");
    EXPECT_ALL(run, sizes_results);
    EXPECT(run, RESULT(run, "tx", "zero") < 0, "a send of 0 bytes must fail (the length is "
           "1..MV_CHAN_MAX), it returned %lld", RESULT(run, "tx", "zero"));
    EXPECT(run, RESULT(run, "tx", "bad_flags") < 0, "a send with an unknown flag (0x80) must "
           "fail, it returned %lld", RESULT(run, "tx", "bad_flags"));
    expect_all_done(run, tx_rx);
}
END_TEST

/* ---- test_chan_hostile ---- */

static const struct expected source_results[] = {
    {"tx", "src_null", MV_EFAULT, "sending from page 0, which no guest has mapped"},
    {"tx", "src_kernel", MV_EFAULT, "sending from 0xc0100000, the microvisor's half"},
    {"tx", "src_region", MV_EFAULT, "sending from the shared region's guest-physical "
                                    "address, which the sender has a cap for but did not map"},
    {"tx", "src_past_ram", MV_EFAULT, "sending the last 16 bytes of RAM and 384 beyond"},
    {"tx", "src_phys", MV_EFAULT, "sending from 0x40100000, a physical address of the "
                                  "machine's RAM (where the VMs are), not mapped in the sender"},
    {"tx", "src_wrap", MV_EFAULT, "sending 400 bytes from 0xffffff00 (wraps around)"},
    {"tx", "src_map", 0, "mapping the shared region read-only"},
    {"tx", "src_good", HOSTILE_LEN, "sending from the region once mapped (the receiver wrote "
                                    "the message there)"},
};

/* Steps of sc_chan4_hostile_rx.c after "src" (chan4_guest.h: hostile_steps). */
static const char *const broken[] = {
    "ring_unmapped", "ring_ro", "buf_unmapped", "buf_ro", "buf_half", "buf_kernel",
    "buf_wrap", "posted_ahead", "posted_behind",
};
#define N_BROKEN (int)(sizeof broken / sizeof broken[0])

static const char *key_of(const char *step, const char *what) {
    static char keys[4][SCENARIO_KEY_MAX];
    static unsigned next;
    char *k = keys[next++ % 4];
    snprintf(k, SCENARIO_KEY_MAX, "%s_%s", step, what);
    return k;
}

/* After the failed send of step @p k (0: "src"), the receiver saw nothing change. */
static void expect_untouched(const struct systest_run *run, const char *step, int k) {
    EXPECT_RESULT(run, "rx", key_of(step, "line"), 0);      /* no vIRQ for a failed send */
    EXPECT_RESULT(run, "rx", key_of(step, "waiting"), 0);   /* no message */
    EXPECT_RESULT(run, "rx", key_of(step, "filled"), k);    /* `filled` not advanced */
    EXPECT_RESULT(run, "rx", key_of(step, "notify"), 1);    /* still armed */
    EXPECT_RESULT(run, "rx", key_of(step, "dirty"), 0);     /* no byte of a partial copy */
    EXPECT_RESULT(run, "rx", key_of(step, "woke"), 1 << 1); /* the repaired ring works: */
    EXPECT_RESULT(run, "rx", key_of(step, "ok"), 1);        /* the next message arrives */
}

START_TEST(lab4_sys_hostile) {
    const struct systest_run *run = systest_run("test_chan_hostile");
    static const char *const vms[] = {"tx", "rx", "by", NULL};
    EXPECT_RESULT(run, "rx", "shm_map", 0);
    EXPECT_RESULT(run, "rx", "register", 0);
    EXPECT_ALL(run, source_results);
    expect_untouched(run, "src", 0);
    for (int k = 0; k < N_BROKEN; k++) {
        long long bad = RESULT(run, "tx", key_of(broken[k], "bad"));
        char d[48];
        EXPECT(run, bad == MV_EPEER, "step '%s' (sc_chan4_hostile_rx.c): the receiver broke "
               "its ring; the send must fail with -10 (MV_EPEER) and deliver nothing, but it "
               "returned %s", broken[k], systest_describe(bad, d, sizeof d));
        expect_untouched(run, broken[k], k + 1);
        EXPECT_RESULT(run, "tx", key_of(broken[k], "good"), HOSTILE_LEN);
    }
    EXPECT_RESULT(run, "by", "rounds", 50);
    expect_all_done(run, vms);
}
END_TEST

/* ---- test_chan_notify ---- */

static const struct expected notify_results[] = {
    {"rx", "register", 0, "registering a ring of 16 descriptors"},
    {"tx", "q_sent", NOTE_QUIET, "sends into a ring never armed"},
    {"rx", "q_waiting", NOTE_QUIET, "messages in the ring never armed"},
    {"rx", "q_line", 0, "the receiver never set `notify`, yet sends raised its line"},
    {"rx", "q_ok", NOTE_QUIET, "messages intact, in order"},
    {"tx", "b_sent", NOTE_BURST, "messages of the burst that went"},
    {"tx", "b_timeouts", 0, "the sender waited 20 ms for a space signal that never came"},
    {"rx", "b_timeouts", 0, "the receiver armed, found its ring empty, and no message raised "
                            "its line for 20 ms"},
    {"rx", "b_msgs", NOTE_BURST, "messages of the burst received"},
    {"rx", "b_ok", NOTE_BURST, "messages intact, in order"},
    {"rx", "b_unarmed", 0, "times the receiver's line was found raised after a drain, though "
                           "`notify` was 0 since the last vIRQ: a send must raise the line "
                           "only when `notify` is set, and clear it"},
    {"tx", "r_prio", 0, "the sender raising its own priority to 14"},
    {"tx", "r_sent", NOTE_RACE, "messages of the race phase that went"},
    {"rx", "r_timeouts", 0, "the receiver armed, found its ring empty, and no message raised "
                            "its line for 20 ms: a message was missed"},
    {"rx", "r_msgs", NOTE_RACE, "messages of the race phase received"},
    {"rx", "r_ok", NOTE_RACE, "messages intact, in order"},
    {"rx", "r_late", 0, "wake-ups that found two messages: one arrived before the receiver "
                        "armed and sat unseen while it slept (mv_ring_arm must set `notify` "
                        "and then look at the ring again)"},
};

START_TEST(lab4_sys_notify_suppression) {
    const struct systest_run *run = systest_run("test_chan_notify");
    EXPECT_ALL(run, notify_results);
    long long arms = RESULT(run, "rx", "b_arms"), wakes = RESULT(run, "rx", "b_wakes");
    EXPECT(run, wakes <= arms, "the receiver's line woke it %lld times but it armed only "
           "%lld times: a line raised without `notify`", wakes, arms);
    EXPECT(run, arms * 4 <= NOTE_BURST, "draining in bulk, the receiver armed %lld times for "
           "%d messages: expected at most one in 4 (it pauses 200 us after each vIRQ, while "
           "the sender fills the 16 buffers)", arms, NOTE_BURST);
    EXPECT(run, RESULT(run, "tx", "b_fulls") > 0, "the burst never filled the ring: the test "
           "needs it full");
    EXPECT(run, RESULT(run, "rx", "r_arm_hits") > 0, "mv_ring_arm() never found a message in "
           "the race phase: the test needs messages that arrive just before the receiver arms");
    expect_all_done(run, tx_rx);
}
END_TEST

/* ---- test_chan_multi ---- */

static const struct expected nocap_results[] = {
    {"nocap", "send0", MV_ECAP, "MV_HC_CHAN_SEND on an empty cap slot"},
    {"nocap", "send1", MV_ECAP, "MV_HC_CHAN_SEND on a vIRQ cap"},
    {"nocap", "send99", MV_ECAP, "MV_HC_CHAN_SEND on slot 99 (there are 16)"},
    {"nocap", "register0", MV_ECAP, "MV_HC_CHAN_REGISTER on an empty cap slot"},
    {"nocap", "register1", MV_ECAP, "MV_HC_CHAN_REGISTER on a vIRQ cap"},
    {"nocap", "posted0", MV_ECAP, "MV_HC_CHAN_POSTED on an empty cap slot"},
    {"nocap", "posted1", MV_ECAP, "MV_HC_CHAN_POSTED on a vIRQ cap"},
    {"srv", "a_register", 0, "registering the ring of channel a"},
    {"srv", "b_register", 0, "registering the ring of channel b"},
    {"srv", "hello_a", 4, "greeting client 1 before it registered its ring "
                          "(MV_EBUSY with MV_CHAN_WANT_SPACE, then the registration signals)"},
    {"srv", "hello_b", 4, "greeting client 2 before it registered its ring"},
    {"srv", "timeouts", 0, "the server waited 20 ms for requests that never raised its lines"},
};

/* Client @p vm (id @p id) on its channel @p ch of the server. */
static void expect_client(const struct systest_run *run, const char *vm, int id, const char *ch) {
    const struct expected r[] = {
        {vm, "register_sendonly", MV_EPERM, "MV_HC_CHAN_REGISTER on a cap without CAP_R_RECV"},
        {vm, "posted_sendonly", MV_EPERM, "MV_HC_CHAN_POSTED on a cap without CAP_R_RECV"},
        {vm, "send_recvonly", MV_EPERM, "MV_HC_CHAN_SEND on a cap without CAP_R_SEND"},
        {vm, "register", 0, "MV_HC_CHAN_REGISTER on a cap with CAP_R_RECV only"},
        {vm, "hello", id, "the id in the server's greeting"},
        {vm, "decoy_filled", 0, "messages delivered into the ring of the refused registration"},
        {vm, "timeouts", 0, "the client waited 20 ms for a reply or space that never came"},
        {vm, "sent", MULTI_N, "requests sent"},
        {vm, "replies", MULTI_N, "replies received"},
        {vm, "replies_ok", MULTI_N, "replies intact, in order (each the request inverted)"},
        {"srv", key_of(ch, "msgs"), MULTI_N, "requests received on this channel: all of this "
                                              "client's, nothing else"},
        {"srv", key_of(ch, "ok"), MULTI_N, "requests carrying this client's next sequence "
                                            "number, intact: nothing of the other channel"},
        {"srv", key_of(ch, "reply_err"), 0, "replies the server could not send"},
    };
    EXPECT_ALL(run, r);
}

START_TEST(lab4_sys_multi_channel) {
    const struct systest_run *run = systest_run("test_chan_multi");
    static const char *const vms[] = {"nocap", "srv", "c1", "c2", NULL};
    EXPECT_ALL(run, nocap_results);
    EXPECT(run, RESULT(run, "srv", "hello_a_fulls") > 0, "client 1 had a ring before the "
           "server's greeting: the test needs the greeting to wait for it");
    expect_client(run, "c1", 1, "a");
    expect_client(run, "c2", 2, "b");
    EXPECT(run, RESULT(run, "srv", "switches") >= 20, "the server took requests from one "
           "channel, then the other, only %lld times: the two streams must interleave",
           RESULT(run, "srv", "switches"));
    expect_all_done(run, vms);
}
END_TEST

Suite *suite_chan4(void) {
    Suite *s = suite_create("chan4");
    systest_add(s, "lab4_sys_stream", TAGS, lab4_sys_stream, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab4_sys_flow_control", TAGS, lab4_sys_flow_control, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab4_sys_sizes", TAGS, lab4_sys_sizes, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab4_sys_hostile", TAGS, lab4_sys_hostile, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab4_sys_notify_suppression", TAGS, lab4_sys_notify_suppression,
                SYSTEST_TIMEOUT_S);
    systest_add(s, "lab4_sys_multi_channel", TAGS, lab4_sys_multi_channel, SYSTEST_TIMEOUT_S);
    return s;
}
