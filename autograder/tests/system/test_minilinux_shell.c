/*
 * test_minilinux_shell.c - minilinux as a user meets it (systems/minilinux.c, `make run`):
 * init starts the shell on the console and scripted sessions are typed at its prompt, one
 * line per prompt (the harness's line mode); the last line is Ctrl-D, which ends the shell
 * and powers the system off. Each transcript is compared line for line.
 */
#include "systest.h"

#define TAGS "minilinux system"
#define LAB5_TAGS "lab5 minilinux system"   /* graded in lab 5 (labs/lab5/lab.json) */
#define SHELL_SYSTEM "minilinux"
#define PROMPT "minilinux| $ "
#define SESSION_TIMEOUT_S 30
#define SESSION_DEADLINE_MS 20000u

/* Boot the shell system with @p script typed at its prompts (and at @p prompt2, if not
 * NULL: a program's own prompt); its log is minilinux_NAME.log. */
static void session(struct systest_run *run, const char *name, const char *script,
                    const char *prompt2) {
    systest_session(run, SHELL_SYSTEM, name, script, PROMPT, prompt2, SESSION_DEADLINE_MS);
}

/* The end of every session: Ctrl-D at the prompt. */
#define SESSION_END "minilinux| $ exit", "minilinux| init exited with status 0", \
    "[mv] vm 'minilinux' stopped (exit code 0): the VM exited", \
    "[mv] all VMs have stopped; powering off"

static void expect_session(struct systest_run *run, const char *const *lines, size_t n) {
    systest_expect_session(run, lines, n);
    systest_expect_clean_poweroff(run);
    qemu_run_free(&run->r);
}
#define EXPECT_SESSION(run, lines) expect_session((run), (lines), sizeof(lines) / sizeof((lines)[0]))

/* The system boots (microvisor, minilinux, init, the shell), one command runs, Ctrl-D ends it. */
START_TEST(lab5_sys_boot_to_shell) {
    static const char script[] = "echo hello from the shell\n\x04";
    static const char *const lines[] = {
        "minilinux| Welcome to minilinux, a small Unix running as a guest of the microvisor.",
        "minilinux| Files under /tmp are yours to write; everything else is read-only.",
        "minilinux| $ echo hello from the shell",
        "minilinux| hello from the shell",
        SESSION_END};
    struct systest_run run;
    session(&run, "boot", script, NULL);
    EXPECT_SESSION(&run, lines);
}
END_TEST

START_TEST(lab5_sys_pipes) {
    /* pipelines of two and three processes, a reader that quits early (the writer, still writing a binary, gets SIGPIPE) */
    static const char script[] =
    "echo one two three | wc -w\n"
    "cat /etc/motd | grep -c minilinux | wc -l\n"
    "ls /bin | grep -c sh\n"
    "cat /etc/motd /bin/sh /bin/sh | head -n 1\n"
    "echo status $?\n"
    "\x04";
    static const char *const lines[] = {
        "minilinux| $ echo one two three | wc -w",
        "minilinux| 3",
        "minilinux| $ cat /etc/motd | grep -c minilinux | wc -l",
        "minilinux| 1",
        "minilinux| $ ls /bin | grep -c sh",
        "minilinux| 2",
        "minilinux| $ cat /etc/motd /bin/sh /bin/sh | head -n 1",
        "minilinux| Welcome to minilinux, a small Unix running as a guest of the microvisor.",
        "minilinux| $ echo status $?",
        "minilinux| status 0",
        SESSION_END};
    struct systest_run run;
    session(&run, "pipes", script, NULL);
    EXPECT_SESSION(&run, lines);
}
END_TEST

