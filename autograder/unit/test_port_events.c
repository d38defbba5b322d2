/*
 * test_port_events.c - lab 5's graded unit tests of the upcalls other than system calls:
 * page faults (mapped on the kernel's word, or a signal), undefined instructions,
 * unknown causes, and vIRQs (the tick, console input, lines nobody uses).
 */
#include <string.h>
#include "port_fake.h"

#define FAULT_VA 0x00402abcu   /* a's faulting address... */
#define FAULT_PAGE 0x00402000u /* ...its page */
#define FRAME 0x00823000u      /* the page the kernel gives */

/* The registers a has when it faults or is interrupted. */
static struct uregs at_trap;

static void setup(void) {
    fake_reset_running();
    fake_regs(&at_trap, 0x7a);
    fake.state.user = *(struct mv_regs *)&at_trap;
}

/* The thread saved at the trap: a, with at_trap as its registers. */
static void expect_a_saved(const char *when) {
    expect_regs(&th_a.regs, &at_trap, when, "the thread keeps the registers of the trap "
                "(port_upcall saves them first, whatever the cause; nothing changes them, "
                "a fault's pc included: the access is retried)");
}

/* ---- lab5_unit_fault_upcall ---- */

static enum fake_end fault(uint32_t cause, uint32_t access) {
    fake.state.fault_addr = FAULT_VA;
    fake.state.fault_access = access;
    return fake_upcall(cause);
}

START_TEST(test_fault_maps_and_retries) {
    require_running();
    fake.fault_pa = FRAME, fake.fault_rights = PORT_READ | PORT_WRITE;
    enum fake_end end = fault(MV_CAUSE_DABT, PORT_WRITE);
    const struct fake_kcall *k = expect_one_kcall("kern_page_fault", &th_a, "at a data "
                                                  "abort of thread a");
    REQUIRE(k->addr == FAULT_VA && k->access == PORT_WRITE, "kern_page_fault should get "
            "state->fault_addr 0x%x and state->fault_access %u, but got 0x%x and %u",
            FAULT_VA, PORT_WRITE, k->addr, k->access);
    const struct fake_map *m = &fake.log.maps[0];
    REQUIRE(fake.log.nmaps == 1, "after kern_page_fault gave a page, the port should map "
            "it once (mv_ctx_map), but mv_ctx_map was called %u times", fake.log.nmaps);
    REQUIRE(m->ctx == 1 && m->va == FAULT_PAGE && m->pa == FRAME && m->rights == 3,
            "the page should be mapped with mv_ctx_map(ctx 1, va 0x%x, pa 0x%x, rights 3), "
            "but was mapped with (%u, 0x%x, 0x%x, %u): the thread's t->as, the page-aligned "
            "fault address, the kernel's pa and rights", FAULT_PAGE, FRAME, m->ctx, m->va,
            m->pa, m->rights);
    expect_a_saved("after a data abort the kernel maps, a->regs");
    expect_resumed(end, &th_a, "a data abort the kernel maps", "a fault is retried: the "
                   "same thread resumes with its registers unchanged (pc not advanced)");
    fake_clear_log();
    end = fault(MV_CAUSE_PABT, PORT_EXEC);
    REQUIRE(fake.log.nmaps == 1, "after a prefetch abort, the port should map the page as "
            "after a data abort, but mv_ctx_map was called %u times", fake.log.nmaps);
    expect_resumed(end, &th_a, "a prefetch abort the kernel maps", "the same thread "
                   "resumes, registers unchanged");
}
END_TEST

/* A fault the kernel does not map becomes kern_fatal(a, @p sig, the address); whatever
 * kern_fatal returns runs. */
static void expect_fatal(enum fake_end end, int sig, const char *when) {
    const struct fake_log *l = &fake.log;
    REQUIRE(l->nkcalls >= 1 && strcmp(l->kcalls[l->nkcalls - 1].fn, "kern_fatal") == 0,
            "%s, the port should call kern_fatal (the kernel's last call was %s)", when,
            l->nkcalls ? l->kcalls[l->nkcalls - 1].fn : "none");
    const struct fake_kcall *k = &l->kcalls[l->nkcalls - 1];
    REQUIRE(k->t == &th_a && k->sig == sig && k->addr == FAULT_VA, "%s, the port should "
            "call kern_fatal(thread a, %d, 0x%x) but called kern_fatal(%s, %d, 0x%x)",
            when, sig, FAULT_VA, fake_name(k->t), k->sig, k->addr);
    expect_a_saved("at kern_fatal, a->regs");
    expect_resumed(end, &th_b, "a fatal fault after which kern_fatal returns b",
                   "the thread kern_fatal returns runs next");
}

START_TEST(test_fault_refused_is_sigsegv) {
    require_running();
    fake.fault_rc = -LX_EFAULT;
    fake_kernel_returns(&th_b);   /* kern_fatal */
    enum fake_end end = fault(MV_CAUSE_DABT, PORT_READ);
    REQUIRE(fake.log.nmaps == 0, "the kernel refused the access (-LX_EFAULT), yet the port "
            "called mv_ctx_map %u times", fake.log.nmaps);
    expect_fatal(end, LX_SIGSEGV, "when kern_page_fault refuses with -LX_EFAULT");
}
END_TEST

