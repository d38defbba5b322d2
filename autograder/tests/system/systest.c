/*
 * systest.c - booting the test systems once, and explaining failures (see systest.h).
 */
#define _GNU_SOURCE
#include "systest.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The systems main() boots once, and the suite that reads each (to honour CK_RUN_SUITE). */
static struct cached_run {
    const char *suite;
    const char *tags;   /* the tags of the tests that read this run */
    struct systest_run run;
    bool booted;
} cache[] = {
    {"boot", "foundation", {.system = "test_boot"}, false},
    {"hypercalls", "foundation", {.system = "test_hypercalls"}, false},
    {"fault", "foundation", {.system = "test_fault"}, false},
    {"upcall", "foundation", {.system = "test_upcall"}, false},
    {"virq", "foundation lab1", {.system = "test_virq"}, false},
    {"channel", "foundation", {.system = "test_channel"}, false},
    {"irq", "foundation", {.system = "test_irq"}, false},
    {"sched", "lab1", {.system = "test_sched_rr"}, false},
    {"sched", "lab1", {.system = "test_sched_prio"}, false},
    {"sched", "lab1", {.system = "test_sched_yield"}, false},
    {"sched", "lab1", {.system = "test_sched_idle"}, false},
    {"sched", "lab1", {.system = "test_sched_regs"}, false},
    {"vmmu", "lab2", {.system = "test_vmmu"}, false},
    {"vmmu_stress", "lab2", {.system = "test_vmmu_hostile"}, false},
    {"vmmu_stress", "lab2", {.system = "test_vmmu_evict"}, false},
    {"vmmu_stress", "lab2", {.system = "test_vmmu_asid"}, false},
    {"fuzz", "lab2", {.system = "test_vmmu_fuzz"}, false},
    {"virq3", "lab3", {.system = "test_vtimer"}, false},
    {"virq3", "lab3", {.system = "test_virq_preempt"}, false},
    {"virq3", "lab3", {.system = "test_virq_payload"}, false},
    {"virq3", "lab3", {.system = "test_virq_storm"}, false},
    {"chan_demo", "foundation", {.system = "chan_demo"}, false},
    {"minilinux", "minilinux lab5", {.system = "test_minilinux_init"}, false},
    {"minilinux", "minilinux lab5", {.system = "test_minilinux_segv"}, false},
    {"minilinux", "minilinux lab5", {.system = "test_minilinux_proc"}, false},
    {"minilinux_fs", "minilinux", {.system = "test_minilinux_fs"}, false},
    {"minilinux", "minilinux", {.system = "test_minilinux_beside"}, false},
    {"minilinux", "minilinux lab5", {.system = "test_minilinux_usertests"}, false},
    {"minilinux", "minilinux lab5", {.system = "test_minilinux_evict"}, false},
    {"minilinux_sig", "minilinux", {.system = "test_minilinux_sig"}, false},
    {"minilinux_port", "minilinux lab5", {.system = "test_minilinux_port"}, false},
    {"fpu", "fpu", {.system = "test_fpu"}, false},
    {"fpu", "fpu", {.system = "test_minilinux_fpu"}, false},
    {"chan4", "lab4", {.system = "test_chan_stream"}, false},
    {"chan4", "lab4", {.system = "test_chan_flow"}, false},
    {"chan4", "lab4", {.system = "test_chan_sizes"}, false},
    {"chan4", "lab4", {.system = "test_chan_hostile"}, false},
    {"chan4", "lab4", {.system = "test_chan_notify"}, false},
    {"chan4", "lab4", {.system = "test_chan_multi"}, false},
};
#define N_CACHED (sizeof cache / sizeof cache[0])

static const char *const error_names[] = {"MV_EOK", "MV_ENOSYS", "MV_EINVAL", "MV_ECAP",
                                          "MV_EPERM", "MV_EFAULT", "MV_ERANGE", "MV_ENOMEM",
                                          "MV_EBUSY", "MV_EFULL", "MV_EPEER"};

/* ---- booting ---- */

const char *systest_log_dir(void) {
    const char *dir = getenv("MV_LOG_DIR");
    return dir && *dir ? dir : SYSTEST_LOG_DIR;
}

/* The QEMU to run: the grader's self-test swaps in a fake one that crashes (MV_QEMU). */
static const char *qemu_program(void) {
    const char *qemu = getenv("MV_QEMU");
    return qemu && *qemu ? qemu : NULL;
}

