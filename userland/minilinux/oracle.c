/*
 * oracle.c - the minilinux half of the differential oracle (make test-oracle): run as
 * init by systems/test_minilinux_oracle.c, it runs every command line of the corpus
 * /etc/oracle/corpus and reports each one's stdout, stderr and exit status on the
 * console, for tools/oracle.py to compare with the same line run under qemu-arm.
 *
 * Corpus: one command line per line, run as `SHELL -c LINE` (SHELL is /bin/sh unless a
 * line "%shell PROG ARG..." chose another, e.g. "%shell /bin/busybox sh"); lines starting
 * with '#' and blank lines are skipped. Each line runs in a fresh working directory
 * /tmp/oracle/N with stdin at end of file and the environment PATH=/bin HOME=/ R=
 * TMPDIR=/tmp/oracle/N (R is the root's prefix: empty here, a directory under qemu-arm).
 *
 * Report, one console line each (the console merges every stream, so the streams are
 * framed, hex-encoded in pieces, and tagged with the boot nonce: stray kernel messages
 * and a program that prints "@@" cannot pass for a report):
 *   @@ NONCE oracle N line HEX      the command line (tools/oracle.py checks it is its own)
 *   @@ NONCE oracle N out HEX       stdout, in pieces of up to 48 bytes
 *   @@ NONCE oracle N err HEX       stderr, likewise
 *   @@ NONCE oracle N status exit S | signal S | missing   (missing: no such SHELL)
 *   @@ NONCE oracle done COUNT
 * stdout comes through a pipe read to its end while stderr goes to a file outside the
 * working directory (no poll(): reading two pipes one after the other could deadlock).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/posix.h"
#include "lib/util.h"

#define CORPUS "/etc/oracle/corpus"
#define BASE "/tmp/oracle"
#define PIECE 48
#define MAX_ARGS 8

static const char *nonce = "00000000";
static char *shell_argv[MAX_ARGS + 4] = {"/bin/sh", "sh"};   /* path, then argv */
static int shell_argc = 1;                                     /* words after the path */

/* Prints @p len bytes of @p buf as "@@ NONCE oracle N TAG HEX" lines (one, if empty). */
static void report(int n, const char *tag, const char *buf, size_t len) {
    size_t off = 0;
    do {
        size_t k = len - off < PIECE ? len - off : PIECE;
        printf("@@ %s oracle %d %s ", nonce, n, tag);
        for (size_t i = 0; i < k; i++)
            printf("%02x", (unsigned char)buf[off + i]);
        printf("\n");
        off += k;
    } while (off < len);
    fflush(stdout);
}

/* "%shell PROG ARG...": later lines run as PROG ARG... -c LINE, argv[0] = PROG's name. */
static void set_shell(char *words) {
    static char copy[256];
    snprintf(copy, sizeof copy, "%s", words);
    int n = 0;
    for (char *w = strtok(copy, " \t"); w && n < MAX_ARGS; w = strtok(NULL, " \t"))
        shell_argv[n++] = w;
    if (n == 0)
        return;
    shell_argv[n] = NULL;
    /* argv[0] is the last component of PROG, as a shell's PATH search would give */
    const char *slash = strrchr(shell_argv[0], '/');
    memmove(&shell_argv[2], &shell_argv[1], (size_t)n * sizeof shell_argv[0]);
    shell_argv[1] = (char *)(slash ? slash + 1 : shell_argv[0]);
    shell_argc = n;
}

/* The child: fresh directory, stdin empty, stdout the pipe, stderr the file; then exec. */
static void child(const char *dir, const char *errpath, int out, const char *line) {
    int in[2], err = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err < 0 || pipe(in) < 0 || chdir(dir) < 0) {
        printf("oracle: cannot set up %s: %s\n", dir, strerror(errno));
        _exit(126);
    }
    close(in[1]);   /* stdin: a pipe nobody writes, so a read meets end of file at once */
    dup2(in[0], 0);
    dup2(out, 1);
    dup2(err, 2);
    for (int fd = 3; fd < 16; fd++)
        close(fd);
    static char env_dir[300];
    snprintf(env_dir, sizeof env_dir, "TMPDIR=%s", dir);
    char *envp[] = {"PATH=/bin", "HOME=/", "R=", env_dir, NULL};
    char *argv[MAX_ARGS + 4];
    int a = 0;
    for (int i = 1; i <= shell_argc; i++)
        argv[a++] = shell_argv[i];
    argv[a++] = "-c";
    argv[a++] = (char *)line;
    argv[a] = NULL;
    execve(shell_argv[0], argv, envp);
    _exit(127);
}

