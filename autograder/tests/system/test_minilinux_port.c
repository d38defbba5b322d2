/*
 * test_minilinux_port.c - lab 5: minilinux's port (guest-minilinux/port/upcall.c, mmu.c,
 * tick.c), seen from a process. porttest (userland/minilinux/porttest.c, init of
 * systems/test_minilinux_port.c) prints one line per check:
 *
 *   porttest: syscall getpid: every register kept yes      (or: changed r5 flags d0-d31)
 *   porttest: write from a bad pointer -> -14
 *   porttest: preemption: both spinners progressed yes
 *
 * Each test reads its lines and, when one is wrong or missing, says what in the port it
 * points to: a register that changed, a copy that did not fail (or did), a tick that
 * never preempted, or why porttest never got that far.
 */
#include "systest.h"

#define TAGS "lab5 minilinux system"
#define SYSTEM "test_minilinux_port"
#define PREFIX "minilinux| porttest: "

/* The first line the kernel printed about a porttest process other than the unknown
 * call it logs on purpose (a kill: "Segmentation fault at ..."), into @p line; false if none. */
static bool kernel_kill(const struct systest_run *run, char *line, size_t size) {
    long at = scenario_find_line(&run->r, "minilinux| pid ", 0, line, size);
    while (at >= 0 && (!strstr(line, "(porttest): ") || strstr(line, "unknown system call")))
        at = scenario_find_line(&run->r, "minilinux| pid ", (size_t)at + 1, line, size);
    return at >= 0;
}

/* Why porttest never printed a line: the port's own stop, a kill by the kernel (the
 * usual end of a process resumed with wrong registers), or a run that hung. */
static const char *why_missing(const struct systest_run *run, char *why, size_t size) {
    static const char *const stops[] = {"minilinux| minilinux: lab 5: not implemented",
                                        "minilinux| minilinux: port panic"};
    char line[256];
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        if (scenario_find_line(&run->r, stops[i], 0, line, sizeof line) >= 0) {
            snprintf(why, size, "the port stopped: \"%s\"", line);
            return why;
        }
    if (kernel_kill(run, line, sizeof line))
        snprintf(why, size, "the kernel killed it: \"%s\" (a process resumed with wrong "
                 "registers - pc, sp, the Thumb bit of cpsr - or with a wrong page mapped dies "
                 "like this)", line);
    else if (run->r.timed_out)
        snprintf(why, size, "the run timed out: porttest hung (a fault retried forever on a "
                 "page mapped wrong or without the access it needs? a process blocked and "
                 "never resumed?)");
    else if (scenario_find_line(&run->r, "minilinux| init ", 0, line, sizeof line) >= 0)
        snprintf(why, size, "it ended first: \"%s\" (a process that goes on with a wrong "
                 "register, often a call's result in r0, takes another way)", line);
    else
        snprintf(why, size, "it stopped before (see the log's end)");
    return why;
}

/* The line of porttest's check @p what, "porttest: WHAT SEP VERDICT" (SEP ": " or " -> ");
 * returns the verdict. The test fails, saying why porttest never got there, if there is
 * no such line. */
static const char *verdict(const struct systest_run *run, const char *what, const char *sep,
                           char *line, size_t size) {
    char prefix[160], why[600];
    snprintf(prefix, sizeof prefix, PREFIX "%s%s", what, sep);
    EXPECT(run, scenario_find_line(&run->r, prefix, 0, line, size) >= 0,
           "porttest never printed its check \"%s\": %s", what, why_missing(run, why, sizeof why));
    return line + strlen(prefix);
}

/* What the registers porttest names in "changed r0 r5 flags d0-d31" mean for the port.
 * @p r0_rule: what r0 should have been. */
static void explain_changed(const char *changed, const char *r0_rule, char *out, size_t size) {
    bool r0 = false, gpr = false, flags = false, fpu = false;
    char names[256];
    snprintf(names, sizeof names, "%s", changed);
    for (char *t = strtok(names, " "); t; t = strtok(NULL, " "))
        if (!strcmp(t, "r0"))
            r0 = true;
        else if (!strcmp(t, "flags"))
            flags = true;
        else if (t[0] == 'd' || !strcmp(t, "fpscr"))
            fpu = true;
        else
            gpr = true;
    snprintf(out, size, "%s%s%s%s%s", r0 ? " " : "", r0 ? r0_rule : "",
             gpr ? " Does port_upcall save all 17 registers of the state page (s->user) into "
                   "the current thread before the kernel runs, and port_run load the chosen "
                   "thread's back?" : "",
             flags ? " The flags (N Z C V Q GE) are in cpsr, the 17th word of struct uregs: "
                     "are all 17 words copied both ways (port_copy_regs), also when another "
                     "process ran in between?" : "",
             fpu ? " The floating-point registers: port_run must hand the FPU to a thread "
                   "whose registers the hardware does not hold (fpu_switch: save the owner's, "
                   "load the new thread's) and leave them alone otherwise." : "");
}

/* Expect porttest's check @p what to have kept every register (r0 as @p r0_rule says). */
static void expect_regs_kept(const struct systest_run *run, const char *what, const char *r0_rule) {
    char line[256], hint[700];
    const char *v = verdict(run, what, ": ", line, sizeof line);
    if (!strcmp(v, "every register kept yes"))
        return;
    EXPECT(run, !strncmp(v, "changed ", 8), "%s: %s", what, v);
    explain_changed(v + 7, r0_rule, hint, sizeof hint);
    EXPECT(run, 0, "%s: the process's%s changed (\"%s\"):%s", what, v + 7, line, hint);
}

