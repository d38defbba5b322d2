/*
 * test_vmmu_stress.c - lab 2 system tests that push the vMMU hard:
 *
 * - lab2_sys_escape (systems/test_vmmu_hostile.c): a hostile VM tries every way to map
 *   memory that is not its own; each call must fail with exactly the documented error,
 *   and the victim VM's memory must be intact afterwards
 *   (autograder/scenarios/sc_hostile_vmmu.c, sc_victim.c);
 * - lab2_sys_eviction (systems/test_vmmu_evict.c): demand paging under a quota of 8 page
 *   tables; the vMMU evicts, the guest re-inserts, no data is lost (sc_evict.c);
 * - lab2_sys_asid_rollover (systems/test_vmmu_asid.c): 300 process contexts over time,
 *   more than the 247 context ASIDs, some alive across the rollover (sc_asid.c).
 *
 * The scenarios only report what they saw; every expectation is here.
 *
 * A limit of the emulator: QEMU drops its whole TLB whenever the ASID (CONTEXTIDR)
 * changes, and the microvisor changes it at every switch of address space. So a missing
 * TLB flush shows here only inside one space, the guest kernel's (replace_word,
 * unmap_word, flush_word); flushes for process contexts, evictions and ASID rollover are
 * checked against the tagged TLB double of the unit tier.
 */
#include "systest.h"

#define TAGS "lab2 system"

/* One expected result, and what it means when it is wrong. */
struct expected {
    const char *key;
    long long want;
    const char *why;
};

/* Result @p key of @p vm if it was reported, else 0 (details for a failure message). */
static long long detail(const struct systest_run *run, const char *vm, const char *key) {
    long long v;
    return scenario_get_int(&run->r, run->nonce, vm, key, &v) ? v : 0;
}

/* A value for a message: an error's name, an address in hex ("0", not "0 (MV_EOK)"). */
static const char *describe(long long v, char *buf, size_t size) {
    return v ? systest_describe(v, buf, size) : "0";
}

/* Expect result @p key of VM @p vm to be @p want; @p why says what it means if not. */
static void expect_result(const struct systest_run *run, const char *vm, const char *key,
                          long long want, const char *why) {
    long long got = RESULT(run, vm, key);
    char w[48], g[48];
    EXPECT(run, got == want, "VM '%s' result '%s': expected %s, saw %s: %s", vm, key,
           describe(want, w, sizeof w), describe(got, g, sizeof g), why);
}

static void expect_all(const struct systest_run *run, const char *vm, const struct expected *e,
                       size_t n) {
    for (size_t i = 0; i < n; i++)
        expect_result(run, vm, e[i].key, e[i].want, e[i].why);
}

#define EXPECT_ALL(run, vm, table) expect_all(run, vm, table, sizeof table / sizeof table[0])

/* Expect the count @p key of @p vm to be 0; the message names the first case it counted. */
static void expect_none(const struct systest_run *run, const char *vm, const char *key,
                        const char *what, const char *key1, const char *key2) {
    long long n = RESULT(run, vm, key);
    char d1[48], d2[48];
    EXPECT(run, n == 0, "VM '%s': %lld time(s) %s; the first: %s = %s, %s = %s", vm, n, what,
           key1, describe(detail(run, vm, key1), d1, sizeof d1), key2,
           describe(detail(run, vm, key2), d2, sizeof d2));
}

/* ---- lab2_sys_escape ---- */

#define HOSTILE "hostile"
#define VICTIM "victim"
#define HOSTILE_TABLES 16   /* pt_kb 16 in systems/test_vmmu_hostile.c */
/* Guest-kernel tables the hostile VM holds when it starts using up its quota: RAM (section
 * 0), the state pages (section 0x7ff, also its test mapping just below them) and the
 * scratch VA of its gpa probes (section 0x400). Never evicted, never released. */
#define HOSTILE_KERNEL_TABLES 3

