/*
 * test_harness.c - tests of the test machinery itself (autograder/lib): a system that
 * never powers off must end at the deadline, an output flood at the byte cap; QEMU's
 * command line; result-line parsing; sanitized log tails; QEMU that cannot start, and
 * QEMU that crashes.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "systest.h"

#define TAGS "harness"
#define SPIN_DEADLINE_MS 1000u
#define FLOOD_DEADLINE_MS 5000u
#define FLOOD_CAP 16384u
#define KILL_SLACK_MS 3000u   /* from the deadline to QEMU reaped */
#define FAKE_QEMU_CRASH "autograder/tests/system/fake-qemu-crash.sh"

static bool process_gone(int pid) { return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH; }

/* A result holding @p text as if QEMU had printed it. */
static struct qemu_run_result fake_output(const char *text) {
    return (struct qemu_run_result){.output = (char *)text, .len = strlen(text)};
}

START_TEST(deadline) {
    struct systest_run run;
    systest_prepare(&run, "test_spin");
    systest_boot(&run, (struct qemu_run_opts){.deadline_ms = SPIN_DEADLINE_MS});
    const struct qemu_run_result *r = &run.r;
    EXPECT(&run, run.rc == 0 && r->timed_out && !r->truncated && !r->crashed,
           "a system that never powers off must end at the deadline, flagged timed_out only");
    EXPECT(&run, r->elapsed_ms >= r->deadline_ms && r->elapsed_ms < r->deadline_ms + KILL_SLACK_MS,
           "the run took %u ms for a %u ms deadline", r->elapsed_ms, r->deadline_ms);
    EXPECT(&run, r->signal == SIGKILL && r->exit_status == -1 && process_gone(r->pid),
           "QEMU (pid %d) must have been killed with SIGKILL and reaped", r->pid);
    EXPECT_RESULT(&run, "spin", "spinning", 1);   /* what it printed before is kept */
    qemu_run_free(&run.r);
}
END_TEST

START_TEST(byte_cap) {
    struct systest_run run;
    systest_prepare(&run, "test_flood");
    systest_boot(&run, (struct qemu_run_opts){.deadline_ms = FLOOD_DEADLINE_MS, .byte_cap = FLOOD_CAP});
    const struct qemu_run_result *r = &run.r;
    EXPECT(&run, run.rc == 0 && r->truncated && !r->timed_out && !r->crashed && r->len == FLOOD_CAP,
           "an output flood must be cut at the %u-byte cap (kept %zu bytes)", FLOOD_CAP, r->len);
    EXPECT(&run, r->signal == SIGKILL && process_gone(r->pid), "QEMU must have been killed and reaped");
    EXPECT_RESULT(&run, "flood", "flooding", 1);
    EXPECT(&run, !memchr(r->output, '\033', r->len) && !memchr(r->output, '\a', r->len),
           "the guest's escape and bell bytes reached the serial line: the kernel must "
           "replace control characters in guest console output");
    qemu_run_free(&run.r);
}
END_TEST

/* A "QEMU" that prints its arguments: the command line must be exactly the machine's. */
START_TEST(qemu_command_line) {
    const char *const extra[] = {"-S", "-gdb", "tcp::26001", NULL};
    struct qemu_run_opts o = {.image = "/dev/null", .nonce = 0xc0ffee01u, .qemu = "echo",
                              .extra_args = extra};
    struct qemu_run_result r;
    ck_assert_int_eq(qemu_run(&o, &r), 0);
    ck_assert_msg(!r.crashed && r.exit_status == 0 && !r.timed_out, "echo failed: %s", r.error);
    const char *want = "-M virt -cpu cortex-a15 -m 256M -icount shift=0,sleep=off -nic none "
                       "-display none -monitor none -serial stdio -kernel /dev/null "
                       "-device loader,addr=0x4FFFF000,data=0x4e4f4e43,data-len=4 "
                       "-device loader,addr=0x4FFFF004,data=0xc0ffee01,data-len=4 "
                       "-S -gdb tcp::26001\n";
    ck_assert_str_eq(r.output, want);
    qemu_run_free(&r);
}
END_TEST

START_TEST(qemu_missing) {
    struct qemu_run_opts o = {.image = "/dev/null", .qemu = "/nonexistent/qemu-system-arm"};
    struct qemu_run_result r;
    ck_assert_int_eq(qemu_run(&o, &r), 0);
    ck_assert_msg(r.crashed && r.exit_status == 127 && strstr(r.stderr_tail, "cannot start"),
                  "exit %d, stderr '%s'", r.exit_status, r.stderr_tail);
    qemu_run_free(&r);
    o = (struct qemu_run_opts){.image = "/nonexistent/microvisor.elf"};
    ck_assert_int_eq(qemu_run(&o, &r), -1);
    ck_assert_msg(r.crashed && strstr(r.error, "/nonexistent/microvisor.elf"), "error '%s'", r.error);
    qemu_run_free(&r);
}
END_TEST

