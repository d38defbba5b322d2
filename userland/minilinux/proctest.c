/*
 * proctest.c - minilinux's process core, seen from a process (it runs as init in the
 * system test_minilinux_proc): fork and wait4 with exit codes and signals, getppid,
 * WNOHANG and ECHILD, timer preemption (a short child finishes before a long spinner
 * created first), nanosleep, the process limit (a fork bomb gets EAGAIN and the system
 * lives), anonymous mmap2/munmap, a fault in a child that only kills the child, and
 * running out of memory (brk refuses; touching too much is SIGKILL; the system lives).
 * Raw system calls only, so the kernel is all that is tested. Each check prints one line.
 */
#include <stdio.h>
#include "lib/linux.h"
#include "minilinux/abi_types.h"

static int32_t sys6(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                    uint32_t a4, uint32_t a5) {
    register uint32_t r0 __asm__("r0") = a0, r1 __asm__("r1") = a1, r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3, r4 __asm__("r4") = a4, r5 __asm__("r5") = a5;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
                     : "memory");
    return (int32_t)r0;
}

static int32_t xfork(void) { return lx_syscall3(LX_NR_fork, 0, 0, 0); }
static int32_t xwait(int32_t pid, int *status, uint32_t options) {
    return sys6(LX_NR_wait4, (uint32_t)pid, (uint32_t)status, options, 0, 0, 0);
}
static void __attribute__((noreturn)) xexit(int code) {
    lx_syscall3(LX_NR_exit, (uint32_t)code, 0, 0);
    for (;;)
        ;
}
static uint64_t now_ns(void) {
    struct lx_timespec ts;
    lx_syscall3(LX_NR_clock_gettime, LX_CLOCK_MONOTONIC, (uint32_t)&ts, 0);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint32_t)ts.tv_nsec;
}
static void sleep_ms(uint32_t ms) {
    struct lx_timespec ts = {.tv_sec = (int32_t)(ms / 1000u), .tv_nsec = (int32_t)(ms % 1000u) * 1000000};
    lx_syscall3(LX_NR_nanosleep, (uint32_t)&ts, 0, 0);
}
static void spin(uint32_t n) {
    for (volatile uint32_t i = 0; i < n; i++)
        ;
}

static void exit_codes(void) {
    int32_t pid = xfork();
    if (pid == 0)
        xexit(42);
    int status = -1;
    int32_t got = xwait(pid, &status, 0);
    printf("proctest: child exit 42 -> wait4 %s, status 0x%04x\n", got == pid ? "same pid" : "WRONG pid",
           (unsigned)status);
    printf("proctest: wait4 with no child -> %d\n", (int)xwait(-1, &status, 0));
}

static void parent_and_nohang(void) {
    int32_t me = lx_getpid(), pid = xfork();
    if (pid == 0) {
        int32_t ppid = lx_syscall3(LX_NR_getppid, 0, 0, 0);
        sleep_ms(5);
        xexit(ppid == me ? 0 : 1);
    }
    int status = -1;
    int32_t early = xwait(pid, &status, LX_WNOHANG);
    uint64_t t0 = now_ns();
    xwait(pid, &status, 0);
    uint64_t waited = now_ns() - t0;
    printf("proctest: WNOHANG while the child sleeps -> %d\n", (int)early);
    printf("proctest: child saw getppid() == parent: %s\n", status == 0 ? "yes" : "no");
    printf("proctest: nanosleep(5 ms) lasted at least 4 ms: %s\n", waited >= 4000000u ? "yes" : "no");
}

/* The long spinner is forked first and runs first; without preemption the short child
 * could only finish after it. */
static void preemption(void) {
    int32_t slow = xfork();
    if (slow == 0) {
        spin(3000000u);
        xexit(1);
    }
    int32_t fast = xfork();
    if (fast == 0) {
        spin(100000u);
        xexit(2);
    }
    int status;
    int32_t first = xwait(-1, &status, 0);
    xwait(-1, &status, 0);
    printf("proctest: the short child finished first: %s\n", first == fast ? "yes" : "no");
}

static void fork_bomb(void) {
    int32_t n = 0, rc;
    while ((rc = xfork()) > 0)
        n++;
    if (rc == 0) {
        sleep_ms(20);
        xexit(0);
    }
    int32_t reaped = 0, status;
    while (xwait(-1, &status, 0) > 0)
        reaped++;
    printf("proctest: fork bomb: %d children, then %d; reaped %d\n", (int)n, (int)rc, (int)reaped);
}

static void memory(void) {
    uint32_t len = 64u * 1024u;
    int32_t a = sys6(LX_NR_mmap2, 0, len, LX_PROT_READ | LX_PROT_WRITE,
                     LX_MAP_PRIVATE | LX_MAP_ANONYMOUS, (uint32_t)-1, 0);
    unsigned sum = 0;
    if (a > 0) {
        volatile uint8_t *m = (volatile uint8_t *)a;
        for (uint32_t i = 0; i < len; i += 512u)
            m[i] = (uint8_t)(i >> 9);
        for (uint32_t i = 0; i < len; i += 512u)
            sum += m[i];
    }
    printf("proctest: mmap2 64 KiB: %s, sum %u\n", a > 0 ? "ok" : "FAILED", sum);
    printf("proctest: munmap -> %d\n", (int)lx_syscall3(LX_NR_munmap, (uint32_t)a, len, 0));
    int32_t pid = xfork();
    if (pid == 0) {
        *(volatile uint8_t *)a = 1;   /* unmapped now: must fault */
        xexit(0);
    }
    int status = 0;
    xwait(pid, &status, 0);
    printf("proctest: child touching unmapped memory -> signal %d\n", status & 0x7f);
}

