/*
 * porttest.c - minilinux's port (lab 5: guest-minilinux/port/), seen from a process. It
 * runs as init in the system test_minilinux_port (autograder/tests/system/
 * test_minilinux_port.c) and prints one line per check:
 *
 * - a system call keeps every register of the process but r0, its result: r1-r12, sp,
 *   lr, the flags (NZCVQ and GE, in the cpsr word of the 17 the port copies), d0-d31 and
 *   FPSCR; also when the call blocks and runs again after another process ran;
 * - a page fault keeps every register, r0 too: the port maps the page and the process
 *   retries the instruction, whose store lands in the page the kernel sees;
 * - the kernel's copies of a bad pointer fail with EFAULT (-14) and the process lives on,
 *   while a valid page the process never touched is copied (mapped on the way);
 * - two processes that never make a system call both progress: only the tick can
 *   preempt them.
 *
 * A register line names what changed ("changed r5 flags d0-d31"), so a test can say
 * which. No line holds a pid, an address or a time: the transcript is the same each run.
 * Raw system calls only (lib/linux.h), and no stdio: one write per line, so lines of
 * several processes never mix and nothing is left in a buffer at a fork.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include "lib/linux.h"

#define PAGE 4096u

static void say(const char *fmt, ...) {
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    lx_write(1, line, n < (int)sizeof line ? (uint32_t)n : sizeof line - 1u);
}

static int32_t xfork(void) { return LX_SC(LX_NR_fork, 0, 0, 0); }
static int xwait(int32_t pid) {
    int status = -1;
    lx_syscall6(LX_NR_wait4, (uint32_t)pid, (uint32_t)&status, 0, 0, 0, 0);
    return status;
}
static void __attribute__((noreturn)) xexit(int code) {
    LX_SC(LX_NR_exit, code, 0, 0);
    for (;;)
        ;
}

/* ---- registers around one instruction ------------------------------------------- */

/* What regs_svc()/regs_store() load before their instruction (in) and find after it
 * (out). r[] is in the order the assembly stores it: r0-r12, lr, the APSR, sp. */
enum { R_LR = 13, R_FLAGS = 14, R_SP = 15 };
struct regset {
    uint32_t r[16];
    uint64_t d[32];
    uint32_t fpscr, pad;
};
struct regcheck {
    struct regset in, out;
};
_Static_assert(offsetof(struct regset, d) == 64 && offsetof(struct regset, fpscr) == 320 &&
                   offsetof(struct regcheck, out) == 328, "the offsets REGS_AROUND uses");

/* The APSR bits user mode can set (N Z C V Q, GE[3:0]) and FPSCR's (fpu_check.h's mask:
 * N Z C V, QC, AHP, DN, FZ, RMode and the cumulative exception flags). */
#define FLAGS_MASK 0xf80f0000u
#define FPSCR_MASK 0xffc0009fu

/* NAME(c): load c->in into r0-r12, lr, the flags, d0-d31 and FPSCR (r7: a system call's
 * number), execute INSN, store every register into c->out. Until INSN nothing but the
 * registers can say where c is, so it is pushed first and found again at the same sp
 * (which the instruction must keep too). The caller's r4-r11 and d8-d15 are kept. */
#define REGS_AROUND(name, insn)                                                           \
    void name(struct regcheck *c);                                                        \
    __asm__(".syntax unified\n .thumb\n .fpu neon\n .global " #name "\n"                   \
            " .type " #name ", %function\n .thumb_func\n" #name ":\n"                      \
            "    push {r4-r11, lr}\n    vpush {d8-d15}\n    push {r0}\n"                  \
            "    mov r1, sp\n    str r1, [r0, #60]\n"           /* in.r[R_SP] */           \
            "    add r1, r0, #64\n    vldmia r1!, {d0-d15}\n    vldmia r1!, {d16-d31}\n"  \
            "    ldr r1, [r1]\n    vmsr fpscr, r1\n"                                       \
            "    ldr r1, [r0, #56]\n    msr APSR_nzcvqg, r1\n"                             \
            "    ldmia r0, {r0-r12, lr}\n"                                                 \
            "    " insn "\n"                                                               \
            "    push {r0-r12, lr}\n    mrs r0, APSR\n"                                   \
            "    ldr r1, [sp, #56]\n    add r1, r1, #328\n"     /* &c->out */             \
            "    str r0, [r1, #56]\n    add r0, sp, #56\n    str r0, [r1, #60]\n"          \
            "    ldmia sp!, {r2-r8}\n    stmia r1!, {r2-r8}\n"                             \
            "    ldmia sp!, {r2-r8}\n    stmia r1!, {r2-r8}\n"                             \
            "    add r1, r1, #8\n    vstmia r1!, {d0-d15}\n    vstmia r1!, {d16-d31}\n"    \
            "    vmrs r2, fpscr\n    str r2, [r1]\n    movs r2, #0\n    vmsr fpscr, r2\n"  \
            "    add sp, sp, #4\n    vpop {d8-d15}\n    pop {r4-r11, pc}\n")

