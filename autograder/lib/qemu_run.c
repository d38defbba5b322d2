/*
 * qemu_run.c - boot an image in QEMU under a deadline and a byte cap (see qemu_run.h).
 *
 * The shape of a run: fork; the child points stdin at /dev/null (or the console input:
 * the file, or a socket the parent writes it into), stdout at a pipe and stderr at an
 * (already unlinked) temporary file, and execs QEMU. The parent reads the pipe with
 * poll() until EOF, the deadline or the cap, sending paced input as prompts appear;
 * kills QEMU if it has to (only that pid, with SIGKILL); and always reaps it, so no run
 * leaves a process behind.
 */
#define _GNU_SOURCE
#include "qemu_run.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The machine every test boots: keep in step with mk/run.mk (make grade-debug boots it
 * from there; tools/replay-check.sh fails if the two runs differ). */
static const char *const machine_args[] = {
    "-M", "virt", "-cpu", "cortex-a15", "-m", "256M", "-icount", "shift=0,sleep=off",
    "-nic", "none", "-display", "none", "-monitor", "none", "-serial", "stdio",
};
#define N_MACHINE_ARGS (sizeof machine_args / sizeof machine_args[0])
#define MAX_ARGS 64

/* Boot-info page: the kernel looks for "NONC" and then the nonce (platform.h). */
#define NONCE_MAGIC_ARG "loader,addr=0x4FFFF000,data=0x4e4f4e43,data-len=4"
#define NONCE_VALUE_FMT "loader,addr=0x4FFFF004,data=0x%08x,data-len=4"

#define LINE_CUT 160u   /* longest line kept by qemu_run_tail() */

static uint64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static __attribute__((format(printf, 2, 3))) int fail(struct qemu_run_result *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    r->crashed = true;
    return -1;
}

double qemu_run_timeout_scale(void) {
    const char *s = getenv("MV_TIMEOUT_SCALE");
    char *end;
    double v = s ? strtod(s, &end) : 0;
    if (!s || *s == '\0' || *end != '\0' || !(v >= 0.01 && v <= 1000))
        return 1;
    return v;
}

uint32_t qemu_run_random_nonce(void) {
    uint32_t n = 0;
    if (getrandom(&n, sizeof n, 0) != (ssize_t)sizeof n) {
        int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
        if (fd < 0 || read(fd, &n, sizeof n) != (ssize_t)sizeof n)
            n = (uint32_t)now_ms() * 2654435761u ^ (uint32_t)getpid();
        if (fd >= 0)
            close(fd);
    }
    return n ? n : 0x6e6f6e63u;   /* 0 means "no nonce" */
}

/* ---- sanitizing: nothing from the serial line reaches a terminal or report raw ---- */

size_t qemu_run_sanitize(char *dst, size_t size, const char *src, size_t len) {
    size_t n = 0;
    if (size == 0)
        return 0;
    for (size_t i = 0; i < len && n + 1 < size; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[n++] = (c == '\n' || c == '\t' || (c >= ' ' && c < 0x7f)) ? (char)c : '?';
    }
    dst[n] = '\0';
    return n;
}

const char *qemu_run_tail(const struct qemu_run_result *r, unsigned lines, char *buf, size_t size) {
    const char *out = r->output ? r->output : "";
    size_t len = r->output ? r->len : 0, start = len, n = 0;
    if (len && out[len - 1] == '\n')
        start--;   /* the final newline does not start another line */
    for (unsigned seen = 0; start > 0; start--)
        if (out[start - 1] == '\n' && ++seen == lines)
            break;
    if (size)
        buf[0] = '\0';
    while (start < len && n + 1 < size) {   /* one line at a time, each cut to LINE_CUT */
        const char *nl = memchr(out + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - out) + 1 : len, line = end - start;
        bool cut = line > LINE_CUT;
        n += qemu_run_sanitize(buf + n, size - n, out + start, cut ? LINE_CUT : line);
        if (cut)
            n += (size_t)snprintf(buf + n, size - n, "...[line cut]\n") ;
        if (n >= size)
            n = size - 1;
        start = end;
    }
    return buf;
}

/* ---- starting QEMU ---- */

/* argv = qemu, machine flags, -kernel IMAGE, the nonce loaders, extra args. */
static int build_argv(const struct qemu_run_opts *o, char *nonce_arg, size_t nonce_size,
                      const char *argv[MAX_ARGS]) {
    size_t n = 0;
    argv[n++] = o->qemu ? o->qemu : "qemu-system-arm";
    for (size_t i = 0; i < N_MACHINE_ARGS; i++)
        argv[n++] = machine_args[i];
    argv[n++] = "-kernel";
    argv[n++] = o->image;
    if (o->nonce) {
        snprintf(nonce_arg, nonce_size, NONCE_VALUE_FMT, o->nonce);
        argv[n++] = "-device";
        argv[n++] = NONCE_MAGIC_ARG;
        argv[n++] = "-device";
        argv[n++] = nonce_arg;
    }
    for (size_t i = 0; o->extra_args && o->extra_args[i]; i++) {
        if (n + 1 >= MAX_ARGS)
            return -1;
        argv[n++] = o->extra_args[i];
    }
    argv[n] = NULL;
    return 0;
}

