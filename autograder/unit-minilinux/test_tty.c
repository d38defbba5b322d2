/*
 * test_tty.c - host unit tests of minilinux's line discipline (guest-minilinux/kernel/
 * tty.c), compiled for this machine with stand-ins for the port and the process core:
 * user memory is one array (a user address is an offset in it), the console is a string,
 * and proc_block/proc_wakeup/proc_signal_group only record their calls.
 * `make test-unit-minilinux`.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/tty.h"
#include "kernel/proc.h"

/* ---- stand-ins ---- */
#define USER_SIZE 4096u
static uint8_t user[USER_SIZE];
static char console[65536];
static size_t console_len;
static int blocked, wakeups, last_sig, last_pgid;
struct proc proc_table[NPROC];

void port_console_write(const char *buf, uint32_t len) {
    ck_assert_uint_le(console_len + len, sizeof console);
    memcpy(console + console_len, buf, len);
    console_len += len;
}
int port_copy_from_user(struct port_thread *t, void *dst, uint32_t uva, uint32_t len) {
    (void)t;
    if (uva == 0 || uva > USER_SIZE || len > USER_SIZE - uva)
        return -LX_EFAULT;
    memcpy(dst, user + uva, len);
    return 0;
}
int port_copy_to_user(struct port_thread *t, uint32_t uva, const void *src, uint32_t len) {
    (void)t;
    if (uva == 0 || uva > USER_SIZE || len > USER_SIZE - uva)
        return -LX_EFAULT;
    memcpy(user + uva, src, len);
    return 0;
}
int32_t proc_block(struct proc *p, const void *chan) { (void)p, (void)chan; blocked++; return PROC_BLOCKED; }
void proc_wakeup(const void *chan) { (void)chan; wakeups++; }
int proc_signal_group(int pgid, int sig) { last_pgid = pgid, last_sig = sig; return 1; }

/* ---- helpers ---- */
static struct file file = {.ops = &tty_ops};
static struct proc *me = &proc_table[0];

static void type(const char *s) { tty_input(s, (uint32_t)strlen(s)); }
static int32_t rd(uint32_t n) { return tty_ops.read(&file, me, 16, n); }
static const char *got(int32_t n) {
    static char s[USER_SIZE];
    memcpy(s, user + 16, n > 0 ? (size_t)n : 0);
    s[n > 0 ? n : 0] = '\0';
    return s;
}
static const char *screen(void) { console[console_len] = '\0'; return console; }

/* Every test starts from a fresh tty: canonical mode, empty, echo on (TCSETSF). */
static void reset(void) {
    static struct lx_termios t0;
    static int saved;
    if (!saved) {
        tty_ops.ioctl(&file, me, LX_TCGETS, 512);
        memcpy(&t0, user + 512, sizeof t0);
        saved = 1;
    }
    memcpy(user + 512, &t0, sizeof t0);
    tty_ops.ioctl(&file, me, LX_TCSETSF, 512);
    console_len = 0;
    blocked = wakeups = last_sig = last_pgid = 0;
    file.flags = 0;
    memset(proc_table, 0, sizeof proc_table);
    me->state = PROC_RUNNABLE, me->pid = me->pgid = me->sid = 1;
}

START_TEST(canonical_line_with_editing) {
    type("ab\x7f" "c\bd");
    ck_assert_int_eq(rd(100), PROC_BLOCKED);   /* no line yet */
    type("e\r");
    ck_assert_int_ge(wakeups, 1);
    ck_assert_int_eq(rd(100), 4);
    ck_assert_str_eq(got(4), "ade\n");
    ck_assert_str_eq(screen(), "ab\b \bc\b \bde\r\n");
}
END_TEST

START_TEST(partial_reads_and_two_lines) {
    type("hello\nworld\n");
    ck_assert_int_eq(rd(3), 3);
    ck_assert_str_eq(got(3), "hel");
    ck_assert_int_eq(rd(100), 3);
    ck_assert_str_eq(got(3), "lo\n");
    ck_assert_int_eq(rd(100), 6);
    ck_assert_str_eq(got(6), "world\n");
    file.flags = LX_O_NONBLOCK;
    ck_assert_int_eq(rd(100), -LX_EAGAIN);
}
END_TEST