static const struct expected gpa_results[] = {
    {"filled_bits", 1 << 1, "the hostile VM waits for the victim's 'filled' vIRQ (line 1)"},
    {"resume_no_ctx", MV_EBUSY, "a vCPU with no process context has no guest-user mode to resume"},
    {"map_uncreated", MV_EINVAL, "context 1 is within the quota but was not created yet"},
    {"gpa_ram_last", 0, "the last page of the VM's own RAM is its to map"},
    {"gpa_ram_end", MV_ERANGE, "the first guest-physical page past the VM's RAM is not its"},
    {"gpa_unaligned", MV_EINVAL, "a guest-physical address must be page aligned"},
    {"gpa_top", MV_ERANGE, "gpa 0xfffff000 is outside the VM's guest-physical space"},
    {"gpa_2g", MV_ERANGE, "gpa 0x80000000 is outside the VM's guest-physical space"},
    {"gpa_secret", MV_ERANGE, "the VM has no cap for region 'secret' (the victim's gpa 0x200000)"},
    {"gpa_victim_ro", MV_ERANGE, "gpa 0x300000 is where the *victim* places 'ro'; this VM's cap places it at 0x500000"},
    {"gpa_ro_read", 0, "the cap on 'ro' grants reading"},
    {"gpa_ro_write", MV_EPERM, "the cap on 'ro' grants reading only: MV_MAP_WRITE is more than it allows"},
    {"gpa_ro_exec", MV_EPERM, "the cap on 'ro' grants reading only: MV_MAP_EXEC is more than it allows"},
    {"gpa_ro_last", 0, "the last page of 'ro' (16 KiB) is inside the region"},
    {"gpa_ro_past", MV_ERANGE, "the page just past 'ro' is outside it"},
    {"gpa_ro_below", MV_ERANGE, "the page just below 'ro' is outside it"},
    {"flags_none", MV_EINVAL, "a mapping without MV_MAP_READ"},
    {"flags_write_only", MV_EINVAL, "a mapping without MV_MAP_READ"},
    {"flags_unknown", MV_EINVAL, "an unknown flag bit"},
    {"sweep_end_ok", 0, "a page in the 4 MiB past the VM's RAM was granted (the victim's RAM?)"},
    {"sweep_end_erange", 1024, "each of the 1024 pages past the VM's RAM must be MV_ERANGE"},
    {"sweep_end_other", 0, "pages past the VM's RAM must be MV_ERANGE, nothing else"},
    {"sweep_mib_ok", 0, "a read-write mapping of some gpa k MiB (k = 1..4095) was granted"},
    {"sweep_mib_eperm", 1, "of all k MiB, only 0x500000 ('ro', read-only) is in the VM's space"},
    {"sweep_mib_erange", 4094, "every k MiB but 0x500000 is outside the VM's space"},
    {"sweep_mib_first_odd", 0x500000, "the first gpa of the MiB sweep not refused with MV_ERANGE"},
    {"replace_word", 0xba17ba17, "a replaced mapping of the guest kernel's space still read "
                                 "the old page: its TLB entry was not invalidated"},
    {"unmap_word", 0xba17ba17, "after an unmap and a new mapping, the guest kernel still read "
                               "the old page: unmap did not invalidate the TLB entry"},
    {"flush_word", 0xba17ba17, "after a range flush and a new mapping, the guest kernel still "
                               "read the old page: the flush did not invalidate the TLB entry"},
    {"poisoned", 0, "pages the hostile VM could write through a mapping it must not have had"},
};

/* Mapping, unmapping and flushing at addresses reserved to the microvisor, in the guest
 * kernel's space ("k_") and a process context ("p_"). */
static const struct expected va_results[] = {
    {"va_2g", MV_ERANGE, "VA 0x80000000 is the microvisor's half"},
    {"va_kernel", MV_ERANGE, "VA 0xc0000000 is the microvisor's RAM alias"},
    {"va_uart", MV_ERANGE, "VA 0xf9000000 is the microvisor's device window"},
    {"va_top", MV_ERANGE, "VA 0xfffff000 is the microvisor's half"},
    {"va_state", MV_ERANGE, "MV_STATE_VA(0) is in the state-page window"},
    {"va_window", MV_ERANGE, "MV_STATE_VA(3) is the lowest page of the state-page window"},
    {"va_below_window", 0, "the page just below the state-page window is the guest's"},
    {"va_unaligned", MV_EINVAL, "a VA must be page aligned"},
    {"unmap_state", MV_ERANGE, "the state pages cannot be unmapped"},
    {"unmap_2g", MV_ERANGE, "VA 0x80000000 is not the guest's to unmap"},
    {"flush_window", MV_ERANGE, "a flush range that reaches into the state-page window"},
    {"flush_wrap", MV_ERANGE, "a flush range whose end wraps around 4 GiB"},
};

/* The context copies: the microvisor reads and writes for the guest only where the guest
 * itself could, in the process context and in the guest kernel's buffer. */
