/*
 * test_minilinux.c - guest-minilinux's kernel, through test programs run as its init:
 * inittest (systems/test_minilinux_init.c: arguments and auxv, demand paging, EFAULT,
 * ENOSYS logged once, the power-off when init ends), segv (a bad store kills with
 * "Segmentation fault"), proctest (the process core: fork, wait4, preemption, sleeps, the
 * process limit, mmap2, copy-on-write, out of memory), proctest beside another VM, and
 * usertests (also under a tiny page-table quota). The guest kernel is trusted, like the
 * channel demo: these tests read its console.
 */
#include "systest.h"

#define TAGS "minilinux system"
/* Lab 5 grades the port with these (labs/lab5/lab.json); test-system runs them too. */
#define LAB5_TAGS "lab5 minilinux system"

/* init's transcript, in order: argv and auxv from the initial stack; the sieve touches 16
 * pages of .bss, the sums 8 pages of heap and 3 of stack; write() from page 0 is EFAULT
 * (-14); an unknown call is ENOSYS (-38), logged by the kernel once. */
static const char *const init_transcript[] = {
    "minilinux| hello from init (pid 1)",
    "minilinux| init: argv[0] = \"/bin/inittest\"",
    "minilinux| init: AT_PAGESZ 4096",
    "minilinux| init: 6542 primes below 65536",
    "minilinux| init: heap sum 33550336, stack sum 1566720",
    "minilinux| init: write from a bad pointer -> -14",
    "minilinux| pid 1 (inittest): unknown system call 999 (ENOSYS)",
    "minilinux| init: unknown system call 999 -> -38, again -38",
    "minilinux| init exited with status 0",
};

static void expect_transcript(const struct systest_run *run, const char *const *lines, size_t n) {
    char line[256];
    long at = KERNEL_LINE(run, "minilinux| minilinux 0.2: ", line) + 1;   /* the banner */
    systest_expect_lines(run, lines, n, at);
}

START_TEST(lab5_sys_init) {
    const struct systest_run *run = systest_run("test_minilinux_init");
    expect_transcript(run, init_transcript, sizeof init_transcript / sizeof init_transcript[0]);
    char line[256];
    long first = KERNEL_LINE(run, "minilinux| pid 1 (inittest): unknown system call", line);
    EXPECT(run, scenario_find_line(&run->r, "minilinux| pid 1 (inittest): unknown system call",
                                   (size_t)first + 1, line, sizeof line) < 0,
           "an unknown system call is logged once per number, not at every call");
}
END_TEST

