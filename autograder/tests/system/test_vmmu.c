/*
 * test_vmmu.c - lab 2 system tests: the vMMU seen by a guest OS in QEMU (system test_vmmu,
 * scenario autograder/scenarios/sc_vmmu.c). The scenario is a small guest kernel that
 * runs user code in process contexts; every trip to user mode ends in an upcall (an svc
 * or a fault), and it reports each as <step>_rc, _cause, _pc, _addr, _access, _status and
 * _r4. These tests decide what each should have been.
 */
#include "systest.h"
#include "sc_vmmu.h"   /* the values and addresses the scenario uses */

#define SYSTEM "test_vmmu"
#define TAGS "lab2 system"
#define VM "os"
#define USER_MARKER 0x5a   /* what user_marker puts in r4 */

/* ARM short-descriptor fault status (DFSR/IFSR bits 10 and 3:0): what kind of fault. */
#define FS_MASK 0x40fu
enum fault_kind { TRANSLATION, PERMISSION };

static const char *cause_name(long long c) {
    static const char *const names[] = {"no upcall", "svc", "undefined instruction",
                                        "prefetch abort", "data abort", "vIRQ"};
    return c >= 0 && c < 6 ? names[c] : "an unknown cause";
}

static const char *access_name(long long a) {
    return a == MV_MAP_READ ? "MV_MAP_READ" : a == MV_MAP_WRITE ? "MV_MAP_WRITE"
         : a == MV_MAP_EXEC ? "MV_MAP_EXEC" : "not one access bit";
}

/* Result <step>_<name>. */
static long long field(const struct systest_run *run, const char *step, const char *name) {
    char k[64];
    snprintf(k, sizeof k, "%s_%s", step, name);
    return RESULT(run, VM, k);
}

/* The microvisor resumed the user code (rc 0); it is refused only with no context. */
static void expect_resumed(const struct systest_run *run, const char *step, const char *what) {
    long long rc = field(run, step, "rc");
    char d[48];
    EXPECT(run, rc == 0, "%s [%s]: MV_HC_RESUME_USER was refused with %s", what, step,
           systest_describe(rc, d, sizeof d));
}

/* The user code ran to its svc: every access on the way worked. */
static void expect_ran(const struct systest_run *run, const char *step, const char *what) {
    expect_resumed(run, step, what);
    long long cause = field(run, step, "cause");
    EXPECT(run, cause == MV_CAUSE_SYSCALL, "%s [%s]: the user code should run to its svc "
           "(cause %d), but it ended with a %s (cause %lld) at pc 0x%llx, address 0x%llx, "
           "access %lld, status 0x%llx", what, step, MV_CAUSE_SYSCALL, cause_name(cause), cause,
           field(run, step, "pc"), field(run, step, "addr"), field(run, step, "access"),
           field(run, step, "status"));
}

/* What the user code loaded into r4 (after expect_ran()). */
static void expect_r4(const struct systest_run *run, const char *step, long long want,
                      const char *what) {
    long long got = field(run, step, "r4");
    EXPECT(run, got == want, "%s [%s]: the user code loaded 0x%llx, expected 0x%llx", what, step,
           got, want);
}

/* The user access faulted: an upcall with this cause, address and access. */
static void expect_fault(const struct systest_run *run, const char *step, long long cause,
                         long long addr, long long access, const char *what) {
    expect_resumed(run, step, what);
    long long c = field(run, step, "cause"), a = field(run, step, "addr");
    long long acc = field(run, step, "access"), pc = field(run, step, "pc");
    EXPECT(run, c == cause, "%s [%s]: expected a %s upcall (cause %lld), saw a %s (cause %lld) "
           "at pc 0x%llx%s", what, step, cause_name(cause), cause, cause_name(c), c, pc,
           c == MV_CAUSE_SYSCALL ? ": the access worked, so the mapping allowed it" : "");
    EXPECT(run, a == addr, "%s [%s]: state->fault_addr should be the address accessed, 0x%llx; "
           "saw 0x%llx", what, step, addr, a);
    EXPECT(run, acc == access, "%s [%s]: state->fault_access should be %s (%lld); saw %lld (%s)",
           what, step, access_name(access), access, acc, access_name(acc));
}