START_TEST(minilinux_shell_basics) {
    /* commands, quoting, ; && ||, $?, not found (127), redirections < > >>, pipes, files and directories under /tmp, errors, uname */
    static const char script[] =
    "echo hello world\n"
    "echo 'single  quoted' \"double $HOME\" back\\ slash\n"
    "echo one; echo two\n"
    "true && echo and-yes\n"
    "false && echo and-no\n"
    "false || echo or-yes\n"
    "false; echo status $?\n"
    "nosuchcmd\n"
    "echo status $?\n"
    "echo line1 > /tmp/f\n"
    "echo line2 >> /tmp/f\n"
    "cat /tmp/f\n"
    "cat < /tmp/f | wc -l\n"
    "grep -c minilinux /etc/motd\n"
    "mkdir /tmp/d\n"
    "cd /tmp/d\n"
    "pwd\n"
    "cp /tmp/f g\n"
    "mv g h\n"
    "ls\n"
    "cat h | head -n 1\n"
    "rm h\n"
    "ls -a\n"
    "cd /\n"
    "ls /nosuch\n"
    "echo status $?\n"
    "uname -sm\n"
    "echo done\n"
    "\x04";
    static const char *const lines[] = {
        "minilinux| $ echo hello world",
        "minilinux| hello world",
        "minilinux| $ echo 'single  quoted' \"double $HOME\" back\\ slash",
        "minilinux| single  quoted double / back slash",
        "minilinux| $ echo one; echo two",
        "minilinux| one",
        "minilinux| two",
        "minilinux| $ true && echo and-yes",
        "minilinux| and-yes",
        "minilinux| $ false && echo and-no",
        "minilinux| $ false || echo or-yes",
        "minilinux| or-yes",
        "minilinux| $ false; echo status $?",
        "minilinux| status 1",
        "minilinux| $ nosuchcmd",
        "minilinux| sh: nosuchcmd: not found",
        "minilinux| $ echo status $?",
        "minilinux| status 127",
        "minilinux| $ echo line1 > /tmp/f",
        "minilinux| $ echo line2 >> /tmp/f",
        "minilinux| $ cat /tmp/f",
        "minilinux| line1",
        "minilinux| line2",
        "minilinux| $ cat < /tmp/f | wc -l",
        "minilinux| 2",
        "minilinux| $ grep -c minilinux /etc/motd",
        "minilinux| 1",
        "minilinux| $ mkdir /tmp/d",
        "minilinux| $ cd /tmp/d",
        "minilinux| $ pwd",
        "minilinux| /tmp/d",
        "minilinux| $ cp /tmp/f g",
        "minilinux| $ mv g h",
        "minilinux| $ ls",
        "minilinux| h",
        "minilinux| $ cat h | head -n 1",
        "minilinux| line1",
        "minilinux| $ rm h",
        "minilinux| $ ls -a",
        "minilinux| .",
        "minilinux| ..",
        "minilinux| $ cd /",
        "minilinux| $ ls /nosuch",
        "minilinux| ls: cannot access '/nosuch': No such file or directory",
        "minilinux| $ echo status $?",
        "minilinux| status 2",
        "minilinux| $ uname -sm",
        "minilinux| Linux armv7l",
        "minilinux| $ echo done",
        "minilinux| done",
        SESSION_END};
    struct systest_run run;
    session(&run, "basics", script, NULL);
    EXPECT_SESSION(&run, lines);
}
END_TEST