void systest_prepare(struct systest_run *run, const char *system) {
    run->system = system;
    run->nonce = qemu_run_random_nonce();
    run->rc = -1;
    snprintf(run->image, sizeof run->image, SYSTEST_BUILD_DIR "/systems/%s/microvisor.elf", system);
    if (snprintf(run->log_path, sizeof run->log_path, "%s/%s.log", systest_log_dir(), system) >=
        (int)sizeof run->log_path)
        fprintf(stderr, "systest: log path cut: MV_LOG_DIR is too long\n");
}

void systest_boot(struct systest_run *run, struct qemu_run_opts opts) {
    const char *dir = systest_log_dir();
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        fprintf(stderr, "systest: cannot create %s: %s\n", dir, strerror(errno));
    opts.image = run->image;
    opts.nonce = run->nonce;
    opts.log_path = run->log_path;
    if (!opts.qemu)
        opts.qemu = qemu_program();
    run->rc = qemu_run(&opts, &run->r);
    /* the nonce is the one input that differs between runs: keep it for make grade-debug */
    char nonce_path[sizeof run->log_path + 8];
    snprintf(nonce_path, sizeof nonce_path, "%s/%s.nonce", dir, run->system);
    FILE *f = fopen(nonce_path, "w");
    if (f) {
        fprintf(f, "%08x\n", run->nonce);
        fclose(f);
    }
}

/* Whether any test reading this run is selected (CK_RUN_SUITE, CK_INCLUDE_TAGS): only
 * those systems are booted up front (a test needing another one boots it itself). */
