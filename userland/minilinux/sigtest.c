/*
 * sigtest.c - minilinux's signals, seen from a process (init of the system
 * test_minilinux_sig): handlers with their siginfo and ucontext, masks and pending
 * signals, default actions, SA_RESETHAND / SA_NODEFER / SA_RESTART, interrupted calls
 * (EINTR), rt_sigsuspend, a fault caught by a handler that skips the faulting
 * instruction, registers kept across asynchronous signals, and the frames the kernel must
 * refuse. Raw system calls only (no libc signal code), so the kernel is all that is
 * tested; each check prints one line that autograder/tests/system/test_minilinux_sig.c
 * compares.
 */
#include <stdio.h>
#include "lib/linux.h"
#include "minilinux/abi_types.h"

#define BIT(sig) (1ull << ((sig) - 1))

static int32_t sys4(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) {
    register uint32_t r0 __asm__("r0") = a0, r1 __asm__("r1") = a1, r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3, r4 __asm__("r4") = 0, r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r7) : "memory");
    return (int32_t)r0;
}

/* Every handler returns here: what a C library's sa_restorer does. */
__attribute__((naked)) static void restorer(void) {
    __asm__ volatile("mov r7, %0\n\tsvc #0" : : "i"(LX_NR_rt_sigreturn));
}

typedef void (*handler_fn)(int, struct lx_siginfo *, struct lx_ucontext *);

static int32_t set_action(int sig, uint32_t handler, uint32_t flags, uint64_t mask) {
    struct lx_sigaction a = {.sa_handler = handler, .sa_flags = flags, .sa_restorer = 0, .sa_mask = mask};
    if (flags & LX_SA_RESTORER)
        a.sa_restorer = (uint32_t)restorer;
    return sys4(LX_NR_rt_sigaction, (uint32_t)sig, (uint32_t)&a, 0, 8);
}
static int32_t catch(int sig, handler_fn h, uint32_t flags) {
    return set_action(sig, (uint32_t)h, flags | LX_SA_SIGINFO | LX_SA_RESTORER, 0);
}
static int32_t procmask(int how, const uint64_t *set, uint64_t *old) {
    return sys4(LX_NR_rt_sigprocmask, (uint32_t)how, (uint32_t)set, (uint32_t)old, 8);
}
static uint64_t mask_now(void) {
    uint64_t old = 0;
    procmask(LX_SIG_BLOCK, NULL, &old);
    return old;
}
/* A 64-bit set in hex (newlib's small printf has no %llx). */
static const char *hex64(uint64_t v, char *buf) {
    sprintf(buf, "0x%08x%08x", (unsigned)(v >> 32), (unsigned)v);
    return buf;
}
static int32_t xkill(int32_t pid, int sig) { return sys4(LX_NR_kill, (uint32_t)pid, (uint32_t)sig, 0, 0); }
static int32_t xfork(void) { return sys4(LX_NR_fork, 0, 0, 0, 0); }
static int32_t xwait(int32_t pid, int *status) {
    return sys4(LX_NR_wait4, (uint32_t)pid, (uint32_t)status, 0, 0);
}
static int32_t sleep_ms(uint32_t ms) {
    struct lx_timespec ts = {.tv_sec = (int32_t)(ms / 1000u), .tv_nsec = (int32_t)(ms % 1000u) * 1000000};
    return sys4(LX_NR_nanosleep, (uint32_t)&ts, 0, 0, 0);
}
static __attribute__((noreturn)) void xexit(int code) {
    sys4(LX_NR_exit, (uint32_t)code, 0, 0, 0);
    for (;;)
        ;
}
/* A child that does @p fn; returns its wait status. */
static int child_status(void (*fn)(void)) {
    int status = -1;
    int32_t pid = xfork();
    if (pid == 0) {
        fn();
        xexit(0);
    }
    xwait(pid, &status);
    return status;
}
/* A child that signals this process with @p sig after @p ms, then exits after @p ms more. */
static int32_t signal_me_later(int sig, uint32_t ms) {
    int32_t parent = lx_getpid(), pid = xfork();
    if (pid == 0) {
        sleep_ms(ms);
        xkill(parent, sig);
        sleep_ms(ms);
        xexit(7);
    }
    return pid;
}

/* ---- what the handlers saw ---- */
static volatile int hits, depth, max_depth, last_sig, last_code;
static volatile uint32_t last_addr, last_ctx_ok;

