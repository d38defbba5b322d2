/*
 * fptest.c - each minilinux process has floating-point registers of its own (a hard-float
 * program: mk/hardfloat.mk; init of the system test_minilinux_fpu, beside a VM running
 * sc_fpu.c). Three checks, each printing result lines that test_fpu.c reads:
 *
 * - exec: a child fills d16-d31 and FPSCR, then execs `fptest fresh`, which must find
 *   zeros (execve gives a new program fresh registers);
 * - fork: a pattern in d16-d31 and FPSCR is still there after fork, in both processes;
 * - FPTEST_WORKERS processes at once hold patterns in all 32 registers and FPSCR across
 *   the 1 ms ticks (fpu_hold()) and compute exact series (fpu_series()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "fpu_check.h"

#define SPINS 400000u   /* ~0.8 ms of instructions: most holds see a tick */

static const char *nonce = "00000000";

static void result(const char *key, const char *val) {
    char line[96];
    int n = snprintf(line, sizeof line, "@@ %s %s %s\n", nonce, key, val);
    write(1, line, (size_t)n);   /* one write: lines of several processes never mix */
}

static void result_u(const char *key, uint32_t v) {
    char val[16];
    snprintf(val, sizeof val, "%u", (unsigned)v);
    result(key, val);
}

/* (newlib-nano's printf has no %llx: two halves) */
static void result_x64(const char *key, uint64_t v) {
    char val[20];
    snprintf(val, sizeof val, "%08x%08x", (unsigned)(v >> 32), (unsigned)v);
    result(key, val);
}

static uint32_t cycles(void) {
    uint32_t c;
    __asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(c));
    return c;
}

/* fork_holding(h): load d16-d31 from h->pat[16..31] and FPSCR from h->fpscr_in, fork,
 * store d16-d31 into h->out[16..31] and FPSCR into h->fpscr_out; returns fork's result.
 * (d16-d31 are caller-saved: nothing else between the load and the store may run.) */
int fork_holding(struct fpu_hold *h);
__asm__(".syntax unified\n .thumb\n .fpu neon\n"
        ".global fork_holding\n .type fork_holding, %function\n .thumb_func\n"
        "fork_holding:\n"
        "    push {r4, r7, lr}\n    mov r4, r0\n"
        "    ldr r1, [r4, #512]\n    vmsr fpscr, r1\n"
        "    add r1, r4, #128\n    vldmia r1, {d16-d31}\n"
        "    movs r7, #2\n    svc #0\n"   /* fork */
        "    vmrs r1, fpscr\n    str r1, [r4, #516]\n"
        "    add r1, r4, #384\n    vstmia r1, {d16-d31}\n"
        "    movs r1, #0\n    vmsr fpscr, r1\n"
        "    pop {r4, r7, pc}\n");

/* How many of d16-d31 and FPSCR fork_holding() did not get back. */
static uint32_t upper_errors(const struct fpu_hold *h) {
    uint32_t bad = (h->fpscr_out & FPU_FPSCR_MASK) != h->fpscr_in;
    for (uint32_t i = 16; i < 32; i++)
        bad += h->out[i] != h->pat[i];
    return bad;
}

static int wait_code(pid_t pid) {
    int st = 0;
    return waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* `fptest fresh`: the registers a new program finds (exit code: how many are not zero). */
static int fresh(void) { return (int)fpu_dirty(); }

static void exec_check(char *self) {
    static struct fpu_hold h;
    fpu_pattern(&h, 0xe8ec0000u, 0);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {self, "fresh", NULL};
        __asm__ volatile(".fpu neon\n vldmia %0, {d16-d31}\n vmsr fpscr, %1"
                         : : "r"(&h.pat[16]), "r"(h.fpscr_in) : "memory");
        execv(self, argv);
        _exit(99);
    }
    result_u("exec_dirty", (uint32_t)wait_code(pid));
}

static void fork_check(void) {
    static struct fpu_hold h;
    fpu_pattern(&h, 0xf02c0000u, 0);
    int pid = fork_holding(&h);
    if (pid == 0)
        _exit((int)upper_errors(&h));
    result_u("fork_parent_errors", upper_errors(&h));
    result_u("fork_child_errors", (uint32_t)wait_code(pid));
}

/* Worker @p id: FPTEST_ROUNDS rounds of fpu_hold() and fpu_series(). */
static void worker(uint32_t id) {
    static struct fpu_hold h;
    uint32_t errors = 0, preempted = 0;
    uint64_t sum = 0;
    char key[24];
    for (uint32_t i = 0; i < FPTEST_ROUNDS; i++) {
        uint32_t seed = fpu_round_seed(FPTEST_SEED, id, i), t0 = cycles();
        fpu_pattern(&h, seed, SPINS);
        fpu_hold(&h);
        preempted += cycles() - t0 > 3u * SPINS;   /* the loop is 2 instructions a spin */
        errors += fpu_hold_errors(&h);
        sum ^= fpu_series(seed, FPU_SERIES_N);
    }
    snprintf(key, sizeof key, "errors%u", (unsigned)id);
    result_u(key, errors);
    snprintf(key, sizeof key, "preempted%u", (unsigned)id);
    result_u(key, preempted);
    snprintf(key, sizeof key, "series%u", (unsigned)id);
    result_x64(key, sum);
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "fresh"))
        return fresh();
    if (getenv("MV_BOOT_NONCE"))
        nonce = getenv("MV_BOOT_NONCE");
    result_u("init_dirty", (uint32_t)fresh());
    exec_check(argv[0]);
    fork_check();
    pid_t pids[FPTEST_WORKERS];
    for (uint32_t id = 1; id < FPTEST_WORKERS; id++)
        if ((pids[id] = fork()) == 0) {
            worker(id);
            _exit(0);
        }
    worker(0);
    for (uint32_t id = 1; id < FPTEST_WORKERS; id++)
        wait_code(pids[id]);
    result_u("done", FPTEST_WORKERS);
    return 0;
}
