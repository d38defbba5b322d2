/*
 * test_irq.c - system test_irq (systems/test_irq.c): an IRQ route hands the virtual
 * timer to one VM (autograder/scenarios/sc_ticker.c); another cannot touch it
 * (sc_intruder.c).
 */
#include <string.h>
#include "systest.h"

#define SYSTEM "test_irq"
#define TAGS "foundation system"

/* Every tick arrives as the route's vIRQ line, after its deadline, and is acknowledged. */
START_TEST(routed_timer_ticks) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, "ticker", "lines_ok", 5);
    EXPECT_RESULT(run, "ticker", "on_time", 5);
    EXPECT_RESULT(run, "ticker", "acks_ok", 5);
    EXPECT_RESULT(run, "ticker", "ack_noright", MV_EPERM);
    systest_expect_stopped(run, "ticker", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* A VM without the route gets an undefined instruction, not the timer. */
START_TEST(timer_is_private) {
    const struct systest_run *run = systest_run(SYSTEM);
    char line[200];
    EXPECT_RESULT(run, "intruder", "intruder_try", 1);
    EXPECT_NO_RESULT(run, "intruder", "intruder_wrote_timer");
    systest_expect_stopped(run, "intruder", -1, line, sizeof line);
    EXPECT(run, strstr(line, "undefined instruction") != NULL,
           "the intruder should be stopped by an undefined instruction, saw: %s", line);
}
END_TEST

Suite *suite_irq(void) {
    Suite *s = suite_create("irq");
    systest_add(s, "routed_timer_ticks", TAGS, routed_timer_ticks, SYSTEST_TIMEOUT_S);
    systest_add(s, "timer_is_private", TAGS, timer_is_private, SYSTEST_TIMEOUT_S);
    return s;
}