static void counting(int sig, struct lx_siginfo *info, struct lx_ucontext *uc) {
    hits++;
    last_sig = info->si_signo == sig ? sig : -1;
    last_code = info->si_code;
    last_ctx_ok = (uint32_t)uc == (uint32_t)info + sizeof *info && uc->ss_flags == LX_SS_DISABLE;
}

static void handlers(void) {
    hits = 0;
    catch(LX_SIGUSR1, counting, 0);
    int32_t rc = xkill(lx_getpid(), LX_SIGUSR1);
    printf("sigtest: kill(self, SIGUSR1) -> %d; handler ran %d time(s), signo %d, si_code %d, "
           "ucontext after siginfo: %s\n", (int)rc, hits, last_sig, last_code, last_ctx_ok ? "yes" : "no");
}

static void masks(void) {
    uint64_t usr2 = BIT(LX_SIGUSR2), pending = 0, all = ~0ull;
    hits = 0;
    catch(LX_SIGUSR2, counting, 0);
    procmask(LX_SIG_BLOCK, &usr2, NULL);
    xkill(lx_getpid(), LX_SIGUSR2);
    int before = hits;
    sys4(LX_NR_rt_sigpending, (uint32_t)&pending, 8, 0, 0);
    procmask(LX_SIG_UNBLOCK, &usr2, NULL);
    char buf[20];
    printf("sigtest: blocked SIGUSR2: handler ran %d time(s), pending %s; unblocked: %d time(s)\n",
           before, hex64(pending, buf), hits);
    procmask(LX_SIG_SETMASK, &all, NULL);
    printf("sigtest: block everything -> mask %s (no SIGKILL, no SIGSTOP)\n", hex64(mask_now(), buf));
    uint64_t none = 0;
    procmask(LX_SIG_SETMASK, &none, NULL);
}

static void nesting(int sig, struct lx_siginfo *info, struct lx_ucontext *uc) {
    (void)info, (void)uc;
    if (++depth > max_depth)
        max_depth = depth;
    if (hits++ == 0)
        xkill(lx_getpid(), sig);   /* the same signal, from inside its handler */
    depth--;
}

static void nodefer(void) {
    static const uint32_t flags[] = {0, LX_SA_NODEFER};
    for (int i = 0; i < 2; i++) {
        hits = depth = max_depth = 0;
        catch(LX_SIGUSR1, nesting, flags[i]);
        xkill(lx_getpid(), LX_SIGUSR1);
        printf("sigtest: %s: handler ran %d time(s), nested %d deep\n",
               i ? "SA_NODEFER" : "no SA_NODEFER", hits, max_depth);
    }
}

static void resethand_child(void) {
    hits = 0;
    catch(LX_SIGUSR1, counting, LX_SA_RESETHAND);
    xkill(lx_getpid(), LX_SIGUSR1);
    printf("sigtest: SA_RESETHAND: handler ran %d time(s)\n", hits);
    xkill(lx_getpid(), LX_SIGUSR1);   /* now the default: the end */
    printf("sigtest: SA_RESETHAND: still alive (WRONG)\n");
}
static void term_child(void) { xkill(lx_getpid(), LX_SIGTERM); }
static void ignored_child(void) {
    set_action(LX_SIGTERM, LX_SIG_IGN, 0, 0);
    xkill(lx_getpid(), LX_SIGTERM);
    xkill(lx_getpid(), LX_SIGCHLD);   /* ignored by default */
    xkill(lx_getpid(), LX_SIGWINCH);
    xexit(3);
}
static void sleeper_child(void) { sleep_ms(10000); }

static void defaults(void) {
    printf("sigtest: SA_RESETHAND child -> status 0x%x\n", child_status(resethand_child));
    printf("sigtest: SIGTERM child -> status 0x%x\n", child_status(term_child));
    printf("sigtest: SIG_IGN SIGTERM, SIGCHLD, SIGWINCH child -> status 0x%x\n", child_status(ignored_child));
    int status = -1;
    int32_t pid = xfork();
    if (pid == 0)
        sleeper_child();
    sleep_ms(5);
    xkill(pid, LX_SIGKILL);
    xwait(pid, &status);
    printf("sigtest: SIGKILL to a sleeping child -> status 0x%x\n", status);
}

