/*
 * test_channel.c - system test_channel (systems/test_channel.c): a shared memory region
 * mapped by two VMs with different rights, and ping-pong through a single-copy channel
 * (autograder/scenarios/sc_chan_ping.c and sc_chan_pong.c).
 */
#include "systest.h"

#define SYSTEM "test_channel"
#define TAGS "foundation system"

/* The writer sees its mapping succeed; the reader may map only read-only, only inside. */
START_TEST(shared_region) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, "ping", "shm_map", 0);
    EXPECT_RESULT(run, "pong", "shm_map_rw", MV_EPERM);   /* its cap has no write right */
    EXPECT_RESULT(run, "pong", "shm_map_outside", MV_ERANGE);
    EXPECT_RESULT(run, "pong", "shm_map", 0);
    EXPECT_RESULT(run, "pong", "shm_seen", 1);   /* ping's text, through its own mapping */
}
END_TEST

/* Ten round trips, each message copied into the buffer the other side posted. */
START_TEST(channel_ping_pong) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, "ping", "first_recv", 0);   /* registering its ring */
    EXPECT_RESULT(run, "pong", "pings_ok", 10);
    EXPECT_RESULT(run, "ping", "replies_ok", 10);
    systest_expect_stopped(run, "ping", 0, NULL, 0);
    systest_expect_stopped(run, "pong", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_channel(void) {
    Suite *s = suite_create("channel");
    systest_add(s, "shared_region", TAGS, shared_region, SYSTEST_TIMEOUT_S);
    systest_add(s, "channel_ping_pong", TAGS, channel_ping_pong, SYSTEST_TIMEOUT_S);
    return s;
}
