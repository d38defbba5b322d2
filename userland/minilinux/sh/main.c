/*
 * main.c - minilinux's shell: `sh` reads commands from stdin (prompting "$ " only when
 * stdin is a terminal), `sh -c "cmds"` runs a string, `sh script [args]` a file. Input
 * is read a byte at a time so that a command run by the shell reads the rest of stdin.
 * At the end of input the shell exits with the last command's status, printing nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/posix.h"
#include "sh.h"

#define SH_LINE_MAX 4096
#define SH_MAX_TOKS 256

struct sh_state sh;

void sh_run_line(const char *line) {
    static struct sh_token toks[SH_MAX_TOKS];
    struct sh_list *lists[SH_MAX_LISTS];
    int n = sh_lex(line, toks, SH_MAX_TOKS);
    if (n > 0)
        n = sh_parse(toks, lists, SH_MAX_LISTS);
    if (n < 0)
        sh.status = 2;
    for (int i = 0; i < n; i++)
        sh_run_list(lists[i]);
    sh_arena_reset();
}

/* Ctrl-C while the shell waits at its prompt drops the line, and a fresh prompt follows,
 * as in bash. The keyboard's SIGINT may come at any moment around the read: while the
 * prompt is written, or just before read() blocks. The tty has then already dropped the
 * typed bytes, and a handler that only returned would leave the read waiting for a line
 * that never comes; so from the moment the prompt is due until the line is read, the
 * handler jumps back to the prompt instead. */
static jmp_buf prompt_jmp;
static volatile sig_atomic_t at_prompt;

static void sh_on_sigint(int sig) {
    (void)sig;
    if (at_prompt) {
        at_prompt = 0;
        longjmp(prompt_jmp, 1);
    }
}

/* Back at the prompt from sh_on_sigint(): the handler never returned, so SIGINT is still
 * blocked (a handler runs with its signal masked) until it is unblocked here. */
static void sh_after_interrupt(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    write(2, "\n", 1);   /* the tty echoed "^C": end its line */
}

/* Reads one line of @p fd into @p buf without its newline; 0 at end of input. */
static int sh_read_line(int fd, char *buf, size_t size) {
    size_t n = 0;
    char c;
    for (;;) {
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            buf[n] = '\0';
            return n > 0;
        }
        if (c == '\n')
            break;
        if (n < size - 1)
            buf[n++] = c;
    }
    buf[n] = '\0';
    return 1;
}

static void sh_loop(int fd) {
    static char line[SH_LINE_MAX];
    for (;;) {
        sh_reap();
        if (setjmp(prompt_jmp))
            sh_after_interrupt();
        at_prompt = sh.interactive;
        if (sh.interactive)
            write(2, "$ ", 2);   /* not stdio: the handler may jump out of this write */
        int got = sh_read_line(fd, line, sizeof line);
        at_prompt = 0;
        if (!got) {
            if (sh.interactive)
                fputs("exit\n", stderr);   /* Ctrl-D: say so, as bash does */
            break;
        }
        sh_run_line(line);
        fflush(stdout);
    }
}


/* An interactive shell leads its own process group, owns the terminal and survives the
 * keyboard's signals (Ctrl-C only interrupts its read of a line); its children set them
 * back to the default (exec.c). */
static void sh_setup_interactive(void) {
    struct sigaction sa = {.sa_handler = sh_on_sigint};
    sigaction(SIGINT, &sa, NULL);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    setpgid(0, 0);
    tcsetpgrp(0, getpgrp());
}

int main(int argc, char **argv) {
    sh.argc = argc;
    sh.argv = argv;
    if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
        if (argc > 3) {   /* sh -c CMD NAME ARGS...: $0 is NAME, as in POSIX sh */
            sh.argc = argc - 3;
            sh.argv = argv + 3;
        }
        char *s = strdup(argv[2]);
        for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n"))
            sh_run_line(line);
        return sh.status;
    }
    if (argc >= 2) {
        int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
            return 127;
        }
        sh.argc = argc - 1;
        sh.argv = argv + 1;
        sh_loop(fd);
        return sh.status;
    }
    sh.interactive = isatty(0);
    if (sh.interactive)
        sh_setup_interactive();
    sh_loop(0);
    return sh.status;
}