static void errors(void) {
    struct lx_sigaction old = {0};
    catch(LX_SIGUSR2, counting, 0);
    int32_t got_old = sys4(LX_NR_rt_sigaction, LX_SIGUSR2, 0, (uint32_t)&old, 8);
    printf("sigtest: rt_sigaction: SIGKILL %d, SIGSTOP %d, sigsetsize 4 %d, signal 0 %d, signal 65 %d, "
           "bad pointer %d, old action %s\n",
           (int)catch(LX_SIGKILL, counting, 0), (int)catch(LX_SIGSTOP, counting, 0),
           (int)sys4(LX_NR_rt_sigaction, LX_SIGUSR1, 0, 0, 4), (int)catch(0, counting, 0),
           (int)catch(65, counting, 0), (int)sys4(LX_NR_rt_sigaction, LX_SIGUSR1, 16, 0, 8),
           got_old == 0 && old.sa_handler == (uint32_t)counting ? "ok" : "WRONG");
    printf("sigtest: kill: no such pid %d, signal 0 to self %d, signal 65 %d, -1 with nobody else %d\n",
           (int)xkill(4242, LX_SIGTERM), (int)xkill(lx_getpid(), 0), (int)xkill(lx_getpid(), 65),
           (int)xkill(-1, LX_SIGUSR1));
    printf("sigtest: rt_sigprocmask bad how %d, bad sigsetsize %d\n",
           (int)procmask(7, &(uint64_t){0}, NULL),
           (int)sys4(LX_NR_rt_sigprocmask, LX_SIG_BLOCK, 0, 0, 4));
}

/* ---- interrupted calls ---- */
static void interrupted(void) {
    int status = -1;
    catch(LX_SIGUSR1, counting, 0);
    hits = 0;
    int32_t pid = signal_me_later(LX_SIGUSR1, 20);
    int32_t rc = sleep_ms(5000);
    printf("sigtest: nanosleep interrupted by a handler -> %d (handler ran %d time(s))\n", (int)rc, hits);
    xwait(pid, &status);

    pid = signal_me_later(LX_SIGUSR1, 20);
    rc = xwait(pid, &status);
    printf("sigtest: wait4 interrupted, no SA_RESTART -> %d\n", (int)rc);
    xwait(pid, &status);

    catch(LX_SIGUSR1, counting, LX_SA_RESTART);
    hits = 0;
    pid = signal_me_later(LX_SIGUSR1, 20);
    status = -1;
    rc = xwait(pid, &status);
    printf("sigtest: wait4 interrupted, SA_RESTART -> %s, status 0x%x (handler ran %d time(s))\n",
           rc == pid ? "the child" : "WRONG", status, hits);
}

static void suspend(void) {
    uint64_t usr1 = BIT(LX_SIGUSR1), none = 0;
    int status;
    catch(LX_SIGUSR1, counting, LX_SA_RESTART);   /* rt_sigsuspend never restarts */
    hits = 0;
    procmask(LX_SIG_BLOCK, &usr1, NULL);
    int32_t pid = signal_me_later(LX_SIGUSR1, 10);
    int32_t rc = sys4(LX_NR_rt_sigsuspend, (uint32_t)&none, 8, 0, 0);
    char buf[20];
    printf("sigtest: rt_sigsuspend -> %d, handler ran %d time(s), mask after %s\n", (int)rc, hits,
           hex64(mask_now(), buf));
    procmask(LX_SIG_UNBLOCK, &usr1, NULL);
    xwait(pid, &status);
}

/* ---- faults ---- */
static void skip_fault(int sig, struct lx_siginfo *info, struct lx_ucontext *uc) {
    (void)sig;
    hits++;
    last_code = info->si_code;
    last_addr = info->si_addr;
    uc->uc_mcontext.arm_pc += 4;   /* past the str.w */
}
static void fault(void) {
    __asm__ volatile("str.w %1, [%0]" : : "r"(0x10u), "r"(42u) : "memory");
}

static void faults(void) {
    hits = 0;
    catch(LX_SIGSEGV, skip_fault, 0);
    fault();
    printf("sigtest: SIGSEGV handler: ran %d time(s), si_code %d, si_addr 0x%08x; skipped the store\n",
           hits, last_code, (unsigned)last_addr);
    uint64_t segv = BIT(LX_SIGSEGV);
    procmask(LX_SIG_BLOCK, &segv, NULL);   /* a child inherits it: the fault must kill anyway */
    printf("sigtest: blocked SIGSEGV, fault in a child -> status 0x%x\n", child_status(fault));
    procmask(LX_SIG_UNBLOCK, &segv, NULL);
    set_action(LX_SIGSEGV, LX_SIG_DFL, 0, 0);
}

