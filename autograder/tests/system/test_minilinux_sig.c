/*
 * test_minilinux_sig.c - minilinux's signals and tty, end to end.
 *
 * - test_minilinux_sig runs userland/minilinux/sigtest.c as init: handlers, masks,
 *   default actions, interrupted calls, rt_sigsuspend, faults caught by a handler, signals
 *   into a busy process, frames the kernel refuses. Its transcript is compared line by line.
 * - test_minilinux_tty runs userland/minilinux/ttytest.c and types at it (paced input: a
 *   chunk each time it prints "ttytest: more input"): garbage, more than the tty holds and
 *   without the special characters, then Ctrl-U and Enter, an edited line ("ab", DEL, "c",
 *   CR), "xyz" and Ctrl-U, and Ctrl-C. The console shows the tty's echo ("\b \b" for an
 *   erase, which the harness reads as "? ?"; CR NL, whose CR the microvisor drops) and the
 *   Ctrl-C reaches init's handler.
 */
#define _GNU_SOURCE   /* memmem */
#include <errno.h>
#include <stdlib.h>
#include "systest.h"

#define TAGS "minilinux system"
#define TTY_SYSTEM "test_minilinux_tty"
#define TTY_CHUNK 200u             /* < MV_CONSOLE_INPUT_BUF: the microvisor drops nothing */
#define TTY_FLOOD 1500u            /* more than the tty's 1 KiB */
#define TTY_DEADLINE_MS 8000u
#define TIMEOUT_S 30

static const char *const sig_transcript[] = {
    "minilinux| sigtest: start (pid 1)",
    "minilinux| sigtest: kill(self, SIGUSR1) -> 0; handler ran 1 time(s), signo 10, si_code 0, "
    "ucontext after siginfo: yes",
    "minilinux| sigtest: blocked SIGUSR2: handler ran 0 time(s), pending 0x0000000000000800; "
    "unblocked: 1 time(s)",
    "minilinux| sigtest: block everything -> mask 0xfffffffffffbfeff (no SIGKILL, no SIGSTOP)",
    "minilinux| sigtest: no SA_NODEFER: handler ran 2 time(s), nested 1 deep",
    "minilinux| sigtest: SA_NODEFER: handler ran 2 time(s), nested 2 deep",
    "minilinux| sigtest: SA_RESETHAND: handler ran 1 time(s)",
    "minilinux| sigtest: SA_RESETHAND child -> status 0xa",
    "minilinux| sigtest: SIGTERM child -> status 0xf",
    "minilinux| sigtest: SIG_IGN SIGTERM, SIGCHLD, SIGWINCH child -> status 0x300",
    "minilinux| sigtest: SIGKILL to a sleeping child -> status 0x9",
    "minilinux| sigtest: rt_sigaction: SIGKILL -22, SIGSTOP -22, sigsetsize 4 -22, signal 0 -22, "
    "signal 65 -22, bad pointer -14, old action ok",
    "minilinux| sigtest: kill: no such pid -3, signal 0 to self 0, signal 65 -22, -1 with nobody else -3",
    "minilinux| sigtest: rt_sigprocmask bad how -22, bad sigsetsize -22",
    "minilinux| sigtest: nanosleep interrupted by a handler -> -4 (handler ran 1 time(s))",
    "minilinux| sigtest: wait4 interrupted, no SA_RESTART -> -4",
    "minilinux| sigtest: wait4 interrupted, SA_RESTART -> the child, status 0x700 (handler ran 1 time(s))",
    "minilinux| sigtest: rt_sigsuspend -> -4, handler ran 1 time(s), mask after 0x0000000000000200",
    "minilinux| sigtest: SIGSEGV handler: ran 1 time(s), si_code 1, si_addr 0x00000010; skipped the store",
    "minilinux| sigtest: blocked SIGSEGV, fault in a child -> status 0xb",
    "minilinux| sigtest: 30 signals into a busy child: its sums stayed right: yes",
    "minilinux| sigtest: rt_sigreturn with a bad sp -> status 0xb",
    "minilinux| sigtest: a handler without SA_RESTORER -> status 0xb",
    "minilinux| sigtest: a frame asking for a privileged cpsr: handler ran 1 time(s), still in user mode: yes",
    "minilinux| sigtest: a handler that clobbered d8, d16 and FPSCR ran 1 time(s); after it: "
    "all as before",
    "minilinux| sigtest: done",
    "minilinux| init exited with status 0",
};

static void expect_lines(const struct systest_run *run, const char *const *lines, size_t n) {
    systest_expect_lines(run, lines, n, 0);
}

