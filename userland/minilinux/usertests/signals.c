/*
 * signals.c - usertests of signals: a handler runs, a blocked signal waits until it is
 * unblocked, SIGKILL and a default SIGINT kill a child, and SIGCHLD reaches the parent.
 */
#include <signal.h>
#include <unistd.h>
#include "lib/posix.h"
#include "ut.h"

static volatile int caught;

static void on_signal(int sig) { caught = sig; }

int ut_sighandler(void) {
    caught = 0;
    UT_CHECK(signal(SIGUSR1, on_signal) != SIG_ERR, "signal: %s", strerror(errno));
    UT_SYS(raise(SIGUSR1));
    UT_CHECK(caught == SIGUSR1, "handler saw %d, not SIGUSR1 (%d)", caught, SIGUSR1);
    struct sigaction old;
    UT_SYS(sigaction(SIGUSR1, NULL, &old));
    UT_CHECK(old.sa_handler == on_signal, "sigaction does not report the handler");
    return UT_OK;
}

int ut_sigmask(void) {
    sigset_t set, pending;
    caught = 0;
    signal(SIGUSR2, on_signal);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    UT_SYS(sigprocmask(SIG_BLOCK, &set, NULL));
    UT_SYS(kill(getpid(), SIGUSR2));
    UT_CHECK(caught == 0, "the handler ran although SIGUSR2 was blocked");
    UT_SYS(sigpending(&pending));
    UT_CHECK(sigismember(&pending, SIGUSR2), "SIGUSR2 is not pending");
    UT_SYS(sigprocmask(SIG_UNBLOCK, &set, NULL));
    UT_CHECK(caught == SIGUSR2, "unblocking did not deliver SIGUSR2 (caught %d)", caught);
    return UT_OK;
}

static int sleep_forever(void *arg) {
    (void)arg;
    for (;;)
        sleep(10);
    return 0;
}

/* Starts a sleeping child, sends it @p sig and checks it died of it. */
static int kill_child(int sig) {
    int pid = ut_spawn(sleep_forever, NULL);
    UT_SYS(pid);
    UT_SYS(kill(pid, sig));
    int st = ut_wait(pid);
    UT_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sig, "child's status 0x%x, not signal %d", st, sig);
    return UT_OK;
}

int ut_sigkill(void) { return kill_child(SIGKILL); }

int ut_sigint(void) {
    signal(SIGINT, SIG_DFL);   /* what a child of an interactive shell gets */
    return kill_child(SIGINT);
}

static int exit_now(void *arg) {
    (void)arg;
    return 0;
}

int ut_sigchld(void) {
    caught = 0;
    UT_CHECK(signal(SIGCHLD, on_signal) != SIG_ERR, "signal: %s", strerror(errno));
    int st = ut_wait(ut_spawn(exit_now, NULL));
    UT_CHECK(st == 0, "child's status 0x%x", st);
    for (int i = 0; i < 100 && !caught; i++)
        usleep(1000);   /* delivery may trail the wait */
    UT_CHECK(caught == SIGCHLD, "no SIGCHLD (caught %d)", caught);
    return UT_OK;
}