/* In the child: wire up the standard fds and exec. Only reports and exits on failure. */
static void __attribute__((noreturn)) exec_qemu(const char *argv[], int in, int out, int err) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);   /* QEMU must not inherit our blocked signals */
    if (dup2(in, STDIN_FILENO) >= 0 && dup2(out, STDOUT_FILENO) >= 0 &&
        dup2(err, STDERR_FILENO) >= 0) {
#ifdef SYS_close_range   /* QEMU gets nothing else of ours (make's jobserver, Check's pipes) */
        syscall(SYS_close_range, 3u, ~0u, 0u);
#endif
        execvp(argv[0], (char *const *)argv);
    }
    dprintf(STDERR_FILENO, "qemu_run: cannot start '%s': %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* An anonymous in-memory file for QEMU's stderr: no name, nothing to clean up. */
static int open_stderr_file(void) {
    return memfd_create("qemu-run-stderr", MFD_CLOEXEC);
}

/* ---- console input ---- */

/* QEMU's stdin: /dev/null, the input file, or (paced) a socket we write the file into. */
struct input {
    int child_fd;          /* QEMU's stdin (closed in the parent once QEMU started) */
    int file_fd;           /* whole-file mode: the file, kept to read QEMU's offset at the end */
    int sock_fd;           /* paced: our end of the socket (-1: none, or closed) */
    char *data;            /* paced: the whole file */
    size_t len;            /* paced: its length */
    size_t allowed, sent;  /* paced: bytes released by prompts, bytes written */
    size_t chunk;
    struct prompt {
        const char *text;      /* NULL: none */
        size_t len, scan;      /* where in the output the next search for it starts */
    } prompts[2];              /* input_prompt, input_prompt2 */
};

static void input_close(struct input *in) {
    int *fds[] = {&in->child_fd, &in->file_fd, &in->sock_fd};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (*fds[i] >= 0) {
            close(*fds[i]);
            *fds[i] = -1;
        }
    free(in->data);
    in->data = NULL;
}

/* Read all of @p fd (a regular file, at most QEMU_RUN_INPUT_MAX bytes) into in->data. */
static int input_slurp(struct input *in, int fd, const char *path, struct qemu_run_result *r) {
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return fail(r, "cannot read the input file %s: %s", path, strerror(errno));
    if (!S_ISREG(sb.st_mode) || sb.st_size > (off_t)QEMU_RUN_INPUT_MAX)
        return fail(r, "the input file %s must be a regular file of at most %u bytes", path,
                    QEMU_RUN_INPUT_MAX);
    in->len = (size_t)sb.st_size;
    if (!(in->data = malloc(in->len + 1)))
        return fail(r, "out of memory for %zu bytes of input", in->len);
    for (size_t done = 0; done < in->len;) {
        ssize_t got = pread(fd, in->data + done, in->len - done, (off_t)done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return fail(r, "cannot read the input file %s: %s", path,
                        got < 0 ? strerror(errno) : "it shrank");
        done += (size_t)got;
    }
    return 0;
}

/* Set up QEMU's stdin from the options. */
static int input_open(const struct qemu_run_opts *o, struct input *in, struct qemu_run_result *r) {
    *in = (struct input){.child_fd = -1, .file_fd = -1, .sock_fd = -1};
    if (!o->input_path) {
        in->child_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        return in->child_fd < 0 ? fail(r, "cannot open /dev/null: %s", strerror(errno)) : 0;
    }
    int fd = open(o->input_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(r, "cannot open the input file %s: %s", o->input_path, strerror(errno));
    if (!o->input_chunk) {
        in->child_fd = fd;
        in->file_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);   /* the same open file: QEMU's offset */
        return in->file_fd < 0 ? fail(r, "cannot dup the input file: %s", strerror(errno)) : 0;
    }
    int rc = input_slurp(in, fd, o->input_path, r);
    close(fd);
    if (rc)
        return rc;
    if (!o->input_prompt || !*o->input_prompt)
        return fail(r, "bad options: paced input (input_chunk) needs an input_prompt");
    in->chunk = o->input_chunk;
    in->prompts[0] = (struct prompt){o->input_prompt, strlen(o->input_prompt), 0};
    if (o->input_prompt2 && *o->input_prompt2)
        in->prompts[1] = (struct prompt){o->input_prompt2, strlen(o->input_prompt2), 0};
    /* a socket, not a pipe: a write after QEMU is gone fails with EPIPE (MSG_NOSIGNAL),
     * it does not kill us with SIGPIPE */
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return fail(r, "socketpair: %s", strerror(errno));
    in->sock_fd = sv[0];
    in->child_fd = sv[1];
    shutdown(sv[0], SHUT_RD);   /* QEMU never writes to its stdin */
    return 0;
}

/* Where the input released so far ends after one more prompt: the next chunk, or in line
 * mode (QEMU_RUN_INPUT_LINE) the next line. */
static size_t input_release(const struct input *in) {
    if (in->chunk == QEMU_RUN_INPUT_LINE) {   /* a line ends with its newline, or with a */
        for (size_t i = in->allowed; i < in->len; i++)   /* key that acts at once: Ctrl-C, Ctrl-D */
            if (in->data[i] == '\n' || in->data[i] == 0x03 || in->data[i] == 0x04)
                return i + 1;
        return in->len;
    }
    return in->len - in->allowed > in->chunk ? in->allowed + in->chunk : in->len;
}

/* Paced input: release a chunk for every prompt that appeared in the new output. */
static void input_scan(struct input *in, struct qemu_run_result *r) {
    for (size_t i = 0; i < sizeof in->prompts / sizeof in->prompts[0]; i++) {
        struct prompt *p = &in->prompts[i];
        if (!p->text)
            continue;
        for (;;) {
            const char *at = p->scan < r->len ? memmem(r->output + p->scan, r->len - p->scan,
                                                       p->text, p->len) : NULL;
            if (!at)
                break;
            p->scan = (size_t)(at - r->output) + p->len;
            r->input_prompts++;
            in->allowed = input_release(in);
        }
        if (r->len >= p->len && p->scan < r->len - p->len + 1)
            p->scan = r->len - p->len + 1;   /* a prompt may be cut by the read */
    }
}

/* Paced input: write what the prompts released; close the socket after the last byte.
 * A QEMU that is gone (EPIPE) gets nothing more. */
static void input_send(struct input *in, struct qemu_run_result *r) {
    while (in->sock_fd >= 0 && in->sent < in->allowed) {
        ssize_t n = send(in->sock_fd, in->data + in->sent, in->allowed - in->sent,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;   /* poll() says when there is room */
        if (n <= 0) {
            close(in->sock_fd);
            in->sock_fd = -1;
            return;
        }
        in->sent += (size_t)n;
        r->input_sent = in->sent;
    }
    if (in->sock_fd >= 0 && in->sent == in->len) {
        close(in->sock_fd);   /* end of input: QEMU reads EOF */
        in->sock_fd = -1;
    }
}

/* Whole-file mode: how far QEMU read (it shares the open file with us). */
static void input_finish(struct input *in, struct qemu_run_result *r) {
    if (in->file_fd >= 0) {
        off_t at = lseek(in->file_fd, 0, SEEK_CUR);
        r->input_sent = at > 0 ? (size_t)at : 0;
    }
}

/* ---- while it runs ---- */

enum read_end { READ_EOF, READ_DEADLINE, READ_CAP, READ_ERROR };

/* Read the pipe into r->output until EOF, the deadline or the cap; feed paced input. */
static enum read_end read_output(int fd, struct input *in, struct qemu_run_result *r, size_t cap,
                                 uint64_t deadline) {
    for (;;) {
        uint64_t now = now_ms();
        if (now >= deadline)
            return READ_DEADLINE;
        uint64_t left = deadline - now;
        input_send(in, r);
        struct pollfd p[2] = {{.fd = fd, .events = POLLIN},
                              {.fd = in->sock_fd, .events = POLLOUT}};
        nfds_t n = in->sock_fd >= 0 && in->sent < in->allowed ? 2 : 1;
        int ready = poll(p, n, left > INT_MAX ? INT_MAX : (int)left);
        if (ready < 0 && errno != EINTR)
            return READ_ERROR;
        if (ready <= 0 || !p[0].revents)
            continue;   /* (room for input is used at the top of the loop) */
        ssize_t got = read(fd, r->output + r->len, cap - r->len);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0)
            return READ_ERROR;
        if (got == 0)
            return READ_EOF;
        r->len += (size_t)got;
        input_scan(in, r);
        if (r->len == cap)
            return READ_CAP;
    }
}

static int wait_blocking(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

/* EOF on the pipe does not mean QEMU has exited: wait for it, but not past the deadline. */
static int reap(pid_t pid, uint64_t deadline, struct qemu_run_result *r) {
    int status = 0;
    for (;;) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid || (got < 0 && errno != EINTR))
            return status;
        if (now_ms() >= deadline) {
            r->timed_out = true;
            kill(pid, SIGKILL);
            return wait_blocking(pid);
        }
        nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL);
    }
}