START_TEST(minilinux_shell_utils) {
    /* the utilities: mkdir -p, ls and ls -l, wc, grep -n -v -c and its status, head, cp, rm -r and -f, mv, env, sleep, true, false, uname -a, errors of cat and rm */
    static const char script[] =
    "mkdir -p /tmp/a/b/c\n"
    "ls /tmp/a/b\n"
    "echo alpha > /tmp/a/f; echo beta >> /tmp/a/f; echo gamma >> /tmp/a/f\n"
    "wc /tmp/a/f\n"
    "wc -l /tmp/a/f\n"
    "grep -n a /tmp/a/f\n"
    "grep -v beta /tmp/a/f\n"
    "grep -c zeta /tmp/a/f; echo grep says $?\n"
    "head -n 2 /tmp/a/f\n"
    "ls -l /tmp/a\n"
    "cp /tmp/a/f /tmp/a/g\n"
    "rm -r /tmp/a/b\n"
    "ls /tmp/a\n"
    "mv /tmp/a/g /tmp/h\n"
    "cat /tmp/h | wc -c\n"
    "rm /tmp/nosuch\n"
    "rm -f /tmp/nosuch; echo rm -f says $?\n"
    "env | grep PATH\n"
    "env FOO=bar env | grep FOO\n"
    "sleep 1; echo slept\n"
    "true; echo true says $?\n"
    "false; echo false says $?\n"
    "uname -a\n"
    "cat /etc/motd /nosuch\n"
    "echo $?\n"
    "\x04";
    static const char *const lines[] = {
        "minilinux| $ mkdir -p /tmp/a/b/c",
        "minilinux| $ ls /tmp/a/b",
        "minilinux| c",
        "minilinux| $ echo alpha > /tmp/a/f; echo beta >> /tmp/a/f; echo gamma >> /tmp/a/f",
        "minilinux| $ wc /tmp/a/f",
        "minilinux|       3       3      17 /tmp/a/f",
        "minilinux| $ wc -l /tmp/a/f",
        "minilinux|       3 /tmp/a/f",
        "minilinux| $ grep -n a /tmp/a/f",
        "minilinux| 1:alpha",
        "minilinux| 2:beta",
        "minilinux| 3:gamma",
        "minilinux| $ grep -v beta /tmp/a/f",
        "minilinux| alpha",
        "minilinux| gamma",
        "minilinux| $ grep -c zeta /tmp/a/f; echo grep says $?",
        "minilinux| 0",
        "minilinux| grep says 1",
        "minilinux| $ head -n 2 /tmp/a/f",
        "minilinux| alpha",
        "minilinux| beta",
        "minilinux| $ ls -l /tmp/a",
        "minilinux| drwxr-xr-x  3        0 b",
        "minilinux| -rw-r--r--  1       17 f",
        "minilinux| $ cp /tmp/a/f /tmp/a/g",
        "minilinux| $ rm -r /tmp/a/b",
        "minilinux| $ ls /tmp/a",
        "minilinux| f",
        "minilinux| g",
        "minilinux| $ mv /tmp/a/g /tmp/h",
        "minilinux| $ cat /tmp/h | wc -c",
        "minilinux| 17",
        "minilinux| $ rm /tmp/nosuch",
        "minilinux| rm: cannot remove '/tmp/nosuch': No such file or directory",
        "minilinux| $ rm -f /tmp/nosuch; echo rm -f says $?",
        "minilinux| rm -f says 0",
        "minilinux| $ env | grep PATH",
        "minilinux| PATH=/bin",
        "minilinux| $ env FOO=bar env | grep FOO",
        "minilinux| FOO=bar",
        "minilinux| $ sleep 1; echo slept",
        "minilinux| slept",
        "minilinux| $ true; echo true says $?",
        "minilinux| true says 0",
        "minilinux| $ false; echo false says $?",
        "minilinux| false says 1",
        "minilinux| $ uname -a",
        "minilinux| Linux minilinux 6.1.0-minilinux #1 minilinux 0.2 (a paravirtual guest of the microvisor) armv7l",
        "minilinux| $ cat /etc/motd /nosuch",
        "minilinux| Welcome to minilinux, a small Unix running as a guest of the microvisor.",
        "minilinux| Files under /tmp are yours to write; everything else is read-only.",
        "minilinux| cat: /nosuch: No such file or directory",
        "minilinux| $ echo $?",
        "minilinux| 1",
        SESSION_END};
    struct systest_run run;
    session(&run, "utils", script, NULL);
    EXPECT_SESSION(&run, lines);
}
END_TEST