static const struct expected copy_results[] = {
    {"copy_to_readonly", MV_EFAULT, "copying into a read-only mapping (of region 'ro') of the "
                                    "process: the microvisor would write where the guest may not"},
    {"copy_kbuf_readonly", MV_EINVAL, "copying into a read-only kernel buffer (region 'ro')"},
    {"copy_from_kernel_va", MV_EFAULT, "the process address 0xc0000000 is the microvisor's"},
    {"copy_to_kernel_va", MV_EFAULT, "the process address 0x80000000 is the microvisor's"},
    {"copy_kbuf_kernel_va", MV_EINVAL, "a kernel buffer at 0xc0000000 (the microvisor's RAM)"},
    {"copy_src_kernel_va", MV_EINVAL, "a kernel buffer at 0xc0100000 (the microvisor's image)"},
    {"copy_from_state_va", MV_EFAULT, "the state page is in the guest kernel's space only, "
                                      "never in a process context"},
    {"copy_too_long", MV_ERANGE, "longer than MV_COPY_MAX"},
    {"copy_wrap", MV_EFAULT, "a process range that wraps around 4 GiB"},
    {"copy_kbuf_wrap", MV_EINVAL, "a kernel buffer that wraps around 4 GiB"},
    {"copy_past_page", MV_EFAULT, "16 bytes from 8 before the end of the only mapped page"},
    {"copy_past_page_bad", 0x50002000, "on MV_EFAULT, r1 is the first process address not mapped"},
};

static const struct expected ctx_results[] = {
    {"ctx_p", 1, "the first context created is 1"},
    {"state_magic", 0x4d56, "the state page must still be mapped, unchanged"},
    {"ctx_map_ffffffff", MV_EINVAL, "context 0xffffffff does not exist"},
    {"ctx_map_quota_plus_1", MV_EINVAL, "context 4 is beyond the VM's quota of 3"},
    {"ctx_map_64", MV_EINVAL, "context 64 is beyond the VM's quota of 3"},
    {"ctx_map_65", MV_EINVAL, "context 65 is beyond every quota (MV_MAX_CONTEXTS is 64)"},
    {"ctx_unmap_bad", MV_EINVAL, "unmap in context 0xffffffff"},
    {"ctx_flush_bad", MV_EINVAL, "flush of context 0xffffffff"},
    {"ctx_switch_bad", MV_EINVAL, "switch to context 0xffffffff"},
    {"ctx_destroy_bad", MV_EINVAL, "destroy context 0xffffffff"},
    {"ctx_copy_from_bad", MV_EINVAL, "copy from context 0xffffffff"},
    {"ctx_copy_to_bad", MV_EINVAL, "copy to context 0xffffffff"},
    {"ctx_copy_from_kernel", MV_EINVAL, "the context copies take a process context, not 0"},
    {"ctx_flush_kernel_all", MV_EINVAL, "flushing the guest kernel's whole space is refused"},
    {"ctx_destroy_kernel", MV_EINVAL, "context 0 is the guest kernel's space, not a process "
                                      "context (vmmu.h: MV_EINVAL)"},
    {"ctx_switch_p", 0, "switch to a live context"},
    {"ctx_destroy_current", MV_EBUSY, "the context of the calling (running) vCPU is in use"},
    {"ctx_switch_none", 0, "switching to MV_CTX_KERNEL means 'no process'"},
    {"ctx_resume_none", MV_EBUSY, "no process context: guest-user mode cannot be resumed"},
    {"ctx_created", 2, "with context 1 alive, a quota of 3 leaves two more"},
    {"ctx_highest", 3, "contexts are numbered 1..quota"},
    {"ctx_create_full", MV_ENOMEM, "every context of the quota exists"},
    {"ctx_map_before_destroy", 0, "context 2 is alive"},
    {"ctx_destroy", 0, "destroying context 2, which no vCPU uses"},
    {"ctx_map_destroyed", MV_EINVAL, "context 2 was destroyed"},
    {"ctx_unmap_destroyed", MV_EINVAL, "context 2 was destroyed"},
    {"ctx_switch_destroyed", MV_EINVAL, "context 2 was destroyed"},
    {"ctx_copy_destroyed", MV_EINVAL, "context 2 was destroyed"},
    {"ctx_destroy_again", MV_EINVAL, "context 2 was destroyed already"},
    {"ctx_recreate", 2, "create takes the lowest free index"},
    {"ctx_recreated_empty", MV_EFAULT, "a re-created context must not keep its old mappings"},
};

