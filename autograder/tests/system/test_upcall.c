/*
 * test_upcall.c - system test_upcall (systems/test_upcall.c): a guest kernel runs
 * guest-user code and gets an upcall for each svc, undefined instruction and data abort
 * (autograder/scenarios/sc_upcall.c explains the steps and names the results).
 */
#include "systest.h"

#define SYSTEM "test_upcall"
#define TAGS "foundation system"
#define VM "upcall"

#define MODE_MASK 0x1fu
#define MODE_USR 0x10u
#define PSR_T 0x20u
#define PSR_AIF 0x1c0u
#define FLAGS 0xf8000000u   /* N Z C V Q */

static const char *const steps[] = {"svc", "undef", "dabt", "done", "priv_undef",
                                    "priv_svc", "it_svc", "it_done", "pabt"};
#define PSR_IT 0x0600fc00u

static void key(char *buf, size_t size, const char *step, const char *field) {
    snprintf(buf, size, "%s_%s", step, field);
}

/* Every upcall enters the registered entry on its stack with r0 = cause, r1 = state page. */
START_TEST(upcall_entry) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, VM, "set_entry", 0);
    EXPECT_RESULT(run, VM, "state_va", MV_STATE_VA(0));
    EXPECT_RESULT(run, VM, "upcalls", sizeof steps / sizeof steps[0]);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char k[48], cause[48];
        key(k, sizeof k, steps[i], "arg_cause");
        key(cause, sizeof cause, steps[i], "cause");
        EXPECT_RESULTS_EQUAL(run, VM, k, cause);
        key(k, sizeof k, steps[i], "arg_state");
        EXPECT_RESULTS_EQUAL(run, VM, k, "state_va");
        key(k, sizeof k, steps[i], "handler_sp");
        EXPECT_RESULTS_EQUAL(run, VM, k, "upcall_stack_top");
    }
}
END_TEST

/* svc from Thumb user code: the user context is saved in the state page. */
START_TEST(upcall_svc) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, VM, "svc_cause", MV_CAUSE_SYSCALL);
    EXPECT_RESULTS_EQUAL(run, VM, "svc_pc", "label_svc_next");
    EXPECT_RESULT(run, VM, "svc_r7", MV_HC_VM_EXIT);   /* from user mode: an upcall, not an exit */
    EXPECT_RESULT(run, VM, "svc_r5", 0x55aa55aa);      /* loaded from user.r[5] */
    EXPECT_RESULTS_EQUAL(run, VM, "svc_sp", "user_stack_top");
    EXPECT_BITS(run, VM, "svc_cpsr", MODE_MASK | PSR_T, MODE_USR | PSR_T);
    EXPECT_BITS(run, VM, "svc_r0", MODE_MASK, MODE_USR);       /* the CPSR the user code read */
    EXPECT_BITS(run, VM, "svc_r0", 0x60000000u, 0x60000000u);  /* Z and C as resumed */
}
END_TEST

/* An undefined instruction and a data abort in user mode, each resumed past. */
START_TEST(upcall_faults) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, VM, "undef_cause", MV_CAUSE_UNDEF);
    EXPECT_RESULTS_EQUAL(run, VM, "undef_pc", "label_undef");
    EXPECT_RESULTS_EQUAL(run, VM, "undef_addr", "label_undef");
    EXPECT_RESULT(run, VM, "dabt_cause", MV_CAUSE_DABT);
    EXPECT_RESULTS_EQUAL(run, VM, "dabt_pc", "label_dabt");
    EXPECT_RESULT(run, VM, "dabt_addr", 8);
    long long fs = RESULT(run, VM, "dabt_status") & 0x40f;
    EXPECT(run, fs == 0x5 || fs == 0x7, "a load from unmapped page 0 should be a translation "
           "fault (fault status 0x5 or 0x7), saw status 0x%llx", fs);
    EXPECT_RESULT(run, VM, "done_cause", MV_CAUSE_SYSCALL);
    EXPECT_RESULT(run, VM, "done_r7", 43);
    EXPECT_RESULTS_EQUAL(run, VM, "done_pc", "label_done_next");
}
END_TEST

