/* test_console.c - per-VM console lines: prefixed, never mixed, control characters replaced. */
#include <stdio.h>
#include <string.h>
#include "unit.h"

static struct vm *vm_a, *vm_b;

static void setup_vms(void) {
    vm_count = 2;
    vm_a = &vm_table[0];
    vm_b = &vm_table[1];
    memcpy(vm_a->name, "alpha", 6);
    memcpy(vm_b->name, "b", 2);
}

static void write_str(struct vm *vm, const char *s) { vm_console_write(vm, s, (uint32_t)strlen(s)); }

START_TEST(lines_are_prefixed) {
    write_str(vm_a, "hello, ");
    ck_assert_str_eq(double_console(), "");   /* nothing until the line is complete */
    write_str(vm_a, "world\nsecond line\n");
    ck_assert_str_eq(double_console(), "alpha| hello, world\nalpha| second line\n");
}
END_TEST

START_TEST(lines_of_two_vms_never_mix) {
    write_str(vm_a, "hel");
    write_str(vm_b, "xyz\n");
    write_str(vm_a, "lo\n");
    ck_assert_str_eq(double_console(), "b| xyz\nalpha| hello\n");
}
END_TEST

START_TEST(control_characters_are_replaced) {
    const char in[] = "a\x1b[2Jb\x07" "c\td\r\x7f" "e\x01\x9b" "f\n";
    vm_console_write(vm_a, in, sizeof in - 1);
    ck_assert_str_eq(double_console(), "alpha| a?[2Jb?c\td?e??f\n");   /* 7- and 8-bit */
    double_console_clear();
    const char nul[] = {'x', '\0', 'y', '\n'};   /* a NUL must not end the line early */
    vm_console_write(vm_a, nul, sizeof nul);
    ck_assert_str_eq(double_console(), "alpha| x?y\n");
}
END_TEST

START_TEST(empty_lines_stay_visible) {
    write_str(vm_a, "\n\n");
    ck_assert_str_eq(double_console(), "alpha|  \nalpha|  \n");
}
END_TEST

START_TEST(long_lines_are_split) {
    char text[MV_CONSOLE_LINE + 12];
    memset(text, 'x', sizeof text);
    text[sizeof text - 2] = '\n';
    text[sizeof text - 1] = '\0';
    write_str(vm_a, text);
    char want[2 * MV_CONSOLE_LINE];
    int n = snprintf(want, sizeof want, "alpha| %.*s\nalpha| %.*s\n", (int)MV_CONSOLE_LINE, text,
                     (int)(sizeof text - 2 - MV_CONSOLE_LINE), text);
    ck_assert_int_lt(n, (int)sizeof want);
    ck_assert_str_eq(double_console(), want);
}
END_TEST

START_TEST(stop_flushes_the_partial_line) {
    write_str(vm_a, "no newline");
    vm_stop(vm_a, 2, "test");
    ck_assert_str_eq(double_console(), "alpha| no newline\n[mv] vm 'alpha' stopped (exit code 2): test\n");
}
END_TEST

TCase *console_tcase(void) {
    TCase *tc = unit_tcase("vm_console");
    tcase_add_checked_fixture(tc, setup_vms, NULL);
    tcase_add_test(tc, lines_are_prefixed);
    tcase_add_test(tc, lines_of_two_vms_never_mix);
    tcase_add_test(tc, control_characters_are_replaced);
    tcase_add_test(tc, empty_lines_stay_visible);
    tcase_add_test(tc, long_lines_are_split);
    tcase_add_test(tc, stop_flushes_the_partial_line);
    return tc;
}