/* ---- registers across asynchronous signals ---- */
static uint32_t work(uint32_t seed) {
    uint32_t a = seed, b = seed ^ 0x9e3779b9u, c = 7, d = 0;
    for (uint32_t i = 0; i < 20000u; i++) {
        a = a * 1103515245u + 12345u;
        b ^= a >> 7;
        c += (b << 3) | (a >> 29);
        d = (d + (c > b)) ^ (a & 0xffu);
    }
    return a ^ b ^ c ^ d;
}
static void busy_child(void) {
    uint32_t want = work(1);
    int bad = 0;
    hits = 0;
    catch(LX_SIGUSR1, counting, 0);
    while (hits < 30)
        bad += work(1) != want;
    xexit(bad ? 1 : 0);
}
static void async(void) {
    int status = -1, sent = 0;
    int32_t pid = xfork();
    if (pid == 0)
        busy_child();
    while (sys4(LX_NR_wait4, (uint32_t)pid, (uint32_t)&status, LX_WNOHANG, 0) == 0 && sent < 2000) {
        xkill(pid, LX_SIGUSR1);
        sent++;
        sleep_ms(1);
    }
    printf("sigtest: 30 signals into a busy child: its sums stayed right: %s\n",
           status == 0 ? "yes" : "NO");
}

/* ---- frames the kernel refuses ---- */
static void bad_frame_child(void) {
    __asm__ volatile("mov sp, %0\n\tmov r7, %1\n\tsvc #0" : : "r"(0x10u), "i"(LX_NR_rt_sigreturn) : "memory");
}
static void no_restorer_child(void) {
    set_action(LX_SIGUSR1, (uint32_t)counting, 0, 0);
    xkill(lx_getpid(), LX_SIGUSR1);
}
static void privileged(int sig, struct lx_siginfo *info, struct lx_ucontext *uc) {
    (void)sig, (void)info;
    uc->uc_mcontext.arm_cpsr |= 0x1dfu;   /* system mode, interrupts masked */
    hits++;
}
static void frames(void) {
    printf("sigtest: rt_sigreturn with a bad sp -> status 0x%x\n", child_status(bad_frame_child));
    printf("sigtest: a handler without SA_RESTORER -> status 0x%x\n", child_status(no_restorer_child));
    hits = 0;
    catch(LX_SIGUSR2, privileged, 0);
    xkill(lx_getpid(), LX_SIGUSR2);
    uint32_t cpsr;
    __asm__ volatile("mrs %0, apsr" : "=r"(cpsr));
    printf("sigtest: a frame asking for a privileged cpsr: handler ran %d time(s), "
           "still in user mode: %s\n", hits, (cpsr & 0x1fu) == 0x10u ? "yes" : "NO");
}

/* Floating point across a handler: the frame keeps the interrupted VFP registers (Linux's
 * vfp_sigframe), so a handler that uses them changes nothing for the code it interrupted.
 * (This program is soft-float: the compiler itself never touches d8, d16 or FPSCR.) */
static void fp_clobber(int sig, struct lx_siginfo *info, struct lx_ucontext *uc) {
    (void)sig, (void)info, (void)uc;
    __asm__ volatile(".fpu neon\n\tvmov.i32 q4, #0\n\tvmov.i32 q8, #0\n\tvmsr fpscr, %0"
                     : : "r"(0x03000000u) : "memory");
    hits++;
}

static void fp_across(void) {
    uint64_t d8 = 0x0123456789abcdefull, d16 = 0xfedcba9876543210ull, r8, r16;
    uint32_t fpscr = 0x00c00000u, rfpscr;   /* round towards zero */
    hits = 0;
    catch(LX_SIGUSR1, fp_clobber, 0);
    __asm__ volatile(".fpu neon\n\tvmov d8, %Q0, %R0\n\tvmov d16, %Q1, %R1\n\tvmsr fpscr, %2"
                     : : "r"(d8), "r"(d16), "r"(fpscr) : "memory");
    xkill(lx_getpid(), LX_SIGUSR1);
    __asm__ volatile(".fpu neon\n\tvmov %Q0, %R0, d8\n\tvmov %Q1, %R1, d16\n\tvmrs %2, fpscr"
                     : "=r"(r8), "=r"(r16), "=r"(rfpscr) : : "memory");
    printf("sigtest: a handler that clobbered d8, d16 and FPSCR ran %d time(s); after it: %s\n",
           hits, r8 == d8 && r16 == d16 && rfpscr == fpscr ? "all as before" : "CHANGED");
}

int main(void) {
    printf("sigtest: start (pid %d)\n", (int)lx_getpid());
    handlers();
    masks();
    nodefer();
    defaults();
    errors();
    interrupted();
    suspend();
    faults();
    async();
    frames();
    fp_across();
    printf("sigtest: done\n");
    return 0;
}
