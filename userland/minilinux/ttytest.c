/*
 * ttytest.c - the console tty's line discipline, seen from init of the system
 * test_minilinux_tty (autograder/tests/system/test_minilinux_sig.c feeds the keyboard):
 * with SIGINT blocked, it asks for input chunk by chunk ("ttytest: more input") until a
 * Ctrl-C is pending, then waits for it in rt_sigsuspend. The harness types garbage (more
 * than the tty holds, every byte value but the special characters), Ctrl-U, an edited
 * line and Ctrl-C; the test reads the tty's echo on the console.
 */
#include <stdio.h>
#include "lib/linux.h"
#include "minilinux/abi_types.h"

static volatile int hits;

static void on_sigint(int sig) { hits += sig == LX_SIGINT; }

__attribute__((naked)) static void restorer(void) {
    __asm__ volatile("mov r7, %0\n\tsvc #0" : : "i"(LX_NR_rt_sigreturn));
}

static int32_t sys4(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) {
    register uint32_t r0 __asm__("r0") = a0, r1 __asm__("r1") = a1, r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3, r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r7) : "memory");
    return (int32_t)r0;
}

static uint64_t pending(void) {
    uint64_t set = 0;
    sys4(LX_NR_rt_sigpending, (uint32_t)&set, 8, 0, 0);
    return set;
}

int main(void) {
    /* SA_SIGINFO: the restorer calls rt_sigreturn, which expects the rt frame (without it,
     * Linux and minilinux build the old frame, undone by sigreturn) */
    struct lx_sigaction a = {.sa_handler = (uint32_t)on_sigint,
                             .sa_flags = LX_SA_RESTORER | LX_SA_SIGINFO,
                             .sa_restorer = (uint32_t)restorer};
    uint64_t intr = 1ull << (LX_SIGINT - 1), none = 0;
    struct lx_timespec pause = {.tv_sec = 0, .tv_nsec = 30000000};
    sys4(LX_NR_rt_sigaction, LX_SIGINT, (uint32_t)&a, 0, 8);
    sys4(LX_NR_rt_sigprocmask, LX_SIG_BLOCK, (uint32_t)&intr, 0, 8);
    int rounds = 0;
    while (!(pending() & intr) && rounds++ < 100) {
        printf("ttytest: more input\n");
        sys4(LX_NR_nanosleep, (uint32_t)&pause, 0, 0, 0);
    }
    int32_t rc = sys4(LX_NR_rt_sigsuspend, (uint32_t)&none, 8, 0, 0);
    printf("\nttytest: SIGINT from the keyboard: handler ran %d time(s), rt_sigsuspend -> %d\n", hits, (int)rc);
    printf("ttytest: done\n");
    return 0;
}