START_TEST(lab5_sys_shell_session) {
    /* background jobs and wait, a spinning process does not stop the shell (timer preemption), kill, two spinners both progress, a faulting process is killed and the shell lives.
     * A background job prints only when the shell waits for it: a line typed while it
     * prints would mix with its output, at a moment the host's speed decides. */
    static const char script[] =
    "spin 100000 &\n"
    "echo the shell answers while spin spins\n"
    "ps\n"
    "kill $!\n"
    "wait $!\n"
    "echo spin ended with $?\n"
    "spin 300 & spin 300 &\n"
    "wait\n"
    "echo both spinners finished\n"
    "segv\n"
    "echo the shell lives: $?\n"
    "\x04";
    static const char *const lines[] = {
        "minilinux| $ spin 100000 &",
        "minilinux| [3]",
        "minilinux| $ echo the shell answers while spin spins",
        "minilinux| the shell answers while spin spins",
        "minilinux| $ ps",
        "minilinux|   PID  PPID  PGID S NAME",
        "minilinux|     1     0     1 S init",
        "minilinux|     2     1     2 S sh",
        "minilinux|     3     2     3 R spin",
        "minilinux|     5     2     5 R ps",
        "minilinux| $ kill $!",
        "minilinux| $ wait $!",
        "minilinux| $ echo spin ended with $?",
        "minilinux| spin ended with 143",
        "minilinux| $ spin 300 & spin 300 &",
        "minilinux| [8]",
        "minilinux| [9]",
        "minilinux| $ wait",
        "minilinux| spin: 300 ms done",
        "minilinux| spin: 300 ms done",
        "minilinux| $ echo both spinners finished",
        "minilinux| both spinners finished",
        "minilinux| $ segv",
        "minilinux| segv: writing to 0x00000010",
        "minilinux| pid 11 (segv): Segmentation fault at 0x00000010, pc 0x000100c2",
        "minilinux| Segmentation fault",
        "minilinux| $ echo the shell lives: $?",
        "minilinux| the shell lives: 139",
        SESSION_END};
    struct systest_run run;
    session(&run, "jobs", script, NULL);
    EXPECT_SESSION(&run, lines);
}
END_TEST

START_TEST(minilinux_shell_interrupt) {
    /* Ctrl-C kills the foreground job (status 130), not the shell; at the prompt it drops the line typed */
    static const char script[] =
    "echo start\n"
    "spin\n"
    "\x03" "echo after ctrl-c: $?\n"
    "half a line\x03" "echo the prompt came back\n"
    "\x04";
    static const char *const lines[] = {
        "minilinux| $ echo start",
        "minilinux| start",
        "minilinux| $ spin",
        "minilinux| spin: spinning until a signal stops me",
        "minilinux| ^C",
        "minilinux| $ echo after ctrl-c: $?",
        "minilinux| after ctrl-c: 130",
        "minilinux| $ half a line^C",
        "minilinux| $ echo the prompt came back",
        "minilinux| the prompt came back",
        SESSION_END};
    struct systest_run run;
    session(&run, "interrupt", script, "spin: spinning until a signal stops me");
    EXPECT_SESSION(&run, lines);
}
END_TEST

Suite *suite_minilinux_shell(void) {
    Suite *s = suite_create("minilinux_shell");
    systest_add(s, "minilinux_shell_basics", TAGS, minilinux_shell_basics, SESSION_TIMEOUT_S);
    systest_add(s, "minilinux_shell_utils", TAGS, minilinux_shell_utils, SESSION_TIMEOUT_S);
    systest_add(s, "lab5_sys_shell_session", LAB5_TAGS, lab5_sys_shell_session, SESSION_TIMEOUT_S);
    systest_add(s, "lab5_sys_boot_to_shell", LAB5_TAGS, lab5_sys_boot_to_shell, SESSION_TIMEOUT_S);
    systest_add(s, "lab5_sys_pipes", LAB5_TAGS, lab5_sys_pipes, SESSION_TIMEOUT_S);
    systest_add(s, "minilinux_shell_interrupt", TAGS, minilinux_shell_interrupt, SESSION_TIMEOUT_S);
    return s;
}
