/*
 * proc.c - usertests of processes and memory: exit statuses, waiting for many children,
 * exec with arguments and environment, many forks, a fork bomb against the process
 * limit, heap growth and shrinking, a wild write, and bad pointers given to the kernel.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "lib/linux.h"
#include "lib/posix.h"
#include "ut.h"

static int exit_with(void *code) { return (int)(intptr_t)code; }

int ut_exitwait(void) {
    static const int codes[] = {0, 1, 42, 255};
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        int pid = ut_spawn(exit_with, (void *)(intptr_t)codes[i]);
        UT_SYS(pid);
        int st = 0;
        int got = wait(&st);
        UT_CHECK(got == pid, "wait returned %d, not the child %d", got, pid);
        UT_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == codes[i], "status 0x%x for exit(%d)", st, codes[i]);
    }
    UT_CHECK(wait(NULL) < 0 && errno == ECHILD, "wait without children: errno %d, not ECHILD", errno);
    return UT_OK;
}

int ut_manywait(void) {
    enum { N = 10 };
    int seen = 0;
    for (int i = 0; i < N; i++)
        UT_SYS(ut_spawn(exit_with, (void *)(intptr_t)(i + 1)));
    for (int i = 0; i < N; i++) {
        int st;
        UT_SYS(wait(&st));
        UT_CHECK(WIFEXITED(st) && WEXITSTATUS(st) >= 1 && WEXITSTATUS(st) <= N, "status 0x%x", st);
        seen |= 1 << WEXITSTATUS(st);
    }
    UT_CHECK(seen == ((1 << (N + 1)) - 2), "statuses seen 0x%x", seen);
    return UT_OK;
}

/* /bin/sh -c 'exit $X$#' x a: the environment gives X=4, the arguments $# = 1. */
static int exec_sh(void *arg) {
    char *argv[] = {"sh", "-c", "exit $X$#", "x", "a", NULL};
    char *envp[] = {"X=4", "PATH=/bin", NULL};
    (void)arg;
    execve("/bin/sh", argv, envp);
    return 99;
}

int ut_exec(void) {
    int st = ut_wait(ut_spawn(exec_sh, NULL));
    UT_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 41, "/bin/sh -c 'exit $X$#' x a: status 0x%x, not exit 41", st);
    char *argv[] = {"nosuch", NULL};
    UT_CHECK(execve("/nosuch/program", argv, argv + 1) < 0 && errno == ENOENT,
             "exec of a missing file: errno %d, not ENOENT", errno);
    return UT_OK;
}

int ut_forks40(void) {
    for (int i = 0; i < 40; i++) {
        int pid = ut_spawn(exit_with, (void *)(intptr_t)(i & 0x7f));
        UT_CHECK(pid > 0, "fork %d: %s", i, strerror(errno));
        int st = ut_wait(pid);
        UT_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == (i & 0x7f), "fork %d: status 0x%x", i, st);
    }
    return UT_OK;
}

/* A bomb child waits until the parent closes the pipe, so all of them live at once
 * (closing its own copy of the write end first, or the pipe would never end). */
static int bomb_child(void *arg) {
    int *fds = arg;
    char c;
    close(fds[1]);
    read(fds[0], &c, 1);
    return 0;
}

int ut_forkbomb(void) {
    enum { LINUX_CAP = 64 };   /* Linux's limit is far away: stop at this many */
    int fds[2], n = 0, pid = 0;
    UT_SYS(pipe(fds));
    while (n < LINUX_CAP && (pid = ut_spawn(bomb_child, fds)) > 0)
        n++;
    int err = errno;
    close(fds[1]);
    close(fds[0]);
    int reaped = 0;
    while (wait(NULL) > 0)
        reaped++;
    UT_CHECK(reaped == n, "forked %d children but reaped %d", n, reaped);
    if (pid > 0)
        return ut_minilinux() ? ut_fail("%d forks and no EAGAIN", n) : ut_skip("not minilinux: no limit hit");
    UT_CHECK(err == EAGAIN, "fork failed with errno %d, not EAGAIN", err);
    UT_CHECK(!ut_minilinux() || n < 16, "minilinux allowed %d children (limit 16)", n);
    return UT_OK;
}

int ut_sbrk(void) {
    enum { GROW = 4 << 20, PAGE = 4096 };
    char *start = sbrk(0);
    char *p = sbrk(GROW);
    UT_CHECK(p != (char *)-1, "sbrk(%d): %s", GROW, strerror(errno));
    UT_CHECK(p == start, "sbrk returned %p, not the old break %p", p, start);
    for (int i = 0; i < GROW; i += PAGE)
        p[i] = (char)(i / PAGE), p[i + PAGE - 1] = (char)~(i / PAGE);
    for (int i = 0; i < GROW; i += PAGE)
        UT_CHECK(p[i] == (char)(i / PAGE) && p[i + PAGE - 1] == (char)~(i / PAGE), "page %d lost its data", i / PAGE);
    UT_CHECK(sbrk(-GROW) != (void *)-1, "sbrk(-%d): %s", GROW, strerror(errno));
    UT_CHECK(sbrk(0) == start, "after shrinking the break is %p, not %p", sbrk(0), start);
    return UT_OK;
}

static int wild_write(void *arg) {
    (void)arg;
    volatile int *volatile bad = (volatile int *)0x10;   /* opaque to gcc */
    *bad = 1;
    return 0;
}

int ut_segv(void) {
    int st = ut_wait(ut_spawn(wild_write, NULL));
    UT_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "wild write: status 0x%x, not SIGSEGV", st);
    UT_CHECK(lx_sig_to_linux(WTERMSIG(st)) == 11, "SIGSEGV is not Linux's 11");
    return UT_OK;
}

int ut_efault(void) {
    int fds[2];
    UT_SYS(pipe(fds));
    UT_CHECK(write(fds[1], (void *)0x10, 4) < 0 && errno == EFAULT, "write from 0x10: errno %d", errno);
    UT_SYS(write(fds[1], "abcd", 4));
    UT_CHECK(read(fds[0], (void *)0x10, 4) < 0 && errno == EFAULT, "read into 0x10: errno %d", errno);
    UT_CHECK(open((const char *)0x10, O_RDONLY) < 0 && errno == EFAULT, "open of 0x10: errno %d", errno);
    close(fds[0]);
    close(fds[1]);
    return UT_OK;
}