/* The fault's status says what kind of fault it was. */
static void expect_status(const struct systest_run *run, const char *step, enum fault_kind kind,
                          const char *what) {
    long long fs = field(run, step, "status") & FS_MASK;
    if (kind == TRANSLATION)
        EXPECT(run, fs == 0x5 || fs == 0x7, "%s [%s]: nothing is mapped there, so the status "
               "should be a translation fault (0x5 or 0x7), saw 0x%llx", what, step, fs);
    else
        EXPECT(run, fs == 0xd || fs == 0xf, "%s [%s]: the page is mapped without that right, so "
               "the status should be a permission fault (0xd or 0xf), saw 0x%llx", what, step, fs);
}

/* A hypercall's result. */
static void expect_rc(const struct systest_run *run, const char *key, long long want,
                      const char *what) {
    long long got = RESULT(run, VM, key);
    char w[48], g[48];
    EXPECT(run, got == want, "%s ('%s'): expected %s, saw %s", what, key,
           systest_describe(want, w, sizeof w), systest_describe(got, g, sizeof g));
}

static void expect_zero(const struct systest_run *run, const char *key, const char *what) {
    expect_rc(run, key, 0, what);
}

/* Result key is the index of the first byte that is not what it should be (-1: none). */
static void expect_same_bytes(const struct systest_run *run, const char *key, const char *what) {
    long long at = RESULT(run, VM, key);
    EXPECT(run, at == -1, "%s ('%s'): byte %lld (from 0) is wrong", what, key, at);
}

static void expect_word(const struct systest_run *run, const char *key, long long want,
                        const char *what) {
    long long got = RESULT(run, VM, key);
    EXPECT(run, got == want, "%s ('%s'): expected 0x%llx, saw 0x%llx", what, key, want, got);
}

/* The contexts exist and the user code is mapped: what every other step relies on. */
static void expect_setup(const struct systest_run *run) {
    expect_zero(run, "set_entry", "registering the upcall entry");
    long long a = RESULT(run, VM, "ctx_a"), b = RESULT(run, VM, "ctx_b");
    EXPECT(run, a >= 1 && a <= 4 && b >= 1 && b <= 4 && a != b, "two MV_HC_CTX_CREATE calls "
           "(quota 4) should return two different indexes in 1..4, saw %lld and %lld", a, b);
    expect_zero(run, "code_map_a", "mapping the user code into context A");
    expect_zero(run, "code_map_b", "mapping the user code into context B");
    expect_zero(run, "switch_a", "switching to context A");
}

START_TEST(lab2_sys_map_access) {
    const struct systest_run *run = systest_run(SYSTEM);
    expect_setup(run);
    expect_zero(run, "access_map_rw", "mapping a frame read-write at 0x40000000");
    expect_zero(run, "access_map_ro", "mapping a frame read-only at 0x40002000");
    const char *what = "user code reading two words and a read-only word, then writing two";
    expect_ran(run, "access", what);
    expect_r4(run, "access", V_RW0, "the first word the kernel put in the read-write frame");
    expect_word(run, "access_r5", V_RW1, "the second word of the read-write frame, as loaded");
    expect_word(run, "access_r6", V_RO, "the word of the read-only frame, as loaded");
    expect_word(run, "access_mem0", V_NEW0, "the frame's first word after the user wrote it");
    expect_word(run, "access_mem1", V_NEW1, "the frame's second word after the user wrote it");
}
END_TEST

