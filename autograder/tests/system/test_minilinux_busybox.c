/*
 * test_minilinux_busybox.c - unmodified Linux software on minilinux: Debian's static armhf
 * BusyBox (glibc, hard-float) is the userland of systems/minilinux_busybox.c, its ash the
 * login shell. A session typed at ash's prompt runs /etc/busybox/check.sh (ash functions,
 * loops, $(...), pipes, redirections and some thirty applets); its output is what the
 * same BusyBox prints under qemu-arm, Linux's own ABI (checked when this test was
 * written; the oracle tier, make test-oracle, keeps checking it).
 *
 * Without BusyBox (tools/fetch-busybox.sh could not download it) the suite has no tests
 * and says so: a skip, never a pass.
 */
#include <unistd.h>
#include "systest.h"

#define TAGS "minilinux busybox system"
#define SYSTEM "minilinux_busybox"
#define PROMPT "minilinux| $ "
#define TIMEOUT_S 60
#define DEADLINE_MS 40000u

/* ash asks the terminal where its cursor is (ESC [6n) before each prompt; the transcript
 * shows the ESC as '?'. */
#define ASK "?[6n"

START_TEST(minilinux_busybox_session) {
    static const char script[] =
        "echo hello from $0; echo $PATH\n"
        "sh /etc/busybox/check.sh > /tmp/out 2>&1; echo status $?\n"
        "cat /tmp/out\n"
        "\x04";
    static const char *const lines[] = {
        "minilinux| Enter 'help' for a list of built-in commands.",
        "minilinux| ",
        PROMPT ASK "echo hello from $0; echo $PATH",
        "minilinux| hello from sh",
        "minilinux| /busybox/bin:/bin",
        PROMPT ASK "sh /etc/busybox/check.sh > /tmp/out 2>&1; echo status $?",
        "minilinux| status 0",
        PROMPT ASK "cat /tmp/out",
        "minilinux| hello, ash", "minilinux| hello, applets", "minilinux| counted to 3",
        "minilinux| 4 lines, 3 kinds", "minilinux| 2 apple", "minilinux| 1 banana",
        "minilinux| 1 cherry", "minilinux| 1:banana", "minilinux| 2", "minilinux| bAnAnA",
        "minilinux| Apple", "minilinux| chars: 22", "minilinux| CHE", "minilinux| APP",
        "minilinux| 1 2 3 4 5", "minilinux| 42", "minilinux| e", "minilinux| g.txt",
        "minilinux| ./d/g.txt", "minilinux| ./f.txt", "minilinux| 10 f.txt",
        "minilinux| 3382454f00d0e1449ad9ec55e596fb4f  f.txt",
        "minilinux| 24cab0d01b67b184d0a737de3a5b5d47b8b69b36203273296d5ef763f7fdcf68  f.txt",
        "minilinux| answer=42", "minilinux| 763c338aa6f038f8ef266c493c28b213  -",
        "minilinux| 1", "minilinux| 1970-01-01", "minilinux| kill -0 ok", "minilinux| a.tar",
        "minilinux| f.txt", "minilinux| fruit", "minilinux| fruit.gz", "minilinux| done",
        PROMPT ASK,
        "minilinux| init exited with status 0",
        "[mv] vm 'minilinux' stopped (exit code 0): the VM exited",
        "[mv] all VMs have stopped; powering off",
    };
    struct systest_run run;
    systest_session(&run, SYSTEM, "session", script, PROMPT, NULL, DEADLINE_MS);
    systest_expect_session(&run, lines, sizeof lines / sizeof lines[0]);
    systest_expect_clean_poweroff(&run);
    qemu_run_free(&run.r);
}
END_TEST

Suite *suite_minilinux_busybox(void) {
    Suite *s = suite_create("minilinux_busybox");
    if (access(SYSTEST_BUILD_DIR "/armhf/busybox", R_OK) != 0) {
        fprintf(stderr, "minilinux_busybox: SKIPPED (no tests): Debian's BusyBox is missing ("
                SYSTEST_BUILD_DIR "/armhf/busybox). Run as root: dpkg --add-architecture armhf "
                "&& apt-get update; then make clean test\n");
        return s;
    }
    systest_add(s, "minilinux_busybox_session", TAGS, minilinux_busybox_session, TIMEOUT_S);
    return s;
}
