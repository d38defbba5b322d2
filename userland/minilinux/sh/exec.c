/*
 * exec.c - runs and-or lists. Each pipeline gets a process group of its own (setpgid in
 * both the child and the parent, so neither order of running loses it); an interactive
 * shell gives the terminal to that group while it runs in the foreground and takes it
 * back afterwards, so Ctrl-C reaches the job and not the shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/posix.h"
#include "sh.h"

/* Applies @p c's redirections in the current process; 0, or -1 after a message. */
static int exec_redirect(struct sh_cmd *c) {
    for (int i = 0; i < c->nredirs; i++) {
        struct sh_redir *r = &c->redirs[i];
        if (r->kind == SH_R_DUP) {
            if (dup2(r->dup, r->fd) < 0) {
                fprintf(stderr, "sh: %d: %s\n", r->dup, strerror(errno));
                return -1;
            }
            continue;
        }
        static const int modes[] = {[SH_R_IN] = O_RDONLY, [SH_R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
                                    [SH_R_APPEND] = O_WRONLY | O_CREAT | O_APPEND};
        char *name = sh_expand1(r->word);
        int fd = open(name, modes[r->kind], 0666);
        if (fd < 0) {
            fprintf(stderr, "sh: %s: %s\n", name, strerror(errno));
            return -1;
        }
        if (fd != r->fd) {
            dup2(fd, r->fd);
            close(fd);
        }
    }
    return 0;
}

/* Sets the command's NAME=value words in the environment. */
static void exec_assign(struct sh_cmd *c) {
    for (int i = 0; i < c->nassign; i++) {
        char *a = sh_expand1(c->words[i]);
        char *eq = strchr(a, '=');
        *eq = '\0';
        setenv(a, eq + 1, 1);
    }
}

/* Expands the command's words after the assignments into @p argv; the count. */
static int exec_argv(struct sh_cmd *c, char **argv) {
    int n = 0;
    for (int i = c->nassign; i < c->nwords; i++)
        n = sh_expand(c->words[i], argv, n, SH_MAX_WORDS);
    argv[n] = NULL;
    return n;
}

/* In the child: the process group, the terminal, default signals, redirections, exec. */
static void exec_child(struct sh_cmd *c, int pgid, int fg) __attribute__((noreturn));
static void exec_child(struct sh_cmd *c, int pgid, int fg) {
    char *argv[SH_MAX_WORDS + 1];
    setpgid(0, pgid);
    if (sh.interactive && fg)
        tcsetpgrp(0, pgid ? pgid : getpid());   /* before SIGTTOU is the default again */
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    if (exec_redirect(c) < 0)
        _exit(1);
    exec_assign(c);
    if (exec_argv(c, argv) == 0)
        _exit(0);
    int status;
    if (sh_builtin(argv, &status)) {
        fflush(stdout);
        _exit(status);
    }
    execvp(argv[0], argv);
    if (errno == ENOENT) {
        fprintf(stderr, "sh: %s: not found\n", argv[0]);
        _exit(127);
    }
    fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
    _exit(126);
}

/* The shell's $? for wait status @p st; says how a job died, as bash does. */
static int exec_status(int st, int report) {
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    int sig = WTERMSIG(st);
    if (report && sig == SIGINT)
        fprintf(stderr, "\n");
    else if (report && sig != SIGPIPE)
        fprintf(stderr, "%s\n", strsignal(sig));
    int lsig = lx_sig_to_linux(sig);
    return 128 + (lsig ? lsig : sig);
}

/* A command the shell runs itself: a builtin or assignments alone, not in a pipeline. */
static int exec_in_shell(struct sh_cmd *c) {
    char *argv[SH_MAX_WORDS + 1];
    if (c->nwords == c->nassign && c->nredirs == 0) {
        exec_assign(c);
        sh.status = 0;
        return 1;
    }
    if (c->nredirs != 0 || c->nassign != 0)
        return 0;
    int n = exec_argv(c, argv);
    return n > 0 && sh_builtin(argv, &sh.status);
}

/* Waits for the foreground pipeline's @p n processes; the status of the last. */
static int exec_wait_fg(const int *pids, int n) {
    int status = 0;
    for (int i = 0; i < n; i++) {
        int st = 0;
        while (waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
            ;
        if (i == n - 1)
            status = exec_status(st, 1);
    }
    return status;
}

static void exec_pipeline(struct sh_pipeline *p, int background) {
    if (p->ncmds == 1 && !background && exec_in_shell(&p->cmds[0]))
        return;
    int pids[SH_MAX_CMDS], pgid = 0, in = -1;
    fflush(stdout);
    for (int i = 0; i < p->ncmds; i++) {
        int fds[2] = {-1, -1};
        if (i < p->ncmds - 1 && pipe(fds) < 0) {
            perror("sh: pipe");
            break;
        }
        int pid = fork();
        if (pid == 0) {
            if (in >= 0)
                dup2(in, 0), close(in);
            if (fds[1] >= 0)
                dup2(fds[1], 1), close(fds[1]), close(fds[0]);
            exec_child(&p->cmds[i], pgid, !background);
        }
        if (pid < 0) {
            perror("sh: fork");
            if (fds[0] >= 0)
                close(fds[0]), close(fds[1]);
            p->ncmds = i;
            break;
        }
        pgid = pgid ? pgid : pid;
        setpgid(pid, pgid);
        pids[i] = pid;
        if (in >= 0)
            close(in);
        if (fds[1] >= 0)
            close(fds[1]);
        in = fds[0];
    }
    if (in >= 0)
        close(in);
    if (p->ncmds == 0) {
        sh.status = 1;
        return;
    }
    if (background) {
        sh.last_bg = pids[p->ncmds - 1];
        printf("[%d]\n", sh.last_bg);
        fflush(stdout);
        sh.status = 0;
        return;
    }
    if (sh.interactive)
        tcsetpgrp(0, pgid);
    sh.status = exec_wait_fg(pids, p->ncmds);
    if (sh.interactive)
        tcsetpgrp(0, getpgrp());
}

void sh_run_list(struct sh_list *l) {
    for (int i = 0; i < l->npipes; i++) {
        if (i > 0 && ((l->ops[i - 1] == SH_AND) != (sh.status == 0)))
            continue;   /* && after a failure, || after a success: skip this pipeline */
        exec_pipeline(l->pipes[i], l->background);
    }
}

void sh_reap(void) {
    int st;
    while (waitpid(-1, &st, WNOHANG) > 0)
        ;
}