static void record_status(struct qemu_run_result *r, int status) {
    r->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    bool killed_by_us = r->timed_out || r->truncated;
    if ((r->signal && !killed_by_us) || r->exit_status > 0)
        r->crashed = true;
}

static void read_stderr_tail(int fd, struct qemu_run_result *r) {
    char raw[sizeof r->stderr_tail];
    off_t size = lseek(fd, 0, SEEK_END);
    off_t from = size > (off_t)sizeof raw - 1 ? size - (off_t)sizeof raw + 1 : 0;
    ssize_t got = size > 0 ? pread(fd, raw, (size_t)(size - from), from) : 0;
    qemu_run_sanitize(r->stderr_tail, sizeof r->stderr_tail, raw, got > 0 ? (size_t)got : 0);
}

static void save_log(const char *path, struct qemu_run_result *r) {
    FILE *f = fopen(path, "w");
    bool ok = f && fwrite(r->output, 1, r->len, f) == r->len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        snprintf(r->error, sizeof r->error, "could not save the serial log to %s: %s", path,
                 strerror(errno));
}

/* Everything after a successful fork: collect, stop, reap, record. */
static void supervise(pid_t pid, int out_fd, int err_fd, struct input *in,
                      const struct qemu_run_opts *o, struct qemu_run_result *r, size_t cap,
                      uint64_t start) {
    enum read_end end = read_output(out_fd, in, r, cap, start + r->deadline_ms);
    int status;
    if (end == READ_EOF) {
        status = reap(pid, start + r->deadline_ms, r);
    } else {
        r->timed_out = end == READ_DEADLINE;
        r->truncated = end == READ_CAP;
        if (end == READ_ERROR)
            snprintf(r->error, sizeof r->error, "reading QEMU's output: %s", strerror(errno));
        kill(pid, SIGKILL);   /* only the child we started */
        status = wait_blocking(pid);
    }
    r->elapsed_ms = (unsigned)(now_ms() - start);
    r->output[r->len] = '\0';
    input_finish(in, r);
    record_status(r, status);
    read_stderr_tail(err_fd, r);
    if (o->log_path)
        save_log(o->log_path, r);
}

