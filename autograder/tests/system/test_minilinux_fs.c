/*
 * test_minilinux_fs.c - minilinux's files (systems/test_minilinux_fs.c): its init is
 * userland/minilinux/fstest.c, which checks the file system calls from user mode (the
 * read-only initramfs tree, RAM files in /tmp, directories, descriptors, pipes between two
 * processes, the devices, running out of RAM) and prints a FAIL line for each check that
 * does not hold, then how many checks ran. These tests read its console.
 */
#include <string.h>
#include "systest.h"

#define TAGS "minilinux system"
#define SYSTEM "test_minilinux_fs"

/* Every check of fstest held, and it got to the end. */
START_TEST(minilinux_fs_checks) {
    const struct systest_run *run = systest_run(SYSTEM);
    char line[256];
    EXPECT(run, scenario_find_line(&run->r, "minilinux| fstest: FAIL", 0, line, sizeof line) < 0,
           "a check failed: %s", line);
    long at = KERNEL_LINE(run, "minilinux| fstest: ", line);
    while (at >= 0 && !strstr(line, " checks, "))   /* the last line: "N checks, M failed" */
        at = scenario_find_line(&run->r, "minilinux| fstest: ", (size_t)at + 1, line, sizeof line);
    EXPECT(run, at >= 0, "fstest never said how many checks it ran");
    EXPECT(run, strstr(line, " checks, 0 failed") != NULL, "fstest: %s", line);
    systest_expect_stopped(run, "minilinux", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* What fstest read and listed: the archive's text, the tree's top, a working directory,
 * and /tmp after its directories were removed again. */
START_TEST(minilinux_fs_transcript) {
    const struct systest_run *run = systest_run(SYSTEM);
    char line[256];
    long at = systest_exact_line(run, "minilinux| fstest: /etc/motd starts \"Welcome to minilinux\"", 0);
    at = KERNEL_LINE(run, "minilinux| fstest: ls /: . .. ", line);
    static const char *const names[] = {" README", " bin", " etc", " tmp", " dev"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        EXPECT(run, strstr(line, names[i]) != NULL, "\"%s\" is not in the listing of /: %s",
               names[i] + 1, line);
    at = systest_exact_line(run, "minilinux| fstest: cwd /tmp/d", at);
    at = systest_exact_line(run, "minilinux| fstest: ls /tmp: . .. f", at);
    systest_exact_line(run, "minilinux| fstest: through a dup'ed descriptor", at);
}
END_TEST

Suite *suite_minilinux_fs(void) {
    Suite *s = suite_create("minilinux_fs");
    systest_add(s, "minilinux_fs_checks", TAGS, minilinux_fs_checks, SYSTEST_TIMEOUT_S);
    systest_add(s, "minilinux_fs_transcript", TAGS, minilinux_fs_transcript, SYSTEST_TIMEOUT_S);
    return s;
}
