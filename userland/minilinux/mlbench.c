/*
 * mlbench.c - the cost of Linux system calls in instructions, one static program for two
 * kernels: minilinux's init in systems/bench_minilinux.c (make bench), and /init of real
 * Linux on the same QEMU machine (make bench-linux, tools/bench-linux.py).
 *
 *   null_syscall     getpid(): on minilinux the four mode switches of a paravirtual call
 *                    (user -> microvisor -> guest kernel -> microvisor -> user)
 *   pipe_1b          write 1 byte into a pipe and read it back, one process
 *   pipe_roundtrip   1 byte there and back between two processes
 *   fork_exit_wait   fork, the child exits at once, the parent's wait4
 *   fork_exec_wait   the same with an execve of this program ("mlbench exit") in the child
 *   pipe_stream_per_kib  1 MiB through a pipe to another process in 4 KiB writes, in
 *                    instructions per KiB
 *
 * How: QEMU runs with -icount shift=0, where one instruction is one nanosecond of virtual
 * time, so CLOCK_MONOTONIC counts instructions on both kernels. (The PMU cycle counter
 * would too, but Linux does not let user mode read it: SIGILL.) The clock ticks at the
 * generic timer's 62.5 MHz, 16 instructions a step, so each sample times a batch of
 * operations: a figure is the median over BATCHES batches of (batch - empty batch) / n.
 * An empty batch has the same two clock calls, so the subtraction cancels their cost; the
 * median drops the batches a timer tick fell into. Every instruction on the way counts:
 * the process, the kernel(s), and back. On minilinux, where the PMU is readable, the clock
 * and the PMU give the same figures (within 1%, fork_exec_wait; the rest to the unit).
 *
 * Raw system calls, no C library in the measured path. Report lines are
 * "@@ <nonce> bench <kernel>_<figure> <value> [<target>]" (tools/bench.sh): the nonce from
 * MV_BOOT_NONCE (minilinux's kernel sets it; on Linux the kernel command line does), the
 * kernel from uname. On Linux, init must not return: the program powers the machine off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/linux.h"

#define BATCHES 21u   /* samples per figure (odd: one median) */
#define STREAM_BYTES (1u << 20)
#define CHUNK 4096u   /* a page: minilinux's whole pipe, a 16th of Linux's (64 KiB) */

/* reboot(2), which minilinux does not have: only real Linux gets here (power_off()). */
#define NR_reboot 88u
#define REBOOT_MAGIC1 0xfee1deadu
#define REBOOT_MAGIC2 672274793u
#define REBOOT_CMD_POWER_OFF 0x4321fedcu

static const char *nonce = "00000000";
static int verbose;   /* MLBENCH_SAMPLES set: print every batch's time too */
static const char *kernel = "linux";   /* the figures' prefix: "minilinux" or "linux" */
static int fds[2], there[2], back[2];   /* the pipes the operations use */
static char byte = 'x';   /* what the 1-byte operations send */

/* ---- system calls ---- */

static int32_t sc(uint32_t nr, uint32_t a, uint32_t b, uint32_t c) { return lx_syscall3(nr, a, b, c); }

static void fail(const char *what, int32_t rc) {
    printf("mlbench: %s failed (%d)\n", what, (int)rc);
    exit(1);
}

/* Inline, so that a child that exits at once writes no memory: a push onto its stack would
 * copy the stack page it shares with its parent (copy-on-write), a cost of this program's,
 * not of fork's. */
static inline __attribute__((always_inline, noreturn)) void xexit(int code) {
    sc(LX_NR_exit, (uint32_t)code, 0, 0);
    for (;;)
        ;
}

/* wait4(-1, NULL, 0, NULL), in r0-r3 and r7 only: lx_syscall6 would push r4 and r5 onto
 * the stack right after a fork, and that write copies the stack page (copy-on-write)
 * while the child still shares it, a cost that is the program's, not fork's. */
static int32_t xwait(void) {
    register uint32_t r0 __asm__("r0") = (uint32_t)-1, r1 __asm__("r1") = 0;
    register uint32_t r2 __asm__("r2") = 0, r3 __asm__("r3") = 0, r7 __asm__("r7") = LX_NR_wait4;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r7) : "memory");
    return (int32_t)r0;
}