START_TEST(minilinux_signals) {
    const struct systest_run *run = systest_run("test_minilinux_sig");
    expect_lines(run, sig_transcript, sizeof sig_transcript / sizeof sig_transcript[0]);
    systest_expect_stopped(run, "minilinux", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* Does a line of the kernel start with "minilinux| pid " and contain @p what? */
static bool kernel_says(const struct systest_run *run, const char *what) {
    char line[256];
    for (long at = 0; (at = scenario_find_line(&run->r, "minilinux| pid ", (size_t)at, line,
                                               sizeof line)) >= 0; at++)
        if (strstr(line, what))
            return true;
    return false;
}

/* The kernel's own lines: the fault that kills (not the one a handler catches), the
 * frames it refuses. */
START_TEST(minilinux_signal_kills) {
    const struct systest_run *run = systest_run("test_minilinux_sig");
    static const char *const said[] = {
        " (sigtest): Segmentation fault at 0x00000010, pc 0x",
        " (sigtest): bad signal frame at 0x00000010: Segmentation fault",
        " (sigtest): signal handler without SA_RESTORER, stack at 0x",
    };
    for (size_t i = 0; i < sizeof said / sizeof said[0]; i++)
        EXPECT(run, kernel_says(run, said[i]), "the kernel never said \"...%s...\"", said[i]);
    EXPECT(run, !kernel_says(run, "pid 1 (sigtest): Segmentation fault"),
           "the kernel reported a fault that the process's own handler caught");
}
END_TEST

/* ---- the tty ---- */

/* The keyboard's input: garbage without the special characters (so it only fills the
 * line, past the tty's room), Ctrl-U and Enter, an edited line, "xyz" Ctrl-U, Ctrl-C. */
static size_t tty_input(uint8_t *buf, size_t size) {
    static const uint8_t special[] = {0x03, 0x04, 0x08, 0x0a, 0x0d, 0x15, 0x1c, 0x7f};
    static const char tail[] = "\x15\r" "ab\x7f" "c\r" "xyz\x15" "\x03";
    size_t n = 0;
    uint32_t x = 0x2545f491u;
    while (n < TTY_FLOOD) {
        x = x * 1103515245u + 12345u;
        uint8_t b = (uint8_t)(x >> 16);
        if (!memchr(special, b, sizeof special))
            buf[n++] = b;
    }
    ck_assert_uint_le(n + sizeof tail - 1, size);
    memcpy(buf + n, tail, sizeof tail - 1);
    return n + sizeof tail - 1;
}

/* Expect the line @p raw (the bytes in the log: backspaces) at or after @p from; the
 * harness shows it as @p shown (control characters as '?'). @return its offset. */
static long expect_echo(const struct systest_run *run, const char *raw, const char *shown, long from) {
    char line[256];
    long at = scenario_find_line(&run->r, raw, (size_t)from, line, sizeof line);
    EXPECT(run, at >= 0 && strcmp(line, shown) == 0, "expected the echo \"%s\" (in this order)%s%s",
           shown, at >= 0 ? "; saw " : "", at >= 0 ? line : "");
    return at;
}

/* ttytest's prompt, cut into an echo line. The keyboard's bytes reach the guest as fast as
 * the host feeds QEMU, while ttytest's sleeps between prompts cost no host time (icount
 * skips idle time): on a busy host a prompt can land in the middle of a line's echo, and
 * the microvisor tags what follows as a new line. The echo is what the test checks, so
 * such a prompt is taken out of the log (the line joined again) before it looks. */
static void join_cut_echo(struct qemu_run_result *r) {
    static const char cut[] = "ttytest: more input\nminilinux| ";
    const size_t n = sizeof cut - 1;
    char *at = r->output;
    while ((at = memmem(at, r->len - (size_t)(at - r->output), cut, n)) != NULL) {
        if (at == r->output || at[-1] == '\n') {   /* a prompt on its own line stays */
            at += n;
            continue;
        }
        memmove(at, at + n, r->len - (size_t)(at - r->output) - n + 1);   /* with the NUL */
        r->len -= n;
    }
}

START_TEST(minilinux_tty_keyboard) {
    static uint8_t input[4096];
    struct systest_run run;
    char path[600];
    size_t len = tty_input(input, sizeof input);
    systest_prepare(&run, TTY_SYSTEM);
    snprintf(path, sizeof path, "%s/%s.input", systest_log_dir(), TTY_SYSTEM);
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f && fwrite(input, 1, len, f) == len && fclose(f) == 0,
                  "cannot write the test input %s: %s", path, strerror(errno));
    systest_boot(&run, (struct qemu_run_opts){.deadline_ms = TTY_DEADLINE_MS, .input_path = path,
                                              .input_chunk = TTY_CHUNK,
                                              .input_prompt = "ttytest: more input"});
    EXPECT(&run, run.rc == 0, "the harness could not feed the input file %s", path);
    join_cut_echo(&run.r);
    long at = expect_echo(&run, "minilinux| ab\b \bc", "minilinux| ab? ?c", 0);   /* DEL */
    /* Ctrl-U erased the line, Ctrl-C said so */
    expect_echo(&run, "minilinux| xyz\b \b\b \b\b \b^C", "minilinux| xyz? ?? ?? ?^C", at);
    static const char *const lines[] = {
        "minilinux| ttytest: SIGINT from the keyboard: handler ran 1 time(s), rt_sigsuspend -> -4",
        "minilinux| ttytest: done",
        "minilinux| init exited with status 0",
    };
    expect_lines(&run, lines, sizeof lines / sizeof lines[0]);
    systest_expect_stopped(&run, "minilinux", 0, NULL, 0);
    systest_expect_clean_poweroff(&run);
    qemu_run_free(&run.r);
}
END_TEST

Suite *suite_minilinux_sig(void) {
    Suite *s = suite_create("minilinux_sig");
    systest_add(s, "minilinux_signals", TAGS, minilinux_signals, SYSTEST_TIMEOUT_S);
    systest_add(s, "minilinux_signal_kills", TAGS, minilinux_signal_kills, SYSTEST_TIMEOUT_S);
    systest_add(s, "minilinux_tty_keyboard", TAGS, minilinux_tty_keyboard, TIMEOUT_S);
    return s;
}