START_TEST(minilinux_poweroff) {
    const struct systest_run *run = systest_run("test_minilinux_init");
    systest_expect_stopped(run, "minilinux", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* The fault kills the process, the kernel says so, init's end powers off (128 + 11). */
START_TEST(lab5_sys_segv) {
    const struct systest_run *run = systest_run("test_minilinux_segv");
    static const char *const lines[] = {"minilinux| segv: writing to 0x00000010"};
    expect_transcript(run, lines, 1);
    char line[256];
    KERNEL_LINE(run, "minilinux| pid 1 (segv): Segmentation fault at 0x00000010, pc 0x", line);
    systest_exact_line(run, "minilinux| init killed by signal 11 (Segmentation fault)", 0);
    EXPECT(run, scenario_find_line(&run->r, "minilinux| segv: still alive", 0, line, sizeof line) < 0,
           "the process went on after its fault");
    systest_expect_stopped(run, "minilinux", 139, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* proctest (systems/test_minilinux_proc.c) checks the process core from inside; each line
 * is one check, the fault line comes from the kernel. */
static const char *const proc_transcript[] = {
    "minilinux| proctest: child exit 42 -> wait4 same pid, status 0x2a00",
    "minilinux| proctest: wait4 with no child -> -10",
    "minilinux| proctest: WNOHANG while the child sleeps -> 0",
    "minilinux| proctest: child saw getppid() == parent: yes",
    "minilinux| proctest: nanosleep(5 ms) lasted at least 4 ms: yes",
    "minilinux| proctest: the short child finished first: yes",
    "minilinux| proctest: fork bomb: 15 children, then -11; reaped 15",
    "minilinux| proctest: mmap2 64 KiB: ok, sum 8128",
    "minilinux| proctest: munmap -> 0",
    "minilinux| proctest: child touching unmapped memory -> signal 11",
    "minilinux| proctest: copy-on-write: child saw its own writes yes, parent kept its data yes",
    "minilinux| proctest: set_tls: the child inherited and kept its own yes, the parent kept its own yes",
    "minilinux| proctest: execve /etc/motd -> -13",
    "minilinux| proctest: execve /bin/hello.sh -> -8",
    "minilinux| proctest: execve /bin/nosuch -> -2",
    "minilinux| proctest: brk until RAM runs out, then touch it all -> status 0",
    "minilinux| proctest: touching 32 MiB of mmap2 -> signal 9",
    "minilinux| proctest: a fork after that -> exit 7",
    "minilinux| proctest: done",
    "minilinux| init exited with status 0",
};

START_TEST(lab5_sys_fork_exec_wait) {
    const struct systest_run *run = systest_run("test_minilinux_proc");
    expect_transcript(run, proc_transcript, sizeof proc_transcript / sizeof proc_transcript[0]);
    char line[256];
    long at = KERNEL_LINE(run, "minilinux| pid ", line);
    while (at >= 0 && !strstr(line, "(proctest): out of memory at 0x"))
        at = scenario_find_line(&run->r, "minilinux| pid ", (size_t)at + 1, line, sizeof line);
    EXPECT(run, at >= 0, "the kernel never said a process ran out of memory");
    systest_expect_stopped(run, "minilinux", 0, NULL, 0);
}
END_TEST

/* Another VM at the same priority runs to completion while minilinux forks, spins and
 * faults: its last line comes before proctest is done, and both VMs end cleanly. */
START_TEST(minilinux_beside_another_vm) {
    const struct systest_run *run = systest_run("test_minilinux_beside");
    long last_prime = systest_exact_line(run, "primes| primes: the 25th prime is 97", 0);
    long done = systest_exact_line(run, "minilinux| proctest: done", 0);
    EXPECT(run, last_prime < done, "the primes VM finished only after minilinux (line %ld, "
           "minilinux done at line %ld): it did not share the CPU", last_prime, done);
    systest_expect_stopped(run, "primes", 0, NULL, 0);
    systest_expect_stopped(run, "minilinux", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* usertests' parts, in the order it runs them (userland/minilinux/usertests/main.c). */
static const char *const usertests_parts[] = {
    "exitwait", "manywait", "exec", "forks40", "forkbomb", "sbrk", "segv", "efault",
    "pipe", "pipeeof", "sigpipe", "bigpipe", "files", "manyfiles", "dirs", "dup",
    "cloexec", "emfile", "sighandler", "sigmask", "sigkill", "sigchld", "sigint"};
#define N_USERTESTS_PARTS (sizeof usertests_parts / sizeof usertests_parts[0])

/* usertests as init: every part passes (each names itself), and the run ends cleanly. */
static void expect_usertests(const struct systest_run *run) {
    long at = 0;
    for (size_t i = 0; i < N_USERTESTS_PARTS; i++) {
        char want[64];
        snprintf(want, sizeof want, "minilinux| usertests: %s ok", usertests_parts[i]);
        at = systest_exact_line(run, want, at) + 1;
    }
    systest_exact_line(run, "minilinux| usertests: ALL PASSED", at);
    systest_expect_stopped(run, "minilinux", 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}

/* One part of usertests, scored on its own (lab 5): its "ok" line, wherever it is. When it
 * failed, the part's own line says why; when it is missing, usertests (or the guest) died
 * before reaching it. */
START_TEST(lab5_sys_usertests_part) {
    const struct systest_run *run = systest_run("test_minilinux_usertests");
    const char *part = usertests_parts[_i];
    char want[64], line[256];
    snprintf(want, sizeof want, "minilinux| usertests: %s ", part);
    long at = scenario_find_line(&run->r, want, 0, line, sizeof line);
    EXPECT(run, at >= 0, "usertests never reported its part '%s': the guest stopped (or "
           "hung) before it; the parts before it are in the log", part);
    snprintf(want, sizeof want, "minilinux| usertests: %s ok", part);
    EXPECT(run, strcmp(line, want) == 0, "usertests' part '%s' did not pass: \"%s\"", part, line);
}
END_TEST

START_TEST(minilinux_usertests) {
    expect_usertests(systest_run("test_minilinux_usertests"));
}
END_TEST

/* The same under a page-table quota so small that the vMMU evicts tables again and again:
 * minilinux maps what was dropped again from its own tables, and nothing changes. */
START_TEST(lab5_sys_demand_paging_evicted) {
    const struct systest_run *run = systest_run("test_minilinux_evict");
    expect_usertests(run);
    char line[256];
    KERNEL_LINE(run, "[mv] vm 'minilinux': ", line);
    unsigned evicted = 0;
    EXPECT(run, sscanf(line, "[mv] vm 'minilinux': %u page tables were evicted", &evicted) == 1 &&
           evicted >= 10, "the quota hardly pressed (%s): the test would prove nothing", line);
}
END_TEST

Suite *suite_minilinux(void) {
    Suite *s = suite_create("minilinux");
    systest_add(s, "lab5_sys_init", LAB5_TAGS, lab5_sys_init, SYSTEST_TIMEOUT_S);
    systest_add(s, "minilinux_poweroff", TAGS, minilinux_poweroff, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab5_sys_segv", LAB5_TAGS, lab5_sys_segv, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab5_sys_fork_exec_wait", LAB5_TAGS, lab5_sys_fork_exec_wait, SYSTEST_TIMEOUT_S);
    systest_add(s, "minilinux_beside_another_vm", TAGS, minilinux_beside_another_vm,
                SYSTEST_TIMEOUT_S);
    systest_add(s, "minilinux_usertests", TAGS, minilinux_usertests, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab5_sys_demand_paging_evicted", LAB5_TAGS, lab5_sys_demand_paging_evicted,
                SYSTEST_TIMEOUT_S);
    for (size_t i = 0; i < N_USERTESTS_PARTS; i++) {
        static char names[N_USERTESTS_PARTS][40];
        snprintf(names[i], sizeof names[i], "lab5_sys_usertests_%s", usertests_parts[i]);
        TCase *tc = tcase_create(names[i]);
        tcase_set_tags(tc, LAB5_TAGS);
        tcase_set_timeout(tc, SYSTEST_TIMEOUT_S);
        tcase_add_loop_test(tc, lab5_sys_usertests_part, (int)i, (int)i + 1);
        suite_add_tcase(s, tc);
    }
    return s;
}
