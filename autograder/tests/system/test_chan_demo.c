/*
 * test_chan_demo.c - system chan_demo (`make run SYSTEM=chan_demo`): the client's
 * transcript of key-value requests over two channels is exactly what the server's
 * answers must give, its throughput line adds up, and the system powers off cleanly.
 * The demo prints no result lines (it is for people), so these tests read its console.
 */
#include <stdlib.h>
#include "systest.h"

#define SYSTEM "chan_demo"
#define TAGS "foundation system"
#define REQUESTS 2000L   /* userland/demo/kv_client.c: KV_ROUNDS puts and gets */

/* Each request and its answer, in order: a put that replaces, a get of a missing key, a
 * delete, and a get after it. */
static const char *const transcript[] = {
    "client| put alpha = 1 -> ok",   "client| put beta = two -> ok",
    "client| get alpha -> ok: 1",    "client| get gamma -> not found",
    "client| put alpha = one -> ok", "client| get alpha -> ok: one",
    "client| del beta -> ok",        "client| get beta -> not found",
};

START_TEST(chan_demo_transcript) {
    const struct systest_run *run = systest_run(SYSTEM);
    long at = 0;
    for (size_t i = 0; i < sizeof transcript / sizeof transcript[0]; i++)
        at = systest_exact_line(run, transcript[i], at) + 1;
    /* the 8 shown and the timed ones, then the client's KV_QUIT (not answered) */
    char served[64];
    snprintf(served, sizeof served, "server| served %ld requests, 2 key(s) stored", REQUESTS + 8);
    systest_exact_line(run, served, at);
}
END_TEST

/* "chan_demo: 2000 requests in N instructions (M instructions per request round trip)" */
START_TEST(chan_demo_throughput) {
    const struct systest_run *run = systest_run(SYSTEM);
    const char *prefix = "client| chan_demo: ";
    char line[256], tail[64];
    KERNEL_LINE(run, prefix, line);
    long requests = 0, total = 0, each = 0;
    int n = sscanf(line + strlen(prefix), "%ld requests in %ld instructions (%ld %63[^\n]",
                   &requests, &total, &each, tail);
    EXPECT(run, n == 4 && strcmp(tail, "instructions per request round trip)") == 0,
           "the throughput line does not read \"chan_demo: R requests in N instructions (M "
           "instructions per request round trip)\": \"%s\"", line);
    EXPECT(run, requests == REQUESTS, "expected %ld timed requests: \"%s\"", REQUESTS, line);
    /* a round trip is two hypercalls and two switches at least: far more than 500 */
    EXPECT(run, total >= 500 * REQUESTS && each == total / requests,
           "the figures do not add up (N >= %ld, M = N / R): \"%s\"", 500 * REQUESTS, line);
    systest_expect_stopped(run, "client", 0, NULL, 0);
    systest_expect_stopped(run, "server", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_chan_demo(void) {
    Suite *s = suite_create("chan_demo");
    systest_add(s, "chan_demo_transcript", TAGS, chan_demo_transcript, SYSTEST_TIMEOUT_S);
    systest_add(s, "chan_demo_throughput", TAGS, chan_demo_throughput, SYSTEST_TIMEOUT_S);
    return s;
}
