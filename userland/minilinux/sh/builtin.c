/*
 * builtin.c - the commands the shell runs itself, because they change the shell's own
 * state: cd, exit, wait, export (and pwd, which needs no process).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/posix.h"
#include "sh.h"

static int bi_cd(char **argv) {
    const char *dir = argv[1] ? argv[1] : getenv("HOME");
    if (!dir || !*dir)
        dir = "/";
    if (chdir(dir) < 0) {
        fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    return 0;
}

static int bi_pwd(char **argv) {
    char buf[512];
    (void)argv;
    if (!getcwd(buf, sizeof buf)) {
        fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
        return 1;
    }
    printf("%s\n", buf);
    return 0;
}

static int bi_exit(char **argv) {
    fflush(stdout);
    exit(argv[1] ? atoi(argv[1]) & 0xff : sh.status);
}

/* wait: every child (wait PID: that one); the status of the last one waited for. */
static int bi_wait(char **argv) {
    int st = 0, status = 0;
    if (argv[1]) {
        int pid = atoi(argv[1]);
        if (waitpid(pid, &st, 0) < 0) {
            fprintf(stderr, "sh: wait: pid %d is not a child of this shell\n", pid);
            return 127;
        }
        return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + lx_sig_to_linux(WTERMSIG(st));
    }
    while (waitpid(-1, &st, 0) > 0 || errno == EINTR)
        status = 0;
    return status;
}

/* export NAME=value sets and exports; export NAME keeps it (everything is exported). */
static int bi_export(char **argv) {
    for (int i = 1; argv[i]; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq)
            continue;
        *eq = '\0';
        setenv(argv[i], eq + 1, 1);
        *eq = '=';
    }
    return 0;
}

static const struct { const char *name; int (*fn)(char **); } builtins[] = {
    {"cd", bi_cd}, {"pwd", bi_pwd}, {"exit", bi_exit}, {"wait", bi_wait}, {"export", bi_export},
};

int sh_builtin(char **argv, int *status) {
    for (unsigned i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(argv[0], builtins[i].name) == 0) {
            *status = builtins[i].fn(argv);
            return 1;
        }
    return 0;
}