static const struct expected table_results[] = {
    {"pt_map_ok", 64, "mapping 64 sections of a process context must evict, never fail"},
    {"pt_copy_ok", 64, "each page must be usable right after it was mapped"},
    {"pt_wrong", 0, "pages still mapped must map what they were mapped to"},
    {"pt_last_present", 63, "the section mapped last was evicted at once"},
    {"pt_kernel_sections", HOSTILE_TABLES - HOSTILE_KERNEL_TABLES,
     "the guest kernel's space may take every table of the quota not already its own "
     "(process tables are evicted for it), and no more"},
    {"pt_kernel_full", MV_ENOMEM, "the quota holds only guest-kernel tables: nothing to evict"},
    {"pt_kernel_readable", HOSTILE_TABLES - HOSTILE_KERNEL_TABLES, "guest-kernel tables are never evicted"},
    {"pt_process_after_full", MV_ENOMEM, "no table left for a process, and none can be evicted"},
    {"pt_present_after_full", 0, "every process table was evicted for the guest kernel"},
    {"raise_done", 0, "the hostile VM's cap on the victim's line 1"},
};

static const struct expected victim_results[] = {
    {"map_secret", 0, "the victim maps 'secret' with its read-write cap"},
    {"map_ro", 0, "the victim maps 'ro' with its read-write cap"},
    {"fill_mismatch", 0, "the victim's own writes did not stick"},
    {"done_bits", 1 << 1, "the hostile VM never signalled 'done' (did it stop early?)"},
    {"mismatch", 0, "words of the victim's RAM or regions changed while the hostile VM ran: "
                    "it reached memory that is not its own"},
    {"map_after", 0, "the hostile VM's exhausted quota must not take the victim's page tables"},
};