START_TEST(lab2_sys_faults) {
    const struct systest_run *run = systest_run(SYSTEM);
    long long load = RESULT(run, VM, "label_load"), store = RESULT(run, VM, "label_store");
    const char *what = "a load from an unmapped page";
    expect_fault(run, "rd_fault", MV_CAUSE_DABT, RD_VA + 0x24, MV_MAP_READ, what);
    expect_status(run, "rd_fault", TRANSLATION, what);
    EXPECT(run, field(run, "rd_fault", "pc") == load, "%s: state->user.pc should be the "
           "faulting ldr (0x%llx), saw 0x%llx", what, load, field(run, "rd_fault", "pc"));
    expect_zero(run, "rd_map", "mapping the page after the read fault");
    expect_ran(run, "rd_retry", "the load, retried after the page was mapped");
    expect_r4(run, "rd_retry", V_DEMAND, "the load, retried after the page was mapped");

    what = "a store to an unmapped page";
    expect_fault(run, "wr_fault", MV_CAUSE_DABT, WR_VA + 0x30, MV_MAP_WRITE, what);
    expect_status(run, "wr_fault", TRANSLATION, what);
    EXPECT(run, field(run, "wr_fault", "pc") == store, "%s: state->user.pc should be the "
           "faulting str (0x%llx), saw 0x%llx", what, store, field(run, "wr_fault", "pc"));
    expect_zero(run, "wr_map", "mapping the page after the write fault");
    expect_ran(run, "wr_retry", "the store, retried after the page was mapped");
    expect_word(run, "wr_mem", V_STORE, "the frame after the retried store");

    what = "a store to a read-only page (after a load from it)";
    expect_zero(run, "ro_map", "mapping a frame read-only");
    expect_fault(run, "ro_fault", MV_CAUSE_DABT, ROW_VA + 0x40, MV_MAP_WRITE, what);
    expect_status(run, "ro_fault", PERMISSION, what);
    EXPECT_RESULTS_EQUAL(run, VM, "ro_fault_pc", "label_touch_store");
    expect_r4(run, "ro_fault", V_RO_OLD, "the load from the read-only page");
    expect_word(run, "ro_mem_before", V_RO_OLD, "the read-only frame after the refused store");
    expect_zero(run, "ro_remap", "mapping the page again, read-write");
    expect_ran(run, "ro_retry", "the store, retried after the page was made writable");
    expect_word(run, "ro_mem_after", V_RO_NEW, "the frame after the retried store");

    what = "executing from a page mapped without MV_MAP_EXEC";
    long long nx_pc = RESULT(run, VM, "nx_pc");
    expect_zero(run, "nx_map", "mapping the code page readable, not executable");
    expect_fault(run, "nx_fault", MV_CAUSE_PABT, nx_pc, MV_MAP_EXEC, what);
    expect_status(run, "nx_fault", PERMISSION, what);
    EXPECT_RESULTS_EQUAL(run, VM, "nx_fault_pc", "nx_pc");
    expect_zero(run, "nx_remap", "mapping the code page again, executable");
    expect_ran(run, "nx_retry", "the code, resumed after its page was made executable");
    expect_r4(run, "nx_retry", USER_MARKER, "the code, resumed after its page was made executable");
}
END_TEST