int qemu_run(const struct qemu_run_opts *o, struct qemu_run_result *r) {
    const char *argv[MAX_ARGS];
    char nonce_arg[96];
    size_t cap = o->byte_cap ? o->byte_cap : QEMU_RUN_DEFAULT_CAP;
    uint64_t deadline = (uint64_t)((o->deadline_ms ? o->deadline_ms : QEMU_RUN_DEFAULT_DEADLINE_MS) *
                                   qemu_run_timeout_scale());

    *r = (struct qemu_run_result){.exit_status = -1};
    r->deadline_ms = deadline > UINT_MAX ? UINT_MAX : (unsigned)deadline;
    if (!o->image || build_argv(o, nonce_arg, sizeof nonce_arg, argv))
        return fail(r, "bad options: no image, or too many extra arguments");
    if (access(o->image, R_OK) != 0)
        return fail(r, "cannot read the image %s: %s (was it built?)", o->image, strerror(errno));
    if (!(r->output = malloc(cap + 1)))
        return fail(r, "out of memory for a %zu-byte output buffer", cap);
    r->output[0] = '\0';

    struct input in;
    int pipe_fds[2] = {-1, -1}, err_fd = -1;
    int rc = input_open(o, &in, r);
    if (rc) {
        /* r->error says why */
    } else if ((err_fd = open_stderr_file()) < 0 || pipe2(pipe_fds, O_CLOEXEC) != 0) {
        rc = fail(r, "cannot set up QEMU's stdout/stderr: %s", strerror(errno));
    } else {
        uint64_t start = now_ms();
        pid_t pid = fork();
        if (pid == 0)
            exec_qemu(argv, in.child_fd, pipe_fds[1], err_fd);
        close(pipe_fds[1]);   /* else we would never see EOF */
        pipe_fds[1] = -1;
        close(in.child_fd);   /* QEMU's now: a paced socket sees EPIPE once QEMU is gone */
        in.child_fd = -1;
        if (pid < 0) {
            rc = fail(r, "fork: %s", strerror(errno));
        } else {
            r->pid = pid;
            supervise(pid, pipe_fds[0], err_fd, &in, o, r, cap, start);
        }
    }
    for (int i = 0; i < 2; i++)
        if (pipe_fds[i] >= 0)
            close(pipe_fds[i]);
    input_close(&in);
    if (err_fd >= 0)
        close(err_fd);
    return rc;
}

void qemu_run_free(struct qemu_run_result *r) {
    free(r->output);
    r->output = NULL;
    r->len = 0;
}