/* Resumed with a privileged mode and masked interrupts requested: still user mode. */
START_TEST(user_mode_enforced) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, VM, "priv_undef_cause", MV_CAUSE_UNDEF);   /* reading SCTLR: privileged */
    EXPECT_RESULTS_EQUAL(run, VM, "priv_undef_pc", "label_arm_mrc");
    EXPECT_BITS(run, VM, "priv_undef_cpsr", MODE_MASK | PSR_T | PSR_AIF, MODE_USR);
    EXPECT_BITS(run, VM, "priv_undef_cpsr", FLAGS, 0x90000000u);   /* flags are the guest's */
    EXPECT_BITS(run, VM, "priv_svc_r0", MODE_MASK | PSR_AIF, MODE_USR);
    EXPECT_RESULT(run, VM, "priv_svc_r7", 44);
    EXPECT_RESULTS_EQUAL(run, VM, "priv_svc_pc", "label_arm_svc_next");
    systest_expect_stopped(run, VM, 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* An upcall inside a Thumb If-Then block: resumed, the rest of the block stays conditional. */
START_TEST(upcall_in_it_block) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, VM, "it_svc_cause", MV_CAUSE_SYSCALL);
    EXPECT_RESULT(run, VM, "it_svc_r7", 45);
    EXPECT_RESULTS_EQUAL(run, VM, "it_svc_pc", "label_it_svc_next");
    long long cpsr = RESULT(run, VM, "it_svc_cpsr");
    EXPECT(run, (cpsr & PSR_IT) != 0, "the svc was inside an IT block, so the saved CPSR should "
           "hold IT state (bits 0x%x), saw cpsr 0x%llx", PSR_IT, cpsr);
    EXPECT_RESULT(run, VM, "it_done_r7", 46);
    EXPECT_RESULTS_EQUAL(run, VM, "it_done_pc", "label_it_done_next");
    EXPECT_RESULT(run, VM, "it_done_r1", 1);   /* the "then" instruction ran */
    EXPECT(run, RESULT(run, VM, "it_done_r2") == 0, "the \"else\" instruction after the upcall "
           "ran anyway (r2 = %lld): RESUME_USER dropped the IT state", RESULT(run, VM, "it_done_r2"));
}
END_TEST

/* ARM code resumed at a PC that is not word-aligned runs from the aligned address;
 * fetching from an unmapped page is a prefetch abort. */
START_TEST(upcall_prefetch_abort) {
    const struct systest_run *run = systest_run(SYSTEM);
    EXPECT_RESULT(run, VM, "pabt_cause", MV_CAUSE_PABT);
    EXPECT_RESULT(run, VM, "pabt_pc", 0x100);
    EXPECT_RESULT(run, VM, "pabt_addr", 0x100);
    long long fs = RESULT(run, VM, "pabt_status") & 0x40f;
    EXPECT(run, fs == 0x5 || fs == 0x7, "fetching from unmapped page 0 should be a translation "
           "fault (fault status 0x5 or 0x7), saw status 0x%llx", fs);
    EXPECT_BITS(run, VM, "pabt_cpsr", MODE_MASK | PSR_T, MODE_USR);
}
END_TEST

Suite *suite_upcall(void) {
    Suite *s = suite_create("upcall");
    systest_add(s, "upcall_entry", TAGS, upcall_entry, SYSTEST_TIMEOUT_S);
    systest_add(s, "upcall_svc", TAGS, upcall_svc, SYSTEST_TIMEOUT_S);
    systest_add(s, "upcall_faults", TAGS, upcall_faults, SYSTEST_TIMEOUT_S);
    systest_add(s, "user_mode_enforced", TAGS, user_mode_enforced, SYSTEST_TIMEOUT_S);
    systest_add(s, "upcall_in_it_block", TAGS, upcall_in_it_block, SYSTEST_TIMEOUT_S);
    systest_add(s, "upcall_prefetch_abort", TAGS, upcall_prefetch_abort, SYSTEST_TIMEOUT_S);
    return s;
}