START_TEST(escape) {
    const struct systest_run *run = systest_run("test_vmmu_hostile");
    /* First: did the hostile VM get through its list? A mapping it should not have had can
     * let its poison hit its own page tables and state page, which stops it early. */
    EXPECT(run, scenario_count(&run->r, run->nonce, HOSTILE, "unexpected_upcall") == 0,
           "the hostile VM got an upcall: guest-user mode ran, though the VM never had a "
           "process context to run it in (mv_resume_user() must fail with MV_EBUSY)");
    systest_expect_stopped(run, HOSTILE, 0, NULL, 0);
    EXPECT_ALL(run, VICTIM, victim_results);
    EXPECT_RESULTS_EQUAL(run, VICTIM, "sum_after", "sum_before");
    EXPECT_ALL(run, HOSTILE, gpa_results);
    long long ro = RESULT(run, HOSTILE, "ro_word0"), want_ro = RESULT(run, VICTIM, "ro_word0");
    EXPECT(run, ro == want_ro, "the hostile VM's read-only mapping of 'ro' should show what the "
           "victim wrote there (0x%llx), saw 0x%llx", want_ro, ro);
    static const char *const spaces[] = {"k_", "p_"};   /* guest kernel's, a process's */
    for (size_t s = 0; s < 2; s++)
        for (size_t i = 0; i < sizeof va_results / sizeof va_results[0]; i++) {
            char key[64];
            snprintf(key, sizeof key, "%s%s", spaces[s], va_results[i].key);
            expect_result(run, HOSTILE, key, va_results[i].want, va_results[i].why);
        }
    EXPECT_ALL(run, HOSTILE, copy_results);
    EXPECT_ALL(run, HOSTILE, ctx_results);
    EXPECT_ALL(run, HOSTILE, table_results);
    long long present = RESULT(run, HOSTILE, "pt_present");
    EXPECT(run, present >= 1 && present <= HOSTILE_TABLES - HOSTILE_KERNEL_TABLES,
           "after mapping 64 sections of a process context, %lld were still mapped: at most %d "
           "tables of the quota are not the guest kernel's, and the last one mapped must stay",
           present, HOSTILE_TABLES - HOSTILE_KERNEL_TABLES);
    systest_expect_stopped(run, VICTIM, 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* ---- lab2_sys_eviction ---- */

#define PAGER "pager"
#define EVICT_PAGES 32    /* sc_evict.c: data pages, one per 1 MiB section */
#define EVICT_ROUNDS 4    /* each round writes all pages, then reads them all back */
#define EVICT_TABLES 8    /* pt_kb 8 in systems/test_vmmu_evict.c */

static const struct expected evict_results[] = {
    {"set_entry", 0, "registering the upcall entry"},
    {"ctx_create", 1, "the process's context"},
    {"ctx_switch", 0, "switching to it"},
    {"user_done", 1, "the process never reached its final system call"},
    {"user_mismatch", 0, "words the process read back differ from what it wrote"},
    {"mismatch_bytes", 0, "bytes of the backing pages differ from what the process wrote: "
                          "a re-inserted page mapped the wrong frame, or a write was lost"},
};

START_TEST(eviction) {
    const struct systest_run *run = systest_run("test_vmmu_evict");
    systest_expect_stopped(run, PAGER, 0, NULL, 0);   /* not stopped by a fault: it finished */
    expect_none(run, PAGER, "bad_access", "state->fault_access was not MV_MAP_EXEC for a prefetch "
                "abort, or not MV_MAP_READ / MV_MAP_WRITE for a data abort", "bad_access_value",
                "bad_access_addr");
    expect_none(run, PAGER, "unserved", "an upcall was not a fault on a page of the guest's own "
                "table with an access that page allows", "unserved_cause", "unserved_addr");
    expect_none(run, PAGER, "map_errors", "re-inserting a faulting page failed (MV_ENOMEM: no "
                "process table was evicted) or did not take (0: the same address faulted again "
                "and again)", "first_map_error", "stuck_addr");
    EXPECT_ALL(run, PAGER, evict_results);
    long long writes = RESULT(run, PAGER, "faults_write"), exec = RESULT(run, PAGER, "faults_exec");
    EXPECT(run, writes >= EVICT_PAGES, "each of the %d data pages is first written in an empty "
           "context, so at least %d write faults; saw %lld", EVICT_PAGES, EVICT_PAGES, writes);
    EXPECT(run, exec >= 1, "the process starts in an empty context: its first instruction "
           "must fault (prefetch abort); saw %lld execute faults", exec);
    /* Every sweep after the first touches 32 sections with at most 8 tables: at least
     * 32 - 8 of its pages were mapped before and must have been dropped. */
    long long refaults = RESULT(run, PAGER, "refaults");
    long long min = (2 * EVICT_ROUNDS - 1) * (EVICT_PAGES - EVICT_TABLES);
    EXPECT(run, refaults > 0 && refaults >= min, "the quota (%d tables) cannot hold %d sections, "
           "so at least %lld faults must be on pages mapped before (the vMMU evicted them); "
           "saw %lld", EVICT_TABLES, EVICT_PAGES, min, refaults);
    systest_expect_clean_poweroff(run);
}
END_TEST

/* ---- lab2_sys_asid_rollover ---- */

#define ASID_VM "asid"
#define ASID_ROUNDS 300   /* sc_asid.c: more than the 247 ASIDs for contexts (9..255) */

static const struct expected asid_results[] = {
    {"set_entry", 0, "registering the upcall entry"},
    {"rounds", ASID_ROUNDS, "the guest ran fewer rounds than planned"},
    {"not_empty", 0, "a newly created context already mapped the user VA: a recycled "
                     "context kept an old mapping"},
    {"wrong_new", 0, "a new context read another round's value: it saw a stale translation"},
    {"wrong_revisit", 0, "a context created two rounds before no longer sees its own page"},
    {"long_checks", 1 + ASID_ROUNDS / 20, "the long-lived context runs first and every 20 rounds"},
    {"wrong_long", 0, "the context alive across the ASID rollover lost its own page"},
};

START_TEST(asid_rollover) {
    const struct systest_run *run = systest_run("test_vmmu_asid");
    systest_expect_stopped(run, ASID_VM, 0, NULL, 0);   /* not stopped by a fault: it finished */
    expect_none(run, ASID_VM, "errors", "a context hypercall (create, map, switch, resume, "
                "destroy) failed", "first_error", "first_error_round");
    expect_none(run, ASID_VM, "unexpected", "a process got an upcall other than its svc (a "
                "fault: its page was not mapped)", "first_unexpected_cause", "first_unexpected_addr");
    EXPECT_ALL(run, ASID_VM, asid_results);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_vmmu_stress(void) {
    Suite *s = suite_create("vmmu_stress");
    systest_add(s, "lab2_sys_escape", TAGS, escape, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab2_sys_eviction", TAGS, eviction, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab2_sys_asid_rollover", TAGS, asid_rollover, SYSTEST_TIMEOUT_S);
    return s;
}
