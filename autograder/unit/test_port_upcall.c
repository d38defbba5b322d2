/*
 * test_port_upcall.c - lab 5's graded unit tests of the port's upcall path: a system call
 * saves the process's registers, the kernel serves it, and port_run() resumes the thread
 * the kernel chose, switching the context, the TLS and the FPU only when they change.
 * The fake microvisor and kernel are in port_fake.c.
 */
#include "port_fake.h"

/* The registers a process has when it makes its system call (not a's saved ones: the
 * port must take them from the state page). */
static struct uregs at_svc;

static void setup(void) {
    fake_reset_running();
    fake_regs(&at_svc, 0x5c);
}

/* ---- lab5_unit_syscall_upcall ---- */

START_TEST(test_syscall_saves_registers) {
    require_running();
    enum fake_end end = fake_syscall(&at_svc);
    const struct fake_kcall *k = expect_one_kcall("kern_syscall", &th_a,
                                                  "after a syscall upcall of thread a");
    expect_regs(&k->regs, &at_svc, "when kern_syscall was called, a->regs",
                "port_upcall must save the state page's user registers (all 17 words) "
                "into the running thread before it calls the kernel");
    expect_resumed(end, &th_a, "a syscall upcall after which the kernel returns the same "
                   "thread", "port_run must copy the thread's registers to state->user");
}
END_TEST

START_TEST(test_syscall_resumes_chosen_thread) {
    require_running();
    fake_kernel_returns(&th_b);
    expect_resumed(fake_syscall(&at_svc), &th_b, "a syscall upcall after which "
                   "kern_syscall returns thread b", "port_run must load the registers of "
                   "the thread kern_syscall returned (did it resume the old one?)");
    expect_regs(&th_a.regs, &at_svc, "once b runs, a->regs", "the registers thread a "
                "had at its svc must stay saved in it while it does not run");
}
END_TEST

START_TEST(test_syscall_result_in_r0) {
    require_running();
    fake.syscall_sets_r0 = true;
    fake.syscall_r0 = 0xfffffff2u;   /* -LX_EFAULT, say */
    enum fake_end end = fake_syscall(&at_svc);
    struct uregs want = at_svc;
    want.r[0] = fake.syscall_r0;
    expect_end(end, END_RESUMED, "a syscall upcall");
    expect_regs((const struct uregs *)&fake.log.resumed_regs, &want, "after a syscall "
                "whose result kern_syscall put in a->regs.r[0], state->user", "the port "
                "must resume with the registers as the kernel left them (saved before "
                "kern_syscall, loaded after it)");
}
END_TEST

/* The port must follow which thread runs: b's upcall is b's, not a's. */
START_TEST(test_syscall_of_the_resumed_thread) {
    require_running();
    fake_kernel_returns(&th_b);
    expect_end(fake_syscall(&at_svc), END_RESUMED, "a syscall upcall of thread a");
    struct uregs b_at_svc;
    fake_regs(&b_at_svc, 0xb5);
    fake_clear_log();
    enum fake_end end = fake_syscall(&b_at_svc);
    const struct fake_kcall *k = expect_one_kcall("kern_syscall", &th_b, "after thread a's "
                                                  "syscall switched to b, at b's syscall");
    expect_regs(&k->regs, &b_at_svc, "at b's syscall, b->regs", "the upcall's registers "
                "belong to the thread port_run resumed last");
    expect_regs(&th_a.regs, &at_svc, "at b's syscall, a->regs", "b's upcall must not "
                "overwrite the registers saved in a");
    expect_resumed(end, &th_b, "b's syscall", "port_run must load b's registers");
}
END_TEST

/* ---- lab5_unit_process_switch ---- */

/* One syscall upcall of the running thread, after which the kernel runs @p next. */
static void switch_to(struct port_thread *next, const char *call) {
    fake_clear_log();
    fake_kernel_returns(next);
    expect_resumed(fake_upcall(MV_CAUSE_SYSCALL), next, call, "port_run must load the "
                   "registers of the thread the kernel returned");
}

START_TEST(test_switch_context_once) {
    require_running();
    switch_to(&th_b, "a syscall of a (context 1) that runs b (context 2)");
    REQUIRE(fake.log.ctx_switches == 1 && fake.log.switched_to[0] == 2, "running b after "
            "a should call mv_ctx_switch(2) once, but it was called %u times (first with "
            "%u)", fake.log.ctx_switches, fake.log.switched_to[0]);
    switch_to(&th_b, "a syscall of b that runs b again");
    REQUIRE(fake.log.ctx_switches == 0, "b continuing in its own context should not call "
            "mv_ctx_switch, but it was called %u times: switch only when t->as differs "
            "from the loaded context", fake.log.ctx_switches);
    switch_to(&th_c, "a syscall of b that runs c (context 1)");
    REQUIRE(fake.log.ctx_switches == 1 && fake.log.switched_to[0] == 1, "running c after "
            "b should call mv_ctx_switch(1) once, but it was called %u times",
            fake.log.ctx_switches);
    switch_to(&th_a, "a syscall of c that runs a (context 1, as c)");
    REQUIRE(fake.log.ctx_switches == 0, "a and c share context 1: running a after c should "
            "not call mv_ctx_switch, but it was called %u times", fake.log.ctx_switches);
}
END_TEST