START_TEST(lab2_sys_isolation) {
    const struct systest_run *run = systest_run(SYSTEM);
    expect_zero(run, "iso_map_a", "mapping 0x4000c000 in context A");
    expect_zero(run, "iso_map_b", "mapping 0x4000c000 in context B, to another frame");
    expect_ran(run, "iso_a1", "context A loading 0x4000c000");
    expect_r4(run, "iso_a1", V_ISO_A, "context A loading 0x4000c000 (its own frame)");
    expect_zero(run, "iso_switch_b", "switching to context B");
    expect_ran(run, "iso_b1", "context B loading 0x4000c000");
    expect_r4(run, "iso_b1", V_ISO_B, "context B loading the same VA: it must see its own frame");
    expect_zero(run, "iso_switch_a", "switching back to context A");
    expect_ran(run, "iso_a2", "context A loading 0x4000c000 again");
    expect_r4(run, "iso_a2", V_ISO_A, "context A again: switching back must show A's frame");

    /* Each removal below comes right after the user code used the page. (Under QEMU a
     * missing TLB invalidation cannot show here: QEMU drops its whole TLB whenever the ASID
     * changes, as it does at every upcall; lab2_unit_tlb_maintenance checks that part.) */
    expect_zero(run, "iso_flush_range", "MV_HC_VMMU_FLUSH of one page of context A");
    expect_fault(run, "iso_a_flushed", MV_CAUSE_DABT, ISO_VA, MV_MAP_READ,
                 "a load right after its page was flushed (range)");
    expect_zero(run, "iso_switch_b2", "switching to context B");
    expect_ran(run, "iso_b2", "context B loading 0x4000c000 before the flush");
    expect_zero(run, "iso_flush_all", "MV_HC_VMMU_FLUSH of all of context B (len 0)");
    long long load = RESULT(run, VM, "label_load");
    expect_fault(run, "iso_b_flushed", MV_CAUSE_PABT, load, MV_MAP_EXEC,
                 "running context B after it was flushed whole (its code is gone too)");
    expect_zero(run, "iso_code_b", "mapping the user code into context B again");
    expect_fault(run, "iso_b_data_gone", MV_CAUSE_DABT, ISO_VA, MV_MAP_READ,
                 "a load in context B after the whole flush (only the code was mapped again)");

    expect_zero(run, "iso_remap_a", "mapping 0x4000c000 in context A again");
    expect_ran(run, "iso_a3", "context A loading its remapped page");
    expect_r4(run, "iso_a3", V_ISO_A, "context A loading its remapped page");
    expect_zero(run, "iso_unmap", "MV_HC_VMMU_UNMAP in context A");
    expect_fault(run, "iso_a_unmapped", MV_CAUSE_DABT, ISO_VA, MV_MAP_READ,
                 "a load right after its page was unmapped");

    /* Contexts are named by index: one that does not exist, or is in use, is refused. */
    expect_rc(run, "iso_switch_unused", MV_EINVAL, "switching to a context never created");
    expect_rc(run, "iso_map_unused", MV_EINVAL, "mapping into a context never created");
    expect_rc(run, "iso_destroy_busy", MV_EBUSY, "destroying the context this vCPU runs in");
    expect_zero(run, "iso_switch_b3", "switching away from context A");
    expect_zero(run, "iso_destroy", "destroying context A once no vCPU runs in it");
    expect_rc(run, "iso_map_destroyed", MV_EINVAL, "mapping into the destroyed context");
}
END_TEST

START_TEST(lab2_sys_kernel_hidden) {
    const struct systest_run *run = systest_run(SYSTEM);
    long long secret = RESULT(run, VM, "hid_secret_va");
    expect_fault(run, "hid_kread", MV_CAUSE_DABT, secret, MV_MAP_READ,
                 "user code loading guest-kernel data (never mapped in its context)");
    expect_fault(run, "hid_kwrite", MV_CAUSE_DABT, secret, MV_MAP_WRITE,
                 "user code storing to guest-kernel data");
    expect_word(run, "hid_secret_after", V_SECRET, "the guest-kernel data after the user's store");
    expect_fault(run, "hid_sread", MV_CAUSE_DABT, MV_STATE_VA(0), MV_MAP_READ,
                 "user code loading from the state page");
    expect_fault(run, "hid_swrite", MV_CAUSE_DABT, MV_STATE_VA(0), MV_MAP_WRITE,
                 "user code storing to the state page's magic");
    expect_word(run, "hid_magic_after", MV_STATE_MAGIC, "the state page's magic after that store");
    /* No process context: user mode must not run at all, in particular not in context 0. */
    expect_zero(run, "hid_switch_none", "MV_HC_CTX_SWITCH to MV_CTX_KERNEL (no process)");
    long long rc = field(run, "hid_none", "rc"), cause = field(run, "hid_none", "cause");
    EXPECT(run, rc == MV_EBUSY && cause == MV_CAUSE_NONE, "MV_HC_RESUME_USER with no process "
           "context should fail with MV_EBUSY (-8) and run no user code; saw rc %lld and a "
           "%s upcall", rc, cause_name(cause));
    expect_zero(run, "hid_switch_back", "switching back to context A");
}
END_TEST