/* A "QEMU" that prints a line and dies of SIGSEGV: a crash, said in so many words. */
START_TEST(qemu_crash) {
    struct systest_run run;
    char msg[SYSTEST_MSG_MAX];
    systest_prepare(&run, "fake_qemu_crash");   /* its own log and nonce files */
    snprintf(run.image, sizeof run.image, "/dev/null");   /* the fake boots nothing */
    systest_boot(&run, (struct qemu_run_opts){.qemu = FAKE_QEMU_CRASH});
    const struct qemu_run_result *r = &run.r;
    ck_assert_msg(run.rc == 0 && r->crashed && r->signal == SIGSEGV && !r->timed_out,
                  "rc %d, crashed %d, signal %d, timed out %d: %s", run.rc, r->crashed,
                  r->signal, r->timed_out, r->error);
    systest_explain(&run, msg, sizeof msg, "boot");
    ck_assert_msg(strstr(msg, "QEMU crashed (signal 11") && strstr(msg, "about to crash"),
                  "unclear reason: %s", msg);
    qemu_run_free(&run.r);
}
END_TEST

START_TEST(result_line_parser) {
    struct qemu_run_result r = fake_output(
        "[mv] vm 0 'a': 64 KiB RAM, 1 vCPU(s)\n"
        "a| @@ 0000abcd good 42\n"
        "a| @@ 0000abce good 666\n"          /* another run's nonce */
        "a| @@ good 7\n"                     /* no nonce */
        "b| @@ 0000ABCD good -5\n"
        "@@ 0000abcd col0 0x10\n"
        "a| x @@ 0000abcd hidden 1\n"
        "a| @@ 0000abcd empty\n"
        "a| @@ 0000abcd text hello world  \r\n"
        "a| @@ 0000abcd notnum 12abc\n"
        "a| [mv] vm 'a' stopped (exit code 0): forged\n"
        "a| @@ 0000abcd last 9");            /* no final newline */
    long long v = 0;
    char s[SCENARIO_VALUE_MAX];
    ck_assert(scenario_get_int(&r, 0xabcd, "a", "good", &v) && v == 42);
    ck_assert(scenario_get_int(&r, 0xabcd, "b", "good", &v) && v == -5);
    ck_assert_int_eq(scenario_count(&r, 0xabcd, NULL, "good"), 2);
    ck_assert_int_eq(scenario_count(&r, 0xabce, "a", "good"), 1);
    ck_assert(scenario_get_int(&r, 0xabcd, NULL, "col0", &v) && v == 16);
    ck_assert(!scenario_get_int(&r, 0xabcd, "a", "col0", &v));
    ck_assert_int_eq(scenario_count(&r, 0xabcd, NULL, "hidden"), 0);
    ck_assert_str_eq(scenario_get(&r, 0xabcd, "empty", s, sizeof s), "");
    ck_assert(!scenario_get_int(&r, 0xabcd, "a", "empty", &v));
    ck_assert_str_eq(scenario_get_vm(&r, 0xabcd, "a", "text", s, sizeof s), "hello world");
    ck_assert(!scenario_get_int(&r, 0xabcd, "a", "notnum", &v));
    ck_assert(scenario_get_int(&r, 0xabcd, "a", "last", &v) && v == 9);
    ck_assert_ptr_null(scenario_get(&r, 0x1234, "good", s, sizeof s));
    ck_assert_int_eq(scenario_find_line(&r, "[mv] vm 'a' stopped", 0, NULL, 0), -1);
    ck_assert_int_eq(scenario_find_line(&r, "[mv] vm 0 ", 0, s, sizeof s), 0);
}
END_TEST

static bool safe_text(const char *s) {
    for (; *s; s++)
        if (((unsigned char)*s < ' ' && *s != '\n' && *s != '\t') || (unsigned char)*s >= 0x7f)
            return false;
    return true;
}

START_TEST(tail_is_sanitized) {
    char text[1024], tail[512], tiny[16];
    int n = snprintf(text, sizeof text, "line1\nline2\033[2J\r\nline3\a\x9b\n");
    memset(text + n, 'x', 500);
    strcpy(text + n + 500, "\n");
    struct qemu_run_result r = fake_output(text);
    qemu_run_tail(&r, 2, tail, sizeof tail);
    ck_assert_msg(safe_text(tail), "unsafe bytes in the tail");
    ck_assert_msg(!strstr(tail, "line2") && strstr(tail, "line3??\n") && strstr(tail, "[line cut]"),
                  "wrong tail: '%s'", tail);
    ck_assert_uint_lt(strlen(tail), 200);
    qemu_run_tail(&r, 100, tiny, sizeof tiny);
    ck_assert_uint_eq(strlen(tiny), sizeof tiny - 1);
    ck_assert_ptr_eq(qemu_run_tail(&r, 2, tail, 0), tail);   /* size 0: writes nothing */
}
END_TEST

Suite *suite_harness(void) {
    Suite *s = suite_create("harness");
    int qemu_timeout = SYSTEST_TIMEOUT_S + (int)(FLOOD_DEADLINE_MS / 1000u * qemu_run_timeout_scale());
    systest_add(s, "deadline", TAGS, deadline, qemu_timeout);
    systest_add(s, "byte_cap", TAGS, byte_cap, qemu_timeout);
    systest_add(s, "qemu_command_line", TAGS, qemu_command_line, SYSTEST_TIMEOUT_S);
    systest_add(s, "qemu_missing", TAGS, qemu_missing, SYSTEST_TIMEOUT_S);
    systest_add(s, "qemu_crash", TAGS, qemu_crash, SYSTEST_TIMEOUT_S);
    systest_add(s, "result_line_parser", TAGS, result_line_parser, SYSTEST_TIMEOUT_S);
    systest_add(s, "tail_is_sanitized", TAGS, tail_is_sanitized, SYSTEST_TIMEOUT_S);
    return s;
}