static void xpipe(int p[2]) {
    int32_t rc = sc(LX_NR_pipe, (uint32_t)p, 0, 0);
    if (rc)
        fail("pipe", rc);
}

/* Whole buffers: a pipe may return fewer bytes than asked for. */
static void xread(int fd, char *b, uint32_t n) {
    for (int32_t got; n; n -= (uint32_t)got, b += got)
        if ((got = sc(LX_NR_read, (uint32_t)fd, (uint32_t)b, n)) <= 0)
            fail("read", got);
}

/* The virtual time in ns = instructions under -icount shift=0 (the comment at the top).
 * Inline, for the same reason as xexit(): no push before the clock is read, since after a
 * fork the first write to the stack page takes a fault that belongs to no figure. */
static inline __attribute__((always_inline)) uint64_t now(void) {
    struct lx_timespec ts;
    sc(LX_NR_clock_gettime, LX_CLOCK_MONOTONIC, (uint32_t)&ts, 0);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint32_t)ts.tv_nsec;
}

/* ---- measuring ---- */

static int cmp(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The median time of BATCHES batches of n calls of op (through a pointer: never inlined). */
static uint64_t batch(void (*op)(void), uint32_t n) {
    uint64_t t[BATCHES];
    for (uint32_t b = 0; b < BATCHES; b++) {
        uint64_t t0 = now();
        for (uint32_t i = 0; i < n; i++)
            op();
        t[b] = now() - t0;
    }
    if (verbose) {   /* MLBENCH_SAMPLES=1: every batch, to see how they spread */
        printf("mlbench: %u per batch:", (unsigned)n);
        for (uint32_t b = 0; b < BATCHES; b++)
            printf(" %u", (unsigned)t[b]);
        printf("\n");
    }
    qsort(t, BATCHES, sizeof t[0], cmp);
    return t[BATCHES / 2];
}

static void nothing(void) {}

/* Instructions per operation: the median batch less the median empty batch, rounded. */
static uint32_t per_op(void (*op)(void), uint32_t n) {
    uint64_t full = batch(op, n), empty = batch(nothing, n);
    return full > empty ? (uint32_t)((full - empty + n / 2) / n) : 0;
}

static void report(const char *figure, uint32_t value, uint32_t target) {
    printf("@@ %s bench %s_%s %u", nonce, kernel, figure, (unsigned)value);
    if (target && strcmp(kernel, "minilinux") == 0)   /* the targets are minilinux's */
        printf(" %u", (unsigned)target);
    printf("\n");
}

/* ---- the operations ---- */

static void op_getpid(void) { lx_getpid(); }

static void op_pipe_1b(void) {
    lx_write(fds[1], &byte, 1);
    sc(LX_NR_read, (uint32_t)fds[0], (uint32_t)&byte, 1);
}

static void op_roundtrip(void) {
    lx_write(there[1], &byte, 1);
    sc(LX_NR_read, (uint32_t)back[0], (uint32_t)&byte, 1);
}

static void fork_wait(const char *self) {
    int32_t pid = sc(LX_NR_fork, 0, 0, 0);
    if (pid == 0) {
        if (self) {
            const char *argv[] = {self, "exit", NULL};
            sc(LX_NR_execve, (uint32_t)self, (uint32_t)argv, 0);
        }
        xexit(0);
    }
    if (pid < 0 || xwait() != pid)
        fail("fork and wait", pid);
}

static const char *self;   /* argv[0], for fork_exec_wait */
static void op_fork_exit(void) { fork_wait(NULL); }
static void op_fork_exec(void) { fork_wait(self); }

/* 1 MiB into there[], then the child's 1-byte acknowledgement on back[] once it has it all:
 * the stream is measured until the last byte has arrived, not just until it was written. */
static void op_stream(void) {
    char buf[CHUNK];   /* on the stack, as late as possible: see main() */
    for (uint32_t sent = 0; sent < STREAM_BYTES; sent += CHUNK)
        if (lx_write(there[1], buf, CHUNK) != (int32_t)CHUNK)
            fail("write", -1);
    xread(back[0], buf, 1);
}

/* The other process of pipe_roundtrip and pipe_stream_1m: with stream set, it reads 1 MiB
 * and acknowledges it with a byte; else it echoes every byte. Either until there[] ends. */
static void __attribute__((noreturn)) partner(int stream) {
    char in[CHUNK];
    sc(LX_NR_close, (uint32_t)there[1], 0, 0);   /* else its read never sees the end */
    for (;;) {
        uint32_t want = stream ? STREAM_BYTES : 1, got = 0;
        while (got < want) {
            int32_t n = sc(LX_NR_read, (uint32_t)there[0], (uint32_t)in, stream ? CHUNK : 1);
            if (n <= 0)
                xexit(0);
            got += (uint32_t)n;
        }
        lx_write(back[1], in, 1);
    }
}

/* Runs op with a partner process on the other end of there[] and back[]. */
static uint32_t with_partner(int stream, void (*op)(void), uint32_t n) {
    xpipe(there);
    xpipe(back);
    int32_t pid = sc(LX_NR_fork, 0, 0, 0);
    if (pid < 0)
        fail("fork", pid);
    if (pid == 0)
        partner(stream);
    uint32_t v = per_op(op, n);
    sc(LX_NR_close, (uint32_t)there[1], 0, 0);
    if (xwait() != pid)
        fail("wait", -1);
    int *all[] = {there, back};
    for (int i = 0; i < 2; i++) {
        sc(LX_NR_close, (uint32_t)all[i][0], 0, 0);
        sc(LX_NR_close, (uint32_t)all[i][1], 0, 0);
    }
    return v;
}

/* Each figure: operations per batch so that a batch is well above the clock's 16 steps. */
static uint32_t m_fork_exit(void) { return per_op(op_fork_exit, 1); }
static uint32_t m_fork_exec(void) { return per_op(op_fork_exec, 1); }
static uint32_t m_null(void) { return per_op(op_getpid, 100); }
static uint32_t m_pipe_1b(void) {
    xpipe(fds);
    uint32_t v = per_op(op_pipe_1b, 20);
    sc(LX_NR_close, (uint32_t)fds[0], 0, 0);
    sc(LX_NR_close, (uint32_t)fds[1], 0, 0);
    return v;
}
static uint32_t m_roundtrip(void) { return with_partner(0, op_roundtrip, 10); }
static uint32_t m_stream(void) { return (with_partner(1, op_stream, 1) + 512) / 1024; }

/* ---- the program ---- */

/* Which kernel runs us: minilinux's release is "6.1.0-minilinux". */
static void identify(void) {
    static struct lx_utsname u;
    const char *n = getenv("MV_BOOT_NONCE");
    if (n)
        nonce = n;
    verbose = getenv("MLBENCH_SAMPLES") != NULL;
    if (sc(LX_NR_uname, (uint32_t)&u, 0, 0) == 0 && strstr(u.release, "minilinux"))
        kernel = "minilinux";
}

/* On Linux init must not end (the kernel panics): power off, QEMU exits on PSCI's
 * SYSTEM_OFF. On minilinux init's exit powers off. */
static void power_off(void) {
    if (strcmp(kernel, "linux") != 0)
        return;
    fflush(stdout);
    lx_syscall6(NR_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF, 0, 0, 0);
    printf("mlbench: reboot(POWER_OFF) returned\n");
}

/* The figures, in the order they are measured: the forks first, while the process is
 * smallest (fork's cost grows with every page the parent has written), and all of them
 * before the first printf (whose buffer is one more page). */
static const struct {
    const char *name;
    uint32_t (*measure)(void);
    uint32_t target;   /* the issue's: real Linux's figure, or 1.6x it for a null call */
} figures[] = {
    {"null_syscall", m_null, 240},
    {"pipe_1b", m_pipe_1b, 2508},
    {"pipe_roundtrip", m_roundtrip, 13070},
    {"pipe_stream_per_kib", m_stream, 0},
    {"fork_exit_wait", m_fork_exit, 59693},
    {"fork_exec_wait", m_fork_exec, 0},
};
#define NFIGURES (sizeof figures / sizeof figures[0])

int main(int argc, char **argv) {
    if (argc > 1)
        return 0;   /* "mlbench exit": the program fork_exec_wait runs */
    self = argv[0];
    identify();
    uint32_t v[NFIGURES];
    for (uint32_t i = 0; i < NFIGURES; i++)
        v[i] = figures[i].measure();
    for (uint32_t i = 0; i < NFIGURES; i++)
        report(figures[i].name, v[i], figures[i].target);
    power_off();
    return 0;
}