START_TEST(ctrl_u_ctrl_c_ctrl_d) {
    type("xyz\x15" "ok\x04");       /* Ctrl-U erases, Ctrl-D mid-line submits */
    ck_assert_int_eq(rd(100), 2);
    ck_assert_str_eq(got(2), "ok");
    type("\x04");                    /* at the start of a line: end of file */
    ck_assert_int_eq(rd(100), 0);
    ck_assert_int_eq(rd(100), PROC_BLOCKED);
    type("lost\x03");
    ck_assert_int_eq(last_sig, LX_SIGINT);
    ck_assert_int_eq(last_pgid, 1);
    ck_assert_int_eq(rd(100), PROC_BLOCKED);   /* the line went with the Ctrl-C */
    ck_assert_str_eq(screen(), "xyz\b \b\b \b\b \bok" "lost^C");   /* no newline: the signalled program ends the line */
}
END_TEST

START_TEST(flood_and_any_bytes) {
    static char junk[10240];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 37u + 11u);
    tty_input(junk, sizeof junk);   /* whatever arrives, nothing breaks */
    reset();
    memset(junk, 'x', sizeof junk);
    tty_input(junk, 2000);          /* a line longer than the tty holds */
    type("\n");
    int32_t n = rd(USER_SIZE - 16);
    ck_assert_int_eq(n, 1024);      /* 1023 bytes and the newline that ends it */
    ck_assert_int_eq(got(n)[1023], '\n');
    type("\x03");                   /* a full tty still hears Ctrl-C */
    ck_assert_int_eq(last_sig, LX_SIGINT);
}
END_TEST

START_TEST(raw_mode_and_ioctls) {
    struct lx_termios t;
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TCGETS, 512), 0);
    memcpy(&t, user + 512, sizeof t);
    ck_assert_uint_eq(t.c_lflag & (LX_ICANON | LX_ECHO | LX_ISIG), LX_ICANON | LX_ECHO | LX_ISIG);
    type("ab");   /* half a line: leaving canonical mode makes it readable */
    t.c_lflag &= ~(LX_ICANON | LX_ECHO);
    memcpy(user + 512, &t, sizeof t);
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TCSETS, 512), 0);
    type("c");
    ck_assert_int_eq(rd(100), 3);
    ck_assert_str_eq(got(3), "abc");
    ck_assert_str_eq(screen(), "ab");   /* no echo of the c */
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TIOCGWINSZ, 600), 0);
    ck_assert_uint_eq(((struct lx_winsize *)(user + 600))->ws_row, 24);
    ck_assert_uint_eq(((struct lx_winsize *)(user + 600))->ws_col, 80);
    ck_assert_int_eq(tty_ops.ioctl(&file, me, 0x541b, 600), -LX_ENOTTY);
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TCGETS, 0), -LX_EFAULT);
    ck_assert_int_eq(rd(0), 0);
}
END_TEST

START_TEST(foreground_group) {
    int32_t pg = 7;
    proc_table[1] = (struct proc){.state = PROC_RUNNABLE, .pid = 7, .pgid = 7, .sid = 1};
    proc_table[2] = (struct proc){.state = PROC_RUNNABLE, .pid = 9, .pgid = 9, .sid = 9};
    memcpy(user + 700, &pg, 4);
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TIOCSPGRP, 700), 0);
    type("\x03");
    ck_assert_int_eq(last_pgid, 7);
    pg = 9;
    memcpy(user + 700, &pg, 4);
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TIOCSPGRP, 700), -LX_EPERM);
    pg = 42;
    memcpy(user + 700, &pg, 4);
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TIOCSPGRP, 700), -LX_ESRCH);
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TIOCGPGRP, 704), 0);
    ck_assert_int_eq(*(int32_t *)(user + 704), 7);
    pg = 1;
    memcpy(user + 700, &pg, 4);
    ck_assert_int_eq(tty_ops.ioctl(&file, me, LX_TIOCSPGRP, 700), 0);
}
END_TEST

START_TEST(write_onlcr_and_efault) {
    memcpy(user + 100, "a\nb\n", 4);
    ck_assert_int_eq(tty_ops.write(&file, me, 100, 4), 4);
    ck_assert_str_eq(screen(), "a\r\nb\r\n");
    ck_assert_int_eq(tty_ops.write(&file, me, 0, 4), -LX_EFAULT);
    tty_write_kernel("k\n", 2);
    ck_assert_str_eq(screen(), "a\r\nb\r\nk\r\n");
}
END_TEST

int main(void) {
    Suite *s = suite_create("minilinux_tty");
    TCase *tc = tcase_create("tty");
    tcase_add_checked_fixture(tc, reset, NULL);
    tcase_add_test(tc, canonical_line_with_editing);
    tcase_add_test(tc, partial_reads_and_two_lines);
    tcase_add_test(tc, ctrl_u_ctrl_c_ctrl_d);
    tcase_add_test(tc, flood_and_any_bytes);
    tcase_add_test(tc, raw_mode_and_ioctls);
    tcase_add_test(tc, foreground_group);
    tcase_add_test(tc, write_onlcr_and_efault);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
