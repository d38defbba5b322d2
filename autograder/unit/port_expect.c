/*
 * port_expect.c - the checks shared by lab 5's unit tests, and their messages: each
 * says what the port should have done, what it did, and where to look (port_fake.h).
 */
#include <stdio.h>
#include <string.h>
#include "port_fake.h"

const char *fake_name(const struct port_thread *t) {
    return t == &th_a ? "thread a" : t == &th_b ? "thread b" : t == &th_c ? "thread c"
         : t ? "an unknown thread" : "NULL";
}

const char *fake_end_text(enum fake_end end) {
    static char text[400];
    switch (end) {
    case END_RETURNED:
        return "it returned";
    case END_RESUMED:
        return "it resumed a thread (mv_resume_user)";
    case END_EXITED:
        snprintf(text, sizeof text, "it stopped the guest (mv_vm_exit(%d)); the console "
                 "says: \"%.*s\"", fake.exit_code, (int)strcspn(fake.log.console, "\n"),
                 fake.log.console);
        return text;
    case END_STUCK:
        snprintf(text, sizeof text, "it %s", fake.stuck);
        return text;
    }
    return "?";
}

void expect_end(enum fake_end got, enum fake_end want, const char *call) {
    static const char *const wanted[] = {
        [END_RETURNED] = "return", [END_RESUMED] = "resume a thread (mv_resume_user)",
        [END_EXITED] = "stop the guest (port_panic: mv_vm_exit(-1))", [END_STUCK] = "loop",
    };
    REQUIRE(got == want, "%s should %s, but %s", call, wanted[want], fake_end_text(got));
}

static const char *reg_name(unsigned i) {
    static const char *const names[] = {"r[0]", "r[1]", "r[2]", "r[3]", "r[4]", "r[5]",
                                        "r[6]", "r[7]", "r[8]", "r[9]", "r[10]", "r[11]",
                                        "r[12]", "sp", "lr", "pc", "cpsr"};
    return names[i];
}

/* Whose registers these are, when they are one of the test's threads' (a hint for a
 * port that resumed the wrong one). */
static const char *owner(const struct uregs *r) {
    const struct port_thread *all[] = {&th_a, &th_b, &th_c};
    for (unsigned i = 0; i < 3; i++)
        if (memcmp(r, &all[i]->regs, sizeof *r) == 0)
            return fake_name(all[i]);
    return NULL;
}

void expect_regs(const struct uregs *got, const struct uregs *want, const char *what,
                 const char *hint) {
    const uint32_t *g = (const uint32_t *)got, *w = (const uint32_t *)want;
    for (unsigned i = 0; i < sizeof *got / 4; i++)
        REQUIRE(g[i] == w[i], "%s.%s should be 0x%08x but is 0x%08x: %s", what, reg_name(i),
                w[i], g[i], hint);
}

void expect_resumed(enum fake_end got, const struct port_thread *t, const char *call,
                    const char *hint) {
    expect_end(got, END_RESUMED, call);
    const struct uregs *user = (const struct uregs *)&fake.log.resumed_regs;
    const char *whose = owner(user);
    REQUIRE(!whose || memcmp(user, &t->regs, sizeof *user) == 0, "after %s, which should "
            "resume %s, state->user holds %s's registers: %s", call, fake_name(t), whose,
            hint);
    char what[200];
    snprintf(what, sizeof what, "after %s, which should resume %s, state->user", call,
             fake_name(t));
    expect_regs(user, &t->regs, what, hint);
    REQUIRE(fake.log.resumed_ctx == (uint32_t)t->as, "after %s, %s (context %d) was "
            "resumed in context %u: port_run must mv_ctx_switch() to the thread's t->as",
            call, fake_name(t), t->as, fake.log.resumed_ctx);
}

const struct fake_kcall *expect_one_kcall(const char *fn, const struct port_thread *t,
                                          const char *when) {
    const struct fake_log *l = &fake.log;
    REQUIRE(l->nkcalls == 1, "%s, the port should call %s once, but it called the kernel "
            "%u times%s%s", when, fn, l->nkcalls, l->nkcalls ? ", first " : "",
            l->nkcalls ? l->kcalls[0].fn : "");
    const struct fake_kcall *k = &l->kcalls[0];
    REQUIRE(strcmp(k->fn, fn) == 0, "%s, the port should call %s, but it called %s", when,
            fn, k->fn);
    REQUIRE(k->t == t, "%s, %s should get %s (the thread that was running), but got %s",
            when, fn, fake_name(t), fake_name(k->t));
    return k;
}

void port_add_tcases(Suite *s) {
    port_upcall_add_tcases(s);
    port_events_add_tcases(s);
    port_mmu_add_tcases(s);
}