REGS_AROUND(regs_svc, "svc #0");
REGS_AROUND(regs_store, "str r11, [r12]");

/* Every register gets a value of its own, different for each @p seed; the flags get
 * @p flags (two checks in a row use different ones, so a port that keeps stale flags
 * shows). */
static void pattern(struct regcheck *c, uint32_t seed, uint32_t flags) {
    for (uint32_t i = 0; i < 14; i++)
        c->in.r[i] = seed + i * 0x01010101u;
    c->in.r[R_FLAGS] = flags;
    for (uint32_t i = 0; i < 32; i++)
        c->in.d[i] = (uint64_t)(seed ^ (i << 8)) << 32 | (0xd0000000u + i);
    c->in.fpscr = (seed * 0x2545f491u) & FPSCR_MASK;
}
#define FLAGS_A 0xa8050000u   /* N C Q, GE 0101 */
#define FLAGS_B 0x500a0000u   /* Z V, GE 1010 */

/* A system call's number and arguments on top of pattern(). */
static void call(struct regcheck *c, uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2) {
    c->in.r[7] = nr;
    c->in.r[0] = a0;
    c->in.r[1] = a1;
    c->in.r[2] = a2;
}

/* Append " NAME" or " NAMEa-NAMEb" for a run of changed registers (d0-d31 is a line). */
static size_t add_name(char *s, size_t n, size_t size, const char *name, uint32_t first,
                       uint32_t last) {
    if (first == last)
        return n + (size_t)snprintf(s + n, size - n, " %s%u", name, (unsigned)first);
    return n + (size_t)snprintf(s + n, size - n, " %s%u-%s%u", name, (unsigned)first, name,
                                (unsigned)last);
}

/* Print "porttest: WHAT: every register kept yes", or "...: changed r5 flags d3" naming
 * what differs; r0 must be @p r0 (a call's result; after a fault, what it was). (pc needs
 * no check: with a wrong one the process would not be back here to print anything.) */
static void report_regs(const char *what, const struct regcheck *c, uint32_t r0) {
    static const char *const names[16] = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8",
                                          "r9", "r10", "r11", "r12", "lr", "flags", "sp"};
    const struct regset *in = &c->in, *out = &c->out;
    char list[160];
    size_t n = 0;
    list[0] = '\0';
    for (uint32_t i = 0; i < 16; i++) {
        uint32_t want = i == 0 ? r0 : in->r[i], got = out->r[i];
        if (i == R_FLAGS)
            want &= FLAGS_MASK, got &= FLAGS_MASK;
        if (want != got)
            n += (size_t)snprintf(list + n, sizeof list - n, " %s", names[i]);
    }
    for (uint32_t i = 0; i < 32; i++) {
        uint32_t j = i;
        while (j < 32 && in->d[j] != out->d[j])
            j++;
        if (j > i)
            n = add_name(list, n, sizeof list, "d", i, j - 1u);
        i = j;
    }
    if ((out->fpscr & FPSCR_MASK) != in->fpscr)
        n += (size_t)snprintf(list + n, sizeof list - n, " fpscr");
    say("porttest: %s: %s%s\n", what, n ? "changed" : "every register kept yes", list);
}

/* ---- system calls ---------------------------------------------------------------- */

static const char five[5] = "port!";

/* Read @p p, so its page is mapped: a system call's copy from it then needs no page
 * mapped on the way, which the checks of copies (bad_pointers()) test on their own. */
static void touch(const void *p) { (void)*(const volatile char *)p; }

/* A call that returns at once: getpid (1: we are init), write, and a number the kernel
 * does not know (ENOSYS; it logs the number once). */
static void syscalls(const int fds[2]) {
    static struct regcheck c;
    char sink[5];
    touch(five);
    pattern(&c, 0x5a000000u, FLAGS_A);
    c.in.r[7] = LX_NR_getpid;
    regs_svc(&c);
    report_regs("syscall getpid", &c, 1);
    pattern(&c, 0x3c000000u, FLAGS_B);
    call(&c, LX_NR_write, (uint32_t)fds[1], (uint32_t)five, sizeof five);
    regs_svc(&c);
    report_regs("syscall write", &c, sizeof five);
    LX_SC(LX_NR_read, fds[0], sink, sizeof sink);
    pattern(&c, 0x96000000u, FLAGS_A);
    c.in.r[7] = 999;
    regs_svc(&c);
    report_regs("syscall 999 (unknown)", &c, (uint32_t)-LX_ENOSYS);
}