/* Removes @p name (relative to the working directory) and all below it; 0, or -1 if
 * something stays. /tmp's inodes are few (256) and every line makes some. Done here
 * rather than by rm -r, one of the programs under test; by name from inside each
 * directory, so that a tree deeper than the longest path a call accepts goes too. */
static int rm_tree(const char *name) {
    struct stat st;
    if (lstat(name, &st) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(name);
    if (chdir(name) < 0)
        return -1;
    /* one entry per pass, the directory reopened each time: removing entries while
     * reading the directory could make readdir skip some */
    char entry[256];
    int rc = 0;
    for (int found = 1; found && rc == 0;) {
        found = 0;
        DIR *d = opendir(".");
        struct dirent *e;
        while (d && !found && (e = readdir(d)) != NULL)
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                snprintf(entry, sizeof entry, "%s", e->d_name);
                found = 1;
            }
        if (d)
            closedir(d);
        if (found)
            rc = rm_tree(entry);
    }
    if (chdir("..") < 0)
        return -1;
    return rc < 0 ? -1 : rmdir(name);
}

/* Runs command line number @p n and reports it. */
static void run_line(int n, const char *line) {
    char dir[64], errpath[64];
    snprintf(dir, sizeof dir, BASE "/%d", n);
    snprintf(errpath, sizeof errpath, BASE "/%d.err", n);
    report(n, "line", line, strlen(line));
    if (access(shell_argv[0], X_OK) < 0) {
        printf("@@ %s oracle %d status missing\n", nonce, n);
        return;
    }
    int fds[2];
    if (mkdir(dir, 0755) < 0 || pipe(fds) < 0) {
        printf("oracle: line %d: cannot make %s or a pipe: %s\n", n, dir, strerror(errno));
        exit(1);
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        child(dir, errpath, fds[1], line);
    close(fds[1]);
    if (pid < 0) {
        printf("oracle: line %d: fork: %s\n", n, strerror(errno));
        exit(1);
    }
    int fd = fds[0];
    size_t out_len = 0, err_len = 0;
    char *out = util_read_all(fd, &out_len);
    close(fd);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    /* as pid 1 we inherit the line's orphans: reap any that already ended */
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    fd = open(errpath, O_RDONLY);
    char *err = fd >= 0 ? util_read_all(fd, &err_len) : NULL;
    if (fd >= 0)
        close(fd);
    report(n, "out", out ? out : "", out ? out_len : 0);
    report(n, "err", err ? err : "", err ? err_len : 0);
    if (WIFSIGNALED(st))
        printf("@@ %s oracle %d status signal %d\n", nonce, n, lx_sig_to_linux(WTERMSIG(st)));
    else
        printf("@@ %s oracle %d status exit %d\n", nonce, n, WEXITSTATUS(st));
    free(out);
    free(err);
    if (chdir(BASE) < 0 || rm_tree(dir + strlen(BASE "/")) < 0 || unlink(errpath) < 0)
        printf("oracle: line %d: cannot remove %s: %s\n", n, dir, strerror(errno));
}

int main(int argc, char **argv) {
    (void)argc;
    util_init(argv[0]);
    if (fcntl(1, F_GETFD) < 0)   /* as init, nobody opened the console for us */
        for (int i = 0; i < 3; i++)
            open("/dev/console", O_RDWR);
    const char *nv = getenv("MV_BOOT_NONCE");
    if (nv)
        nonce = nv;
    int fd = open(CORPUS, O_RDONLY);
    size_t len;
    char *text = fd >= 0 ? util_read_all(fd, &len) : NULL;
    if (!text || mkdir(BASE, 0755) < 0) {
        printf("oracle: cannot read " CORPUS " or make " BASE ": %s\n", strerror(errno));
        return 1;
    }
    int n = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strncmp(line, "%shell ", 7) == 0)
            set_shell(line + 7);
        else if (line[0] != '\0' && line[0] != '#')
            run_line(++n, line);
    }
    printf("@@ %s oracle done %d\n", nonce, n);
    return 0;
}
