/*
 * main.c - usertests, in the spirit of xv6's: many small tests of the system calls,
 * each printing "usertests: NAME ok" (or "FAILED: reason", or "skipped (why)"), then
 * "usertests: ALL PASSED" or "usertests: N FAILED"; status 0 only if all passed.
 * `usertests NAME...` runs only those. Files go in a fresh directory under $TMPDIR
 * (default /tmp), removed at the end.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "lib/posix.h"
#include "ut.h"

static char ut_reason[256];

static const struct { const char *name; int (*fn)(void); } tests[] = {
    {"exitwait", ut_exitwait}, {"manywait", ut_manywait}, {"exec", ut_exec},
    {"forks40", ut_forks40},   {"forkbomb", ut_forkbomb}, {"sbrk", ut_sbrk},
    {"segv", ut_segv},         {"efault", ut_efault},     {"pipe", ut_pipe},
    {"pipeeof", ut_pipeeof},   {"sigpipe", ut_sigpipe},   {"bigpipe", ut_bigpipe},
    {"files", ut_files},       {"manyfiles", ut_manyfiles}, {"dirs", ut_dirs},
    {"dup", ut_dup},           {"cloexec", ut_cloexec},   {"emfile", ut_emfile},
    {"sighandler", ut_sighandler}, {"sigmask", ut_sigmask}, {"sigkill", ut_sigkill},
    {"sigchld", ut_sigchld},   {"sigint", ut_sigint},
};
#define N_TESTS (int)(sizeof tests / sizeof tests[0])

int ut_fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ut_reason, sizeof ut_reason, fmt, ap);
    va_end(ap);
    return UT_FAIL;
}

int ut_skip(const char *why) {
    snprintf(ut_reason, sizeof ut_reason, "%s", why);
    return UT_SKIP;
}

int ut_minilinux(void) { return lx_is_minilinux(); }

int ut_spawn(int (*fn)(void *), void *arg) {
    fflush(stdout);
    int pid = fork();
    if (pid == 0)
        _exit(fn(arg));
    return pid;
}

int ut_wait(int pid) {
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return st;
}

/* Runs test @p i in a child, in directory @p dir; 1 if it failed. */
static int ut_run(int i, const char *dir) {
    fflush(stdout);
    int pid = fork();
    if (pid == 0) {
        if (mkdir(dir, 0777) < 0 || chdir(dir) < 0) {
            printf("usertests: %s FAILED: cannot make %s: %s\n", tests[i].name, dir, strerror(errno));
            _exit(1);
        }
        int rc = tests[i].fn();
        if (rc == UT_OK)
            printf("usertests: %s ok\n", tests[i].name);
        else if (rc == UT_SKIP)
            printf("usertests: %s skipped (%s)\n", tests[i].name, ut_reason);
        else
            printf("usertests: %s FAILED: %s\n", tests[i].name, ut_reason);
        fflush(stdout);
        _exit(rc == UT_FAIL);
    }
    int st = ut_wait(pid);
    if (pid < 0 || st < 0 || WIFSIGNALED(st)) {
        printf("usertests: %s FAILED: %s\n", tests[i].name,
               pid < 0 ? "fork failed" : st < 0 ? "wait failed" : strsignal(WTERMSIG(st)));
        return 1;
    }
    return WEXITSTATUS(st) != 0;
}

/* Removes what the tests left under @p dir (their directories, one level of files). */
static void ut_cleanup(const char *dir) {
    if (fork() == 0) {
        char *argv[] = {"rm", "-rf", (char *)dir, NULL};
        execvp("rm", argv);
        _exit(1);
    }
    wait(NULL);
}

int main(int argc, char **argv) {
    const char *tmp = getenv("TMPDIR");
    char base[256], dir[300];
    snprintf(base, sizeof base, "%s/usertests.%d", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    if (mkdir(base, 0777) < 0) {
        printf("usertests: cannot make %s: %s\n", base, strerror(errno));
        return 1;
    }
    int failed = 0, ran = 0;
    for (int i = 0; i < N_TESTS; i++) {
        int wanted = argc < 2;
        for (int a = 1; a < argc; a++)
            wanted |= strcmp(argv[a], tests[i].name) == 0;
        if (!wanted)
            continue;
        snprintf(dir, sizeof dir, "%s/%s", base, tests[i].name);
        failed += ut_run(i, dir);
        ran++;
    }
    ut_cleanup(base);
    if (ran == 0) {
        printf("usertests: no test named %s\n", argv[1]);
        return 1;
    }
    if (failed)
        printf("usertests: %d FAILED\n", failed);
    else
        printf("usertests: ALL PASSED\n");
    return failed != 0;
}