START_TEST(lab2_sys_bad_pointer) {
    const struct systest_run *run = systest_run(SYSTEM);
    expect_zero(run, "cp_map", "mapping the copy test's pages");
    expect_zero(run, "cp_from_rc", "mv_copy_from_ctx of 64 mapped bytes");
    expect_same_bytes(run, "cp_from_diff", "the bytes copied from the context");
    expect_zero(run, "cp_to_rc", "mv_copy_to_ctx of 64 bytes to a writable page");
    expect_same_bytes(run, "cp_to_diff", "the bytes copied into the context's frame");
    expect_zero(run, "cp_span_rc", "mv_copy_from_ctx across a page boundary");
    expect_same_bytes(run, "cp_span_diff_lo", "the bytes copied from the first page");
    expect_same_bytes(run, "cp_span_diff_hi", "the bytes copied from the second page (its "
                      "frame is not the next one: each page must be translated)");

    /* A bad process pointer: MV_EFAULT, *bad names the first bad page, nothing moves. */
    const char *what = "mv_copy_from_ctx of 64 bytes, the last 48 in an unmapped page";
    expect_rc(run, "cp_from_cross_rc", MV_EFAULT, what);
    expect_word(run, "cp_from_cross_bad", CP_VA + PAGE, "*bad: the unmapped page's first address");
    expect_same_bytes(run, "cp_from_cross_changed", "the kernel buffer, which must be untouched");
    what = "mv_copy_to_ctx of 64 bytes, the last 48 in an unmapped page";
    expect_rc(run, "cp_to_cross_rc", MV_EFAULT, what);
    expect_word(run, "cp_to_cross_bad", CP_VA + PAGE, "*bad: the unmapped page's first address");
    expect_same_bytes(run, "cp_to_cross_changed", "the mapped part of the destination, which "
                      "must be untouched (all or nothing)");
    what = "mv_copy_to_ctx of 64 bytes, the last 48 in a read-only page";
    expect_rc(run, "cp_to_ro_rc", MV_EFAULT, what);
    expect_word(run, "cp_to_ro_bad", CPW_VA + PAGE, "*bad: the read-only page's first address");
    expect_same_bytes(run, "cp_to_ro_changed", "the destination, which must be untouched");

    /* A bad kernel buffer is the guest kernel's own bug: MV_EINVAL, not MV_EFAULT. */
    expect_rc(run, "cp_from_khole", MV_EINVAL, "mv_copy_from_ctx into an unmapped kernel buffer");
    expect_rc(run, "cp_to_khole", MV_EINVAL, "mv_copy_to_ctx from an unmapped kernel buffer");
    expect_rc(run, "cp_from_kro", MV_EINVAL, "mv_copy_from_ctx into a read-only kernel buffer");
    expect_rc(run, "cp_kro_changed", 0, "whether that read-only kernel buffer changed");
    expect_zero(run, "cp_max_rc", "a copy of exactly MV_COPY_MAX bytes");
    expect_rc(run, "cp_from_long", MV_ERANGE, "mv_copy_from_ctx of MV_COPY_MAX + 1 bytes");
    expect_rc(run, "cp_to_long", MV_ERANGE, "mv_copy_to_ctx of MV_COPY_MAX + 1 bytes");
    expect_rc(run, "cp_ctx_unused", MV_EINVAL, "a copy from a context never created");
    expect_rc(run, "cp_ctx_beyond", MV_EINVAL, "a copy from context 99 (the quota is 4)");

    /* None of it hurt the VM: it went on to the end and exited normally. */
    EXPECT_RESULT(run, VM, "done", 1);
    systest_expect_stopped(run, VM, 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_vmmu(void) {
    Suite *s = suite_create("vmmu");
    systest_add(s, "lab2_sys_map_access", TAGS, lab2_sys_map_access, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab2_sys_faults", TAGS, lab2_sys_faults, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab2_sys_isolation", TAGS, lab2_sys_isolation, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab2_sys_kernel_hidden", TAGS, lab2_sys_kernel_hidden, SYSTEST_TIMEOUT_S);
    systest_add(s, "lab2_sys_bad_pointer", TAGS, lab2_sys_bad_pointer, SYSTEST_TIMEOUT_S);
    return s;
}