#define R0_RESULT "r0 must hold the call's result: kern_syscall puts it in the thread's saved r0, which port_run must load"
#define R0_KEPT "r0 must be as it was: a fault returns nothing, the access is retried with the registers saved at the upcall"

START_TEST(lab5_sys_syscall_registers) {
    static const char *const calls[] = {"syscall getpid", "syscall write", "syscall 999 (unknown)",
                                        "syscall write by a child while its parent waits"};
    const struct systest_run *run = systest_run(SYSTEM);
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
        expect_regs_kept(run, calls[i], R0_RESULT);
    char line[256];
    const char *v = verdict(run, "syscall read that blocks", ": ", line, sizeof line);
    EXPECT(run, strcmp(v, "it did not block"), "a read of an empty pipe did not block (\"%s\"): "
           "its writer, a child, found the parent not asleep, so the check proves nothing", line);
    expect_regs_kept(run, "syscall read that blocks", R0_RESULT " (the call ran again after the "
                     "child wrote: its pc went back onto the svc)");
    KERNEL_LINE(run, "minilinux| pid 1 (porttest): unknown system call 999 (ENOSYS)", line);
}
END_TEST

/* A store to a fresh page at @p where: registers kept, and the word where the kernel
 * sees it. */
static void expect_fault(const struct systest_run *run, const char *where) {
    char what[96], line[256];
    snprintf(what, sizeof what, "page fault on %s", where);
    expect_regs_kept(run, what, R0_KEPT);
    snprintf(what, sizeof what, "page fault on %s: the store landed", where);
    EXPECT(run, !strcmp(verdict(run, what, " ", line, sizeof line), "yes"), "\"%s\": the word "
           "stored after the fault is not in the page the kernel has there. port_fault_in must "
           "map the page of the faulting address (rounded down) to the pa kern_page_fault gave",
           line);
}

START_TEST(lab5_sys_fault_registers) {
    const struct systest_run *run = systest_run(SYSTEM);
    expect_fault(run, "a fresh .bss page");
    expect_fault(run, "a fresh mmap page");
}
END_TEST

/* The copies of porttest's bad_pointers(), what they return, and what a wrong one means. */
#define REFUSE "copy_user must fail (-LX_EFAULT) when mv_copy_ctx says MV_EFAULT and port_fault_in cannot map the page"
#define KERNEL_HALF "addresses at or above MV_GUEST_VA_LIMIT are never a process's: copy_user refuses them"
#define MAP_ON_THE_WAY "a copy that meets a valid page not mapped yet maps it (port_fault_in of the address MV_EFAULT names) and tries again"
static const struct {
    const char *what, *want, *why;
} copies[] = {
    {"write from a bad pointer", "-14", REFUSE},
    {"read into a bad pointer", "-14", REFUSE},
    {"open of a bad path pointer", "-14", REFUSE},
    {"write from kernel space (0xc0000000)", "-14", KERNEL_HALF},
    {"read into kernel space (0x80000000)", "-14", KERNEL_HALF},
    {"open of a path in kernel space", "-14", KERNEL_HALF},
    {"write from a buffer running into an unmapped page", "-14", REFUSE " (here after mapping the first page)"},
    {"read into a buffer running into an unmapped page", "-14", REFUSE " (here after mapping the first page)"},
    {"write from a page never touched", "16", MAP_ON_THE_WAY},
    {"read into a page never touched", "16, data right", MAP_ON_THE_WAY},
};

START_TEST(lab5_sys_efault) {
    const struct systest_run *run = systest_run(SYSTEM);
    for (size_t i = 0; i < sizeof copies / sizeof copies[0]; i++) {
        char line[256];
        const char *v = verdict(run, copies[i].what, " -> ", line, sizeof line);
        EXPECT(run, !strcmp(v, copies[i].want), "%s returned %s, expected %s (\"%s\"): %s", copies[i].what, v, copies[i].want,
               line, copies[i].why);
    }
    char line[256];
    const char *v = verdict(run, "after each bad pointer the process lives on", " ", line,
                            sizeof line);
    EXPECT(run, !strcmp(v, "yes"), "\"%s\"", line);
}
END_TEST

START_TEST(lab5_sys_preemption) {
    const struct systest_run *run = systest_run(SYSTEM);
    char line[256];
    const char *v = verdict(run, "preemption: both spinners progressed", " ", line, sizeof line);
    EXPECT(run, !strcmp(v, "yes"), "two processes that never make a system call did not take "
           "turns (\"%s\"): only the tick can preempt them. port_tick_start must arm the virtual "
           "timer (mv_vtimer_set) and enable vIRQs; each tick's vIRQ must reach port_tick_rearm "
           "(take the line, arm the next deadline) and kern_tick", line);
    systest_exact_line(run, PREFIX "done", 0);
    systest_expect_stopped(run, "minilinux", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_minilinux_port(void) {
    Suite *s = suite_create("minilinux_port");
    systest_add(s, "lab5_sys_syscall_registers", TAGS, lab5_sys_syscall_registers, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab5_sys_fault_registers", TAGS, lab5_sys_fault_registers, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab5_sys_efault", TAGS, lab5_sys_efault, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab5_sys_preemption", TAGS, lab5_sys_preemption, SYSTEST_TIMEOUT_S);
    return s;
}