/* Is process @p pid asleep (blocked in a call)? minilinux's ml_procs says (ps uses it).
 * (The table fits in one page, which a store maps writable before the call.) */
static int asleep(int32_t pid) {
    static struct lx_procinfo procs[16] __attribute__((aligned(16 * 32)));
    procs[0].pid = 0;
    int32_t n = LX_SC(LX_NR_ml_procs, procs, 16, 0);
    for (int32_t i = 0; i < n && i < 16; i++)
        if (procs[i].pid == pid)
            return procs[i].state == 'S';
    return 0;
}

/* A read of an empty pipe blocks; the kernel puts the process's pc back onto its `svc`
 * and another process runs (here a child, with registers of its own) and writes; the
 * read runs again and returns. The child yields first, so the parent surely reads
 * before it writes, and checks that it did block. */
static void blocking_call(const int fds[2]) {
    static struct regcheck c;
    int32_t parent = lx_getpid(), pid = xfork();
    if (pid == 0) {
        LX_SC(LX_NR_sched_yield, 0, 0, 0);
        int blocked = asleep(parent);
        touch(five);   /* (fork left the child's pages unmapped) */
        pattern(&c, 0xc3000000u, FLAGS_B);
        call(&c, LX_NR_write, (uint32_t)fds[1], (uint32_t)five, sizeof five);
        regs_svc(&c);
        report_regs("syscall write by a child while its parent waits", &c, sizeof five);
        xexit(blocked ? 0 : 1);
    }
    char buf[sizeof five];
    pattern(&c, 0x69000000u, FLAGS_A);
    call(&c, LX_NR_read, (uint32_t)fds[0], (uint32_t)buf, sizeof buf);
    regs_svc(&c);
    if (xwait(pid) != 0)
        say("porttest: syscall read that blocks: it did not block\n");
    else
        report_regs("syscall read that blocks", &c, sizeof buf);
}

/* ---- page faults ------------------------------------------------------------------ */

/* Did the word at @p addr become @p value, for the process and for the kernel (a write
 * of it into the pipe reads the page the kernel maps, not the vMMU's)? */
static int landed(const int fds[2], uint32_t addr, uint32_t value) {
    uint32_t seen = 0;
    LX_SC(LX_NR_write, fds[1], addr, 4);
    LX_SC(LX_NR_read, fds[0], &seen, 4);
    return *(volatile uint32_t *)addr == value && seen == value;
}

/* A store to page @p addr that was never touched: demand paging maps it. */
static void fault_at(const char *what, const int fds[2], uint32_t addr, uint32_t seed,
                     uint32_t flags) {
    static struct regcheck c;
    char line[64];
    pattern(&c, seed, flags);
    c.in.r[12] = addr;
    regs_store(&c);
    snprintf(line, sizeof line, "page fault on %s", what);
    report_regs(line, &c, c.in.r[0]);
    say("porttest: page fault on %s: the store landed %s\n", what,
        landed(fds, addr, c.in.r[11]) ? "yes" : "no");
}

static uint8_t fresh_bss[2 * PAGE] __attribute__((aligned(PAGE)));   /* never touched */

static uint32_t mmap_pages(uint32_t n) {
    return (uint32_t)lx_syscall6(LX_NR_mmap2, 0, n * PAGE, LX_PROT_READ | LX_PROT_WRITE,
                                 LX_MAP_PRIVATE | LX_MAP_ANONYMOUS, (uint32_t)-1, 0);
}

static void page_faults(const int fds[2]) {
    fault_at("a fresh .bss page", fds, (uint32_t)&fresh_bss[PAGE + 64], 0x1e000000u, FLAGS_A);
    fault_at("a fresh mmap page", fds, mmap_pages(1) + 128u, 0xe1000000u, FLAGS_B);
}

/* ---- copies of bad pointers ------------------------------------------------------- */

/* read(2) from the pipe into @p dst after putting @p n bytes in it; what the read left
 * is drained, so the pipe is empty again. */