START_TEST(test_fault_without_memory_is_sigkill) {
    require_running();
    fake.fault_rc = -LX_ENOMEM;
    fake_kernel_returns(&th_b);
    expect_fatal(fault(MV_CAUSE_DABT, PORT_WRITE), LX_SIGKILL,
                 "when kern_page_fault has no memory (-LX_ENOMEM)");
    setup();   /* a runs again, faulting anew */
    fake.map_rc = MV_ENOMEM;
    fake_kernel_returns(&th_b);
    expect_fatal(fault(MV_CAUSE_DABT, PORT_WRITE), LX_SIGKILL,
                 "when mv_ctx_map has no memory for the page (MV_ENOMEM)");
}
END_TEST

START_TEST(test_undef_and_unknown_cause) {
    require_running();
    fake_kernel_returns(&th_b);
    fake.state.fault_addr = FAULT_VA;
    expect_fatal(fake_upcall(MV_CAUSE_UNDEF), LX_SIGILL, "at an undefined instruction "
                 "(MV_CAUSE_UNDEF)");
    setup();
    enum fake_end end = fake_upcall(MV_CAUSE_VIRQ + 1u);
    expect_end(end, END_EXITED, "an upcall with an unknown cause");
    REQUIRE(fake.log.nkcalls == 0, "an unknown cause is a port bug, not the process's: "
            "the port should panic without calling the kernel, but it called %s",
            fake.log.kcalls[0].fn);
}
END_TEST

/* ---- lab5_unit_virq_upcall ---- */

static enum fake_end virq(uint32_t pending) {
    fake.state.virq_pending = pending;
    return fake_upcall(MV_CAUSE_VIRQ);
}

static bool took(uint32_t line) {
    for (unsigned i = 0; i < fake.log.ntakes && i < FAKE_LOG_MAX; i++)
        if (fake.log.taken[i] == line)
            return true;
    return false;
}

START_TEST(test_virq_tick) {
    require_running();
    fake_kernel_returns(&th_b);   /* the tick preempts a */
    enum fake_end end = virq(1u << PORT_TICK_LINE);
    REQUIRE(took(PORT_TICK_LINE) && fake.log.timer_sets == 1, "at a tick (line %u), the "
            "port should take the line (mv_virq_take) and arm the next tick "
            "(port_tick_rearm), but it took %u lines and armed the timer %u times",
            PORT_TICK_LINE, fake.log.ntakes, fake.log.timer_sets);
    expect_one_kcall("kern_tick", &th_a, "at a tick that interrupts a");
    expect_a_saved("at kern_tick, a->regs");
    expect_resumed(end, &th_b, "a tick after which kern_tick returns b", "the thread "
                   "kern_tick returns runs next");
    expect_a_saved("once b runs, a->regs");
}
END_TEST

START_TEST(test_virq_console_drained) {
    static const char *const typed[] = {"ls -l", "\x03 and \x7f\n"};
    require_running();
    fake.input[0] = typed[0], fake.input[1] = typed[1];
    enum fake_end end = virq(1u << PORT_CONSOLE_LINE);
    REQUIRE(took(PORT_CONSOLE_LINE), "at a console vIRQ (line %u), the port should take "
            "the line with mv_virq_take(%u, ...)", PORT_CONSOLE_LINE, PORT_CONSOLE_LINE);
    REQUIRE(fake.log.nkcalls == 2, "2 chunks of input were waiting: the port should read "
            "until mv_console_read returns 0 and hand each to kern_console_input, but it "
            "read %u times and called the kernel %u times", fake.log.reads, fake.log.nkcalls);
    for (unsigned i = 0; i < 2; i++) {
        const struct fake_kcall *k = &fake.log.kcalls[i];
        uint32_t n = (uint32_t)strlen(typed[i]);
        REQUIRE(strcmp(k->fn, "kern_console_input") == 0 && k->n == n &&
                memcmp(k->bytes, typed[i], n) == 0, "chunk %u (%u bytes) should go to "
                "kern_console_input with the exact bytes read, but %s got %u bytes", i, n,
                k->fn, k->n);
    }
    REQUIRE(fake.log.kcalls[0].t == &th_a, "console input that interrupts a should go to "
            "kern_console_input(thread a, ...), not %s", fake_name(fake.log.kcalls[0].t));
    expect_resumed(end, &th_a, "console input", "the thread the kernel returns runs");
}
END_TEST

START_TEST(test_virq_other_lines_acked) {
    require_running();
    uint32_t others = (1u << 5) | (1u << 30);
    enum fake_end end = virq(others);
    REQUIRE((fake.log.acked & others) == others, "lines 5 and 30 (no device of minilinux) "
            "were pending: the port should clear them with mv_virq_ack(0x%x), but it acked "
            "0x%x (else they stay pending and interrupt again at once)", others,
            fake.log.acked);
    REQUIRE((fake.log.acked & 3u) == 0, "the port acked 0x%x: lines 0 and 1 (tick and "
            "console) were not pending, and acking them could lose one raised meanwhile",
            fake.log.acked);
    REQUIRE(fake.log.nkcalls == 0, "no tick and no input came, yet the port called %s",
            fake.log.kcalls[0].fn);
    expect_resumed(end, &th_a, "a vIRQ of an unused line", "the interrupted thread goes "
                   "on with the registers it had");
}
END_TEST

void port_events_add_tcases(Suite *s) {
    const TTest *const faults[] = {test_fault_maps_and_retries,
                                          test_fault_refused_is_sigsegv,
                                          test_fault_without_memory_is_sigkill,
                                          test_undef_and_unknown_cause, NULL};
    const TTest *const virqs[] = {test_virq_tick, test_virq_console_drained,
                                         test_virq_other_lines_acked, NULL};
    unit_add_tests(s, "lab5_unit_fault_upcall", "lab5 unit", setup, faults);
    unit_add_tests(s, "lab5_unit_virq_upcall", "lab5 unit", setup, virqs);
}