static bool run_selected(const struct cached_run *c) {
    const char *only = getenv("CK_RUN_SUITE"), *tags = getenv("CK_INCLUDE_TAGS");
    if (only && *only && strcmp(only, c->suite) != 0)
        return false;
    if (!tags || !*tags)
        return true;
    char want[256];
    snprintf(want, sizeof want, "%s", tags);
    for (char *save, *t = strtok_r(want, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        size_t n = strlen(t);
        for (const char *p = strstr(c->tags, t); p; p = strstr(p + 1, t))
            if ((p == c->tags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
                return true;
    }
    return false;
}

static const char *outcome(const struct systest_run *run, char *buf, size_t size) {
    const struct qemu_run_result *r = &run->r;
    if (run->rc < 0)
        snprintf(buf, size, "the harness could not run QEMU: %s", r->error);
    else if (r->timed_out)
        snprintf(buf, size, "timed out: QEMU was killed at the %u ms deadline (it never "
                 "powered off: an endless loop or a hang?)",
                 r->deadline_ms);
    else if (r->truncated)
        snprintf(buf, size, "QEMU was killed at the output cap (%zu bytes)", r->len);
    else if (r->signal)
        snprintf(buf, size, "QEMU crashed (signal %d, %s) after %u ms", r->signal,
                 strsignal(r->signal), r->elapsed_ms);
    else if (r->exit_status != 0)
        snprintf(buf, size, "QEMU failed (exit status %d) after %u ms: a QEMU error, not "
                 "a power-off (see QEMU's stderr)", r->exit_status, r->elapsed_ms);
    else
        snprintf(buf, size, "QEMU exited with status 0 after %u ms", r->elapsed_ms);
    return buf;
}

void systest_boot_all(void) {
    for (size_t i = 0; i < N_CACHED; i++) {
        struct cached_run *c = &cache[i];
        char what[256];
        if (!run_selected(c))
            continue;
        systest_prepare(&c->run, c->run.system);
        systest_boot(&c->run, (struct qemu_run_opts){.deadline_ms = SYSTEST_BOOT_DEADLINE_MS});
        c->booted = true;
        printf("  BOOT    %-16s %s; %zu bytes of output in %s\n", c->run.system,
               outcome(&c->run, what, sizeof what), c->run.r.len, c->run.log_path);
    }
    fflush(stdout);   /* before Check forks: children must not print our buffer again */
}

void systest_free_all(void) {
    for (size_t i = 0; i < N_CACHED; i++)
        qemu_run_free(&cache[i].run.r);
}

const struct systest_run *systest_run(const char *system) {
    for (size_t i = 0; i < N_CACHED; i++) {
        struct cached_run *c = &cache[i];
        if (strcmp(c->run.system, system) != 0)
            continue;
        if (!c->booted) {   /* e.g. its suite was not selected: boot it in this test */
            systest_prepare(&c->run, system);
            systest_boot(&c->run, (struct qemu_run_opts){.deadline_ms = SYSTEST_BOOT_DEADLINE_MS});
            c->booted = true;
        }
        return &c->run;
    }
    ck_abort_msg("systest: no cached run for system '%s' (add it to the table in systest.c)", system);
    return NULL;
}

void systest_add(Suite *s, const char *name, const char *tags, const TTest *test, int timeout_s) {
    TCase *tc = tcase_create(name);
    tcase_set_tags(tc, tags);
    tcase_set_timeout(tc, timeout_s);   /* Check scales it by CK_TIMEOUT_MULTIPLIER */
    tcase_add_test(tc, test);
    suite_add_tcase(s, tc);
}

/* ---- failure messages ---- */

static __attribute__((format(printf, 4, 5))) void append(char *msg, size_t size, size_t *n,
                                                         const char *fmt, ...) {
    va_list ap;
    if (*n + 1 >= size)
        return;
    va_start(ap, fmt);
    int w = vsnprintf(msg + *n, size - *n, fmt, ap);
    va_end(ap);
    *n = w < 0 ? *n : (*n + (size_t)w >= size ? size - 1 : *n + (size_t)w);
}

/* QEMU prints this when a kernel powers off before it ever set a timer (a panic at boot,
 * as in every starter tree): true, and no help in a failure reason. */
static const char benign_qemu_warning[] = "warning: icount sleep disabled and no active timers";

/* Whether QEMU's stderr says anything besides the benign warning above. */
static bool stderr_worth_showing(const char *tail) {
    for (const char *line = tail; *line;) {
        size_t len = strcspn(line, "\r\n");
        if (len && !memmem(line, len, benign_qemu_warning, sizeof benign_qemu_warning - 1))
            return true;
        line += len;
        line += strspn(line, "\r\n");
    }
    return false;
}

/* Where a kernel panic's "pc=0x..." is in the source, from the image's debug information
 * (arm-none-eabi-addr2line, inlined callers too: the kernel is built with LTO), with the
 * paths made relative to this directory: "runq_remove at kernel/core/sched.c:48 (inlined
 * by) ...". Empty when the line has no pc or addr2line cannot say. */
static void panic_source(const char *image, const char *panic, char *out, size_t size) {
    const char *pc = strstr(panic, "pc=0x");
    char cmd[512], cwd[256], line[256];
    out[0] = '\0';
    if (!pc || !getcwd(cwd, sizeof cwd))
        return;
    unsigned long addr = strtoul(pc + 5, NULL, 16);
    snprintf(cmd, sizeof cmd, "arm-none-eabi-addr2line -f -i -p -e '%s' 0x%lx 2>/dev/null", image,
             addr);
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    size_t n = 0;
    while (fgets(line, sizeof line, p) && n + 1 < size) {
        line[strcspn(line, "\n")] = '\0';
        if (strstr(line, "??"))
            continue;
        for (char *at; (at = strstr(line, cwd)) && at[strlen(cwd)] == '/';)
            memmove(at, at + strlen(cwd) + 1, strlen(at + strlen(cwd) + 1) + 1);
        n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "", line + strspn(line, " "));
    }
    pclose(p);
}

void systest_explain(const struct systest_run *run, char *msg, size_t size, const char *fmt, ...) {
    char what[256], tail[2400], panic[200], where[400];
    size_t n = 0;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(msg, size, fmt, ap);
    va_end(ap);
    n = w < 0 ? 0 : ((size_t)w >= size ? size - 1 : (size_t)w);
    append(msg, size, &n, "\n  system %s (nonce %08x): %s", run->system, run->nonce,
           outcome(run, what, sizeof what));
    if (scenario_find_line(&run->r, "[mv] PANIC", 0, panic, sizeof panic) >= 0) {
        append(msg, size, &n, "\n  the kernel panicked: %s", panic);
        panic_source(run->image, panic, where, sizeof where);
        if (where[0])
            append(msg, size, &n, "\n  the pc is in %s", where);
    }
    if (stderr_worth_showing(run->r.stderr_tail))
        append(msg, size, &n, "\n  QEMU's stderr ends with: %.300s", run->r.stderr_tail);
    append(msg, size, &n, "\n  full serial log: %s\n  last lines of the serial log:", run->log_path);
    qemu_run_tail(&run->r, SYSTEST_TAIL_LINES, tail, sizeof tail);
    for (char *line = strtok(tail, "\n"); line; line = strtok(NULL, "\n"))
        append(msg, size, &n, "\n    | %s", line);
}

const char *systest_describe(long long v, char *buf, size_t size) {
    if (v <= 0 && v > -(long long)(sizeof error_names / sizeof error_names[0]))
        snprintf(buf, size, "%lld (%s)", v, error_names[-v]);
    else if (v > 9 && v <= 0xffffffffLL)
        snprintf(buf, size, "%lld (0x%llx)", v, v);
    else
        snprintf(buf, size, "%lld", v);
    return buf;
}

/* ---- common expectations ---- */

long systest_exact_line(const struct systest_run *run, const char *want, long from) {
    char line[256];
    long at = scenario_find_line(&run->r, want, (size_t)from, line, sizeof line);
    EXPECT(run, at >= 0 && strcmp(line, want) == 0,
           "expected the line \"%s\" (in this order in the transcript)%s%s", want,
           at >= 0 ? "; saw " : "", at >= 0 ? line : "");
    return at;
}

void systest_session(struct systest_run *run, const char *system, const char *name,
                     const char *script, const char *prompt, const char *prompt2,
                     unsigned deadline_ms) {
    char path[600];
    systest_prepare(run, system);
    snprintf(run->log_path, sizeof run->log_path, "%s/%s_%s.log", systest_log_dir(), system, name);
    snprintf(path, sizeof path, "%s/%s_%s.input", systest_log_dir(), system, name);
    FILE *f = fopen(path, "wb");
    size_t len = strlen(script);
    ck_assert_msg(f && fwrite(script, 1, len, f) == len && fclose(f) == 0,
                  "cannot write the session's input %s: %s", path, strerror(errno));
    systest_boot(run, (struct qemu_run_opts){.deadline_ms = deadline_ms, .input_path = path,
                                             .input_chunk = QEMU_RUN_INPUT_LINE,
                                             .input_prompt = prompt, .input_prompt2 = prompt2});
    EXPECT(run, run->rc == 0, "the harness could not feed the input file %s", path);
}

long systest_expect_lines(const struct systest_run *run, const char *const *lines, size_t n,
                          long from) {
    for (size_t i = 0; i < n; i++)
        from = systest_exact_line(run, lines[i], from) + 1;
    return from - 1;
}

/* The log's line at byte @p at, sanitized into @p line; *@p next: the byte after it. */
static bool log_line(const struct systest_run *run, size_t at, char *line, size_t size,
                     size_t *next) {
    if (at >= run->r.len)
        return false;
    const char *s = run->r.output + at, *nl = memchr(s, '\n', run->r.len - at);
    size_t len = nl ? (size_t)(nl - s) : run->r.len - at;
    qemu_run_sanitize(line, size, s, len);
    *next = at + len + 1;
    return true;
}

long systest_expect_session(const struct systest_run *run, const char *const *lines, size_t n) {
    char line[256];
    long first = systest_exact_line(run, lines[0], 0);
    size_t at = (size_t)first;
    log_line(run, at, line, sizeof line, &at);
    for (size_t i = 1; i < n; i++) {
        bool got = log_line(run, at, line, sizeof line, &at);
        EXPECT(run, got && strcmp(line, lines[i]) == 0,
               "line %zu of the session: expected \"%s\"%s%s", i + 1, lines[i],
               got ? ", saw " : ", but the log ended", got ? line : "");
    }
    return first;
}

long systest_expect_stopped(const struct systest_run *run, const char *vm, int code, char *out,
                            size_t size) {
    char prefix[64], line[256];
    snprintf(prefix, sizeof prefix, "[mv] vm '%s' stopped (exit code ", vm);
    long at = scenario_find_line(&run->r, prefix, 0, line, sizeof line);
    EXPECT(run, at >= 0, "VM '%s' never stopped: no line starting with \"%s\"", vm, prefix);
    char *end;
    long got = strtol(line + strlen(prefix), &end, 10);
    EXPECT(run, got == code && *end == ')', "VM '%s' stopped with the wrong exit code: expected %d "
           "in \"%s\"", vm, code, line);
    if (out)
        snprintf(out, size, "%s", line);
    return at;
}

void systest_expect_clean_poweroff(const struct systest_run *run) {
    const struct qemu_run_result *r = &run->r;
    char line[128];
    EXPECT(run, run->rc == 0 && !r->timed_out && !r->truncated && !r->crashed && r->exit_status == 0,
           "the system did not power off by itself with QEMU exit status 0");
    EXPECT(run, scenario_find_line(r, "[mv] PANIC", 0, line, sizeof line) < 0,
           "the kernel panicked");
    KERNEL_LINE(run, "[mv] all VMs have stopped; powering off", line);
}