/* fork shares pages copy-on-write: after it, each side's writes (its own stores, and a
 * system call writing into its memory) stay its own. */
static char cow_buf[8192] = "parent's data";

static void copy_on_write(void) {
    int fds[2];
    lx_syscall3(LX_NR_pipe, (uint32_t)fds, 0, 0);
    lx_write(fds[1], "from the pipe", 14);
    cow_buf[4098] = 'x';   /* the page is mapped writable in the parent before the fork */
    int32_t pid = xfork();
    if (pid == 0) {
        sleep_ms(2);                                      /* the parent writes first */
        int ok = cow_buf[0] == 'p' && cow_buf[4097] == '\0';   /* its data, not its writes */
        cow_buf[4096] = 'c';                              /* a store into a shared page */
        lx_syscall3(LX_NR_read, (uint32_t)fds[0], (uint32_t)cow_buf, 14);   /* the kernel's */
        ok = ok && cow_buf[0] == 'f' && cow_buf[4096] == 'c';
        xexit(ok ? 0 : 1);
    }
    cow_buf[4097] = 'p';
    int status = -1;
    xwait(pid, &status, 0);
    int mine = cow_buf[0] == 'p' && cow_buf[4096] == '\0' && cow_buf[4097] == 'p';
    printf("proctest: copy-on-write: child saw its own writes %s, parent kept its data %s\n",
           status == 0 ? "yes" : "no", mine ? "yes" : "no");
}

/* ARM's set_tls: each process has its own TLS register (TPIDRURO, read in user mode),
 * a child inherits it, and a switch between processes keeps them apart. */
static uint32_t tls_read(void) {
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
    return v;
}

static void tls(void) {
    lx_syscall3(LX_NR_ARM_set_tls, 0x7e57a000u, 0, 0);
    int32_t pid = xfork();
    if (pid == 0) {
        int inherited = tls_read() == 0x7e57a000u;
        lx_syscall3(LX_NR_ARM_set_tls, 0xc41d0000u, 0, 0);
        sleep_ms(2);   /* the parent runs meanwhile */
        xexit(inherited && tls_read() == 0xc41d0000u ? 0 : 1);
    }
    int status = -1;
    xwait(pid, &status, 0);
    printf("proctest: set_tls: the child inherited and kept its own %s, the parent kept its own %s\n",
           status == 0 ? "yes" : "no", tls_read() == 0x7e57a000u ? "yes" : "no");
}

/* Out of memory is an error, never a crash: brk refuses what RAM cannot back, and a
 * process that touches more anonymous memory than there is dies of SIGKILL. */
static void out_of_memory(void) {
    int32_t pid = xfork();
    if (pid == 0) {
        uint32_t start = lx_brk(0), end = start, step = 256u * 1024u;
        while (lx_brk(end + step) == end + step)
            end += step;
        for (uint32_t a = start; a < end; a += 4096u)
            *(volatile uint8_t *)a = 1;
        xexit(end - start >= 1024u * 1024u ? 0 : 1);   /* it got at least 1 MiB first */
    }
    int status = -1;
    xwait(pid, &status, 0);
    printf("proctest: brk until RAM runs out, then touch it all -> status %d\n", status);
    pid = xfork();
    if (pid == 0) {
        uint32_t len = 32u * 1024u * 1024u;   /* more than the VM's RAM */
        int32_t a = sys6(LX_NR_mmap2, 0, len, LX_PROT_READ | LX_PROT_WRITE,
                         LX_MAP_PRIVATE | LX_MAP_ANONYMOUS, (uint32_t)-1, 0);
        for (uint32_t i = 0; a > 0 && i < len; i += 4096u)
            *(volatile uint8_t *)(a + i) = 1;
        xexit(a > 0 ? 2 : 3);   /* never: the kernel runs out of pages first */
    }
    xwait(pid, &status, 0);
    printf("proctest: touching 32 MiB of mmap2 -> signal %d\n", status & 0x7f);
    pid = xfork();
    if (pid == 0)
        xexit(7);
    xwait(pid, &status, 0);
    printf("proctest: a fork after that -> exit %d\n", (status >> 8) & 0xff);
}

/* execve refuses what it cannot run: a file without an x bit (EACCES), an executable that
 * is not a static ARM ELF program (ENOEXEC: a shell would run it as a script), a missing
 * one (ENOENT); the caller goes on. */
static void exec_refusals(void) {
    static const char *const paths[] = {"/etc/motd", "/bin/hello.sh", "/bin/nosuch"};
    for (unsigned i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        const char *argv[] = {paths[i], NULL};
        printf("proctest: execve %s -> %d\n", paths[i],
               (int)lx_syscall3(LX_NR_execve, (uint32_t)paths[i], (uint32_t)argv, 0));
    }
}

int main(void) {
    exit_codes();
    parent_and_nohang();
    preemption();
    fork_bomb();
    memory();
    copy_on_write();
    tls();
    exec_refusals();
    out_of_memory();
    printf("proctest: done\n");
    return 0;
}