static int32_t read_into(const int fds[2], uint32_t dst, uint32_t n) {
    static const char bytes[16] = "0123456789abcdef";
    char sink[16];
    LX_SC(LX_NR_write, fds[1], bytes, n);
    int32_t rc = LX_SC(LX_NR_read, fds[0], dst, n);
    if (rc < (int32_t)n)
        LX_SC(LX_NR_read, fds[0], sink, rc > 0 ? n - (uint32_t)rc : n);
    return rc;
}

static int32_t write_from(const int fds[2], uint32_t src, uint32_t n) {
    char sink[16];
    int32_t rc = LX_SC(LX_NR_write, fds[1], src, n);
    if (rc > 0)
        LX_SC(LX_NR_read, fds[0], sink, (uint32_t)rc);
    return rc;
}

/* Bad pointers: page 0, the kernel's half (0x80000000 and up: never a process's, even
 * where the microvisor maps something), and a buffer that runs off its last page
 * (EFAULT, like Linux's pipes: a copy that faults copies nothing). A valid page the
 * process never touched is no bad pointer: the copy maps it, as the process would. */
static void bad_pointers(const int fds[2]) {
    uint32_t two = mmap_pages(2), edge = two + PAGE - 8u;   /* 8 bytes before the hole */
    LX_SC(LX_NR_munmap, two + PAGE, PAGE, 0);
    uint32_t untouched = mmap_pages(2);
    say("porttest: write from a bad pointer -> %d\n", (int)write_from(fds, 0x10u, 8));
    say("porttest: read into a bad pointer -> %d\n", (int)read_into(fds, 0x10u, 8));
    say("porttest: open of a bad path pointer -> %d\n",
        (int)LX_SC(LX_NR_open, 0x10u, LX_O_RDONLY, 0));
    say("porttest: write from kernel space (0xc0000000) -> %d\n",
        (int)write_from(fds, 0xc0000000u, 8));
    say("porttest: read into kernel space (0x80000000) -> %d\n",
        (int)read_into(fds, 0x80000000u, 8));
    say("porttest: open of a path in kernel space -> %d\n",
        (int)LX_SC(LX_NR_open, 0xc0000000u, LX_O_RDONLY, 0));
    say("porttest: write from a buffer running into an unmapped page -> %d\n",
        (int)write_from(fds, edge, 16));
    say("porttest: read into a buffer running into an unmapped page -> %d\n",
        (int)read_into(fds, edge, 16));
    say("porttest: write from a page never touched -> %d\n", (int)write_from(fds, untouched, 16));
    int32_t rc = read_into(fds, untouched + PAGE, 16);
    say("porttest: read into a page never touched -> %d, data %s\n", (int)rc,
        *(volatile char *)(untouched + PAGE + 15u) == 'f' ? "right" : "wrong");
    say("porttest: after each bad pointer the process lives on yes\n");
}

/* ---- preemption ----------------------------------------------------------------- */

/* The cycle counter, readable in user mode here (under QEMU's icount it counts every
 * instruction of the machine: the microvisor's, the kernel's, other processes'). */
static uint32_t cycles(void) {
    uint32_t c;
    __asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(c));
    return c;
}

#define SPIN_SPAN 12000000u   /* counter each spinner lets pass: ~12 ticks of 1 ms */
#define GAP 200000u           /* a jump this big between two reads: another process ran
                               * (a tick that resumes the same process costs far less) */
#define MIN_GAPS 3            /* what each spinner must see */

/* Spin without a system call for SPIN_SPAN counts; how often was another process run
 * meanwhile? */
static int gaps_while_spinning(void) {
    uint32_t start = cycles(), last = start, now;
    int gaps = 0;
    do {
        now = cycles();
        gaps += now - last > GAP && gaps < 100;   /* (an exit status holds 0..255) */
        last = now;
    } while (now - start < SPIN_SPAN);
    return gaps;
}

static void preemption(void) {
    int32_t pids[2];
    for (int i = 0; i < 2; i++)
        if ((pids[i] = xfork()) == 0)
            xexit(gaps_while_spinning());
    int gaps[2];
    for (int i = 0; i < 2; i++)
        gaps[i] = (xwait(pids[i]) >> 8) & 0xff;
    if (gaps[0] >= MIN_GAPS && gaps[1] >= MIN_GAPS)
        say("porttest: preemption: both spinners progressed yes\n");
    else
        say("porttest: preemption: both spinners progressed no (preempted %d and %d times)\n",
            gaps[0], gaps[1]);
}

int main(void) {
    int fds[2];
    LX_SC(LX_NR_pipe, fds, 0, 0);
    syscalls(fds);
    blocking_call(fds);
    page_faults(fds);
    bad_pointers(fds);
    preemption();
    say("porttest: done\n");
    return 0;
}