START_TEST(test_switch_tls) {
    require_running();
    switch_to(&th_b, "a syscall of a (TLS 0) that runs b (TLS 0x7b000)");
    REQUIRE(fake.log.tls_sets == 1 && fake.tls == th_b.tls, "running b should load its TLS "
            "0x%x with mv_set_tls once, but it was called %u times and the TLS is 0x%x",
            th_b.tls, fake.log.tls_sets, fake.tls);
    switch_to(&th_b, "a syscall of b that runs b again");
    REQUIRE(fake.log.tls_sets == 0, "b continuing should not call mv_set_tls (its TLS is "
            "loaded), but it was called %u times: a hypercall per syscall is costly",
            fake.log.tls_sets);
    switch_to(&th_a, "a syscall of b that runs a (TLS 0)");
    REQUIRE(fake.log.tls_sets == 1 && fake.tls == 0, "running a after b should set the TLS "
            "back to 0 (mv_set_tls(0)), but it was called %u times and the TLS is 0x%x",
            fake.log.tls_sets, fake.tls);
}
END_TEST

static void expect_fpu_switch(const struct port_thread *from, const struct port_thread *to) {
    const struct fake_log *l = &fake.log;
    REQUIRE(l->fpu_saves == 1 && l->saved_fpu == &from->fpu, "when %s runs after %s, the "
            "port should save the hardware's FPU registers into %s->fpu once "
            "(port_fpu_save), but port_fpu_save was called %u times", fake_name(to),
            fake_name(from), fake_name(from), l->fpu_saves);
    REQUIRE(l->fpu_loads == 1 && l->loaded_fpu == &to->fpu, "when %s runs after %s, the "
            "port should load %s->fpu once (port_fpu_load), but port_fpu_load was called "
            "%u times", fake_name(to), fake_name(from), fake_name(to), l->fpu_loads);
    REQUIRE(l->save_seq < l->load_seq, "the port loaded %s's FPU registers before it "
            "saved %s's: the save would store the new ones", fake_name(to), fake_name(from));
}

START_TEST(test_switch_fpu) {
    require_running();
    switch_to(&th_b, "a syscall of a that runs b");
    expect_fpu_switch(&th_a, &th_b);
    switch_to(&th_b, "a syscall of b that runs b again");
    REQUIRE(fake.log.fpu_saves + fake.log.fpu_loads == 0, "b continuing should leave the "
            "FPU registers alone (they are b's already), but the port saved %u and loaded "
            "%u times", fake.log.fpu_saves, fake.log.fpu_loads);
    switch_to(&th_c, "a syscall of b that runs c");
    expect_fpu_switch(&th_b, &th_c);
}
END_TEST

/* The kernel has nothing to run: the port waits for vIRQs until a tick gives it b. */
START_TEST(test_idle_until_a_thread) {
    require_running();
    fake_kernel_returns(NULL);   /* kern_syscall: a blocks */
    fake_kernel_returns(NULL);   /* the first tick: still nothing */
    fake_kernel_returns(&th_b);  /* the second: b woke up */
    fake.wait_pending[0] = fake.wait_pending[1] = 1u << PORT_TICK_LINE;
    enum fake_end end = fake_syscall(&at_svc);
    REQUIRE(fake.log.waits == 2, "when kern_syscall returns NULL, the port should idle in "
            "mv_wait until the kernel has a thread (2 ticks here), but mv_wait was called "
            "%u times (%s)", fake.log.waits, fake_end_text(end));
    REQUIRE(fake.log.nkcalls == 3 && fake.log.kcalls[2].t == NULL, "while idle, each tick "
            "should be handed to kern_tick(NULL); the port made %u kern_* calls, the last "
            "%s with %s", fake.log.nkcalls, fake.log.kcalls[2].fn ? fake.log.kcalls[2].fn
            : "none", fake_name(fake.log.kcalls[2].t));
    expect_resumed(end, &th_b, "idling until kern_tick returns thread b",
                   "the thread the tick returned must run");
}
END_TEST

void port_upcall_add_tcases(Suite *s) {
    const TTest *const syscall[] = {test_syscall_saves_registers,
                                           test_syscall_resumes_chosen_thread,
                                           test_syscall_result_in_r0,
                                           test_syscall_of_the_resumed_thread, NULL};
    const TTest *const switching[] = {test_switch_context_once, test_switch_tls,
                                             test_switch_fpu, test_idle_until_a_thread, NULL};
    unit_add_tests(s, "lab5_unit_syscall_upcall", "lab5 unit", setup, syscall);
    unit_add_tests(s, "lab5_unit_process_switch", "lab5 unit", setup, switching);
}
