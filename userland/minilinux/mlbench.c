/*
 * mlbench.c - minilinux's benchmarks, run as init by systems/bench_minilinux.c (make
 * bench): the cost of Linux system calls on minilinux in instructions (QEMU's icount
 * makes the PMU cycle counter an instruction counter, readable in user mode). Each figure
 * is the median of many samples minus the cost of reading the counter, and counts every
 * instruction on the way: the process, the microvisor, minilinux's kernel, and back.
 *
 *   minilinux_null_syscall     getpid(): four mode switches (user -> microvisor -> guest
 *                              kernel -> microvisor -> user) around a one-line call
 *   minilinux_pipe_1b          write 1 byte into a pipe and read it back, one process
 *   minilinux_pipe_roundtrip   1 byte there and back between two processes
 *   minilinux_fork_exit_wait   fork, the child exits at once, the parent's wait4
 *   minilinux_fork_exec_wait   the same with execve of a tiny program in the child
 *
 * Raw system calls, no C library in the measured path. The report lines carry the boot
 * nonce the kernel passes to init (MV_BOOT_NONCE), as bench/bench.h's do.
 */
#include <stdio.h>
#include <stdlib.h>
#include "lib/linux.h"

#define SAMPLES 200u
#define FORK_SAMPLES 20u
#define TARGET_NULL_SYSCALL 400u

static uint32_t cycles(void) {
    uint32_t c;
    __asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(c));
    return c;
}

static int cmp(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static uint32_t median(uint32_t *v, uint32_t n) {
    qsort(v, n, sizeof *v, cmp);
    return v[n / 2];
}

#define SAMPLE(op) ({ uint32_t t0_ = cycles(); op; cycles() - t0_; })

static uint32_t overhead;
static const char *nonce = "00000000";

static void report(const char *name, uint32_t *v, uint32_t n, uint32_t target) {
    uint32_t m = median(v, n) - overhead;
    if (target)
        printf("@@ %s bench %s %u %u\n", nonce, name, (unsigned)m, (unsigned)target);
    else
        printf("@@ %s bench %s %u\n", nonce, name, (unsigned)m);
}

static void fail(const char *what, int32_t rc) {
    printf("mlbench: %s failed (%d)\n", what, (int)rc);
    exit(1);
}

static int32_t xwait(void) {
    register uint32_t r0 __asm__("r0") = (uint32_t)-1, r1 __asm__("r1") = 0;
    register uint32_t r2 __asm__("r2") = 0, r3 __asm__("r3") = 0, r7 __asm__("r7") = LX_NR_wait4;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r7) : "memory");
    return (int32_t)r0;
}

static void __attribute__((noreturn)) xexit(int code) {
    lx_syscall3(LX_NR_exit, (uint32_t)code, 0, 0);
    for (;;)
        ;
}

static void null_syscall(uint32_t *v) {
    for (uint32_t i = 0; i < SAMPLES; i++)
        v[i] = SAMPLE(lx_getpid());
    report("minilinux_null_syscall", v, SAMPLES, TARGET_NULL_SYSCALL);
}

static void pipe_1b(uint32_t *v) {
    int fds[2];
    int32_t rc = lx_syscall3(LX_NR_pipe, (uint32_t)fds, 0, 0);
    if (rc)
        fail("pipe", rc);
    char c = 'x';
    for (uint32_t i = 0; i < SAMPLES; i++)
        v[i] = SAMPLE(lx_write(fds[1], &c, 1); lx_syscall3(LX_NR_read, (uint32_t)fds[0], (uint32_t)&c, 1));
    report("minilinux_pipe_1b", v, SAMPLES, 0);
    lx_syscall3(LX_NR_close, (uint32_t)fds[0], 0, 0);
    lx_syscall3(LX_NR_close, (uint32_t)fds[1], 0, 0);
}

/* The child echoes every byte back until its input ends. */
static void pipe_roundtrip(uint32_t *v) {
    int there[2], back[2];
    if (lx_syscall3(LX_NR_pipe, (uint32_t)there, 0, 0) || lx_syscall3(LX_NR_pipe, (uint32_t)back, 0, 0))
        fail("pipe", -1);
    int32_t pid = lx_syscall3(LX_NR_fork, 0, 0, 0);
    if (pid < 0)
        fail("fork", pid);
    char c = 'x';
    if (pid == 0) {
        lx_syscall3(LX_NR_close, (uint32_t)there[1], 0, 0);   /* else its read never sees EOF */
        while (lx_syscall3(LX_NR_read, (uint32_t)there[0], (uint32_t)&c, 1) == 1)
            lx_write(back[1], &c, 1);
        xexit(0);
    }
    for (uint32_t i = 0; i < SAMPLES; i++)
        v[i] = SAMPLE(lx_write(there[1], &c, 1); lx_syscall3(LX_NR_read, (uint32_t)back[0], (uint32_t)&c, 1));
    report("minilinux_pipe_roundtrip", v, SAMPLES, 0);
    lx_syscall3(LX_NR_close, (uint32_t)there[1], 0, 0);
    xwait();
}

static void fork_wait(uint32_t *v, const char *name, const char *self) {
    for (uint32_t i = 0; i < FORK_SAMPLES; i++) {
        uint32_t t0 = cycles();
        int32_t pid = lx_syscall3(LX_NR_fork, 0, 0, 0);
        if (pid == 0) {
            if (self) {
                const char *argv[] = {self, "exit", NULL};
                lx_syscall3(LX_NR_execve, (uint32_t)self, (uint32_t)argv, 0);
            }
            xexit(0);
        }
        if (pid < 0 || xwait() != pid)
            fail(name, pid);
        v[i] = cycles() - t0;
    }
    report(name, v, FORK_SAMPLES, 0);
}

int main(int argc, char **argv) {
    static uint32_t v[SAMPLES];
    if (argc > 1)
        return 0;   /* "mlbench exit": the program fork_exec_wait runs */
    const char *n = getenv("MV_BOOT_NONCE");
    if (n)
        nonce = n;
    for (uint32_t i = 0; i < SAMPLES; i++)
        v[i] = SAMPLE((void)0);
    overhead = median(v, SAMPLES);
    null_syscall(v);
    pipe_1b(v);
    pipe_roundtrip(v);
    fork_wait(v, "minilinux_fork_exit_wait", NULL);
    fork_wait(v, "minilinux_fork_exec_wait", argv[0]);
    return 0;
}
