/*
 * sc_vmmu.c - scenario of system test_vmmu: a small guest kernel that runs user code in
 * process contexts, to see the vMMU from the user's side and from the kernel's.
 *
 * main() creates two process contexts, A and B, and maps the user code (the Thumb
 * routines below, alone in their own pages) into both, readable and executable. Then it
 * runs one routine at a time in guest-user mode. run_user() puts the registers in the
 * state page and resumes user mode; the routine ends in an `svc` or faults on the way,
 * and either way the upcall handler records the state page and longjmp()s back into
 * run_user(). So each step reads as a plain function call that returns "how the trip to
 * user mode ended" (struct trip), and a fault can be fixed and resumed (resume()).
 *
 * The steps, by graded test (autograder/tests/system/test_vmmu.c decides what is right):
 *   access_*       mapped pages read and write as mapped          lab2_sys_map_access
 *   rd_ wr_ ro_ nx_*  faults, each fixed by a mapping and retried  lab2_sys_faults
 *   hid_*          guest-kernel memory and the state page          lab2_sys_kernel_hidden
 *   cp_*           copies between a context and the kernel        lab2_sys_bad_pointer
 *   iso_*          two contexts, flush, unmap, destroy             lab2_sys_isolation
 * Each trip reports <step>_rc (0, or why the resume was refused), _cause, _pc, _addr,
 * _access, _status and _r4 (what the user code loaded); other keys are memory the kernel
 * read afterwards or hypercall results.
 */
#include <setjmp.h>
#include <string.h>
#include "scenario_guest.h"

#define PSR_T 0x20u
#define MODE_USR 0x10u
#define MAP_RW (MV_MAP_READ | MV_MAP_WRITE)
#define MAP_RX (MV_MAP_READ | MV_MAP_EXEC)

#include "sc_vmmu.h"
#define KERNEL_HOLE 0x30000000u   /* mapped in no space at all */
#define KERNEL_RO_VA 0x30100000u  /* mapped read-only in the guest kernel's space */

/* Guest-physical pages ("frames") for the user mappings. The guest kernel's space maps
 * its RAM at the identity, so a frame's address is its guest-physical address and the
 * kernel can see through it what the user code did. */
enum { F_RW, F_RO, F_RD, F_WR, F_ROW, F_ISO_A, F_ISO_B, F_CP, F_CPW, F_CPRO, F_SPAN0, F_GAP,
       F_SPAN1, F_KRO, NFRAMES };
static uint32_t frame[NFRAMES][PAGE / 4] __attribute__((aligned(PAGE)));
#define GPA(f) ((uint32_t)frame[f])
#define BYTES(f) ((uint8_t *)frame[f])
static uint8_t big[MV_COPY_MAX + PAGE] __attribute__((aligned(PAGE)));
/* Ordinary guest-kernel data, in no frame: no context ever maps it. */
static uint32_t kernel_secret[4] = {V_SECRET, V_SECRET, V_SECRET, V_SECRET};

/* The user code. Page-aligned and padded to a page, so mapping it gives a process these
 * routines and nothing of the guest kernel. Each routine ends in svc #0 (an upcall). */
extern const char user_code[], user_code_end[], user_load[], user_store[], user_swap[],
    user_touch[], user_touch_store[], user_marker[];
__asm__(".pushsection .text.user_code, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n   .p2align 12\n"
        "   .global user_code, user_code_end, user_load, user_store, user_swap\n"
        "   .global user_touch, user_touch_store, user_marker\n"
        "user_code:\n"
        "user_load:\n"                     /* r4 = [r0] */
        "   ldr r4, [r0]\n   svc #0\n"
        "user_store:\n"                    /* [r0] = r2 */
        "   str r2, [r0]\n   svc #0\n"
        "user_swap:\n"                     /* read [r0], [r0+4] and [r1]; write r2, r3 */
        "   ldr r4, [r0]\n   ldr r5, [r0, #4]\n   ldr r6, [r1]\n"
        "   str r2, [r0]\n   str r3, [r0, #4]\n   svc #0\n"
        "user_touch:\n"                    /* r4 = [r0], then [r0] = r2 */
        "   ldr r4, [r0]\n"
        "user_touch_store:\n"
        "   str r2, [r0]\n   svc #0\n"
        "user_marker:\n"                   /* touches no data: r4 = 0x5a */
        "   movs r4, #0x5a\n   svc #0\n"
        "   .p2align 12\n"
        "user_code_end:\n"
        "   .popsection\n");

/* How a trip to guest-user mode ended: the state page at the upcall. */
struct trip {
    int32_t rc;   /* 0; or the error when the microvisor refused to resume (no upcall) */
    uint32_t cause, pc, addr, access, status, r4, r5, r6;
};

static jmp_buf in_kernel;   /* where resume() waits for the upcall */
static struct trip last;
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));
static uint32_t ctx_a, ctx_b;

/* The upcall entry (on upcall_stack): note what happened and go back to the resume() that
 * left guest-kernel mode. Its frame on the main stack is intact: the upcall stack is
 * another one, and nothing runs on the main stack while user code runs. */
static void upcall(uint32_t cause, struct mv_state *s) {
    (void)cause;   /* the same as s->cause (test_upcall checks that) */
    last = (struct trip){0, s->cause, s->user.pc, s->fault_addr, s->fault_access,
                         s->fault_status, s->user.r[4], s->user.r[5], s->user.r[6]};
    longjmp(in_kernel, 1);
}

/* The hypercall out of line: its register variables must not live in resume(), where
 * longjmp() could clobber them. Returns only when the microvisor refuses. */
static __attribute__((noinline)) int32_t leave_kernel(void) { return mv_resume_user(); }

/* Continue guest-user mode from the state page's registers, until the next upcall. After
 * an abort, state->user.pc is the faulting instruction: resuming retries it. */
static struct trip resume(void) {
    if (!setjmp(in_kernel))
        return (struct trip){.rc = leave_kernel()};
    return last;
}

/* Run the user routine at @pc (a Thumb label) of the current context with r0..r3. */
static struct trip run_user(const char *pc, uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3) {
    mv_state_page(0)->user = (struct mv_regs){.r = {r0, r1, r2, r3}, .pc = (uint32_t)pc,
                                              .cpsr = PSR_T | MODE_USR};
    return resume();
}

static void report(const char *step, struct trip t) {
    char key[40];
#define FIELD(name, value) (snprintf(key, sizeof key, "%s_" name, step), sg_hex(key, (value)))
    snprintf(key, sizeof key, "%s_rc", step);
    sg_int(key, t.rc);
    FIELD("cause", t.cause);
    FIELD("pc", t.pc);
    FIELD("addr", t.addr);
    FIELD("access", t.access);
    FIELD("status", t.status);
    FIELD("r4", t.r4);
#undef FIELD
}

/* Index of the first byte where a and b differ, or -1. */
static int32_t first_diff(const void *a, const void *b, uint32_t n) {
    const uint8_t *x = a, *y = b;
    for (uint32_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return (int32_t)i;
    return -1;
}

static void fill(void *p, uint8_t seed, uint32_t n) {
    for (uint32_t i = 0; i < n; i++)
        ((uint8_t *)p)[i] = (uint8_t)(seed + 7u * i);
}

static void setup(void) {
    sg_int("set_entry", mv_set_entry(upcall, upcall_stack + sizeof upcall_stack));
    int32_t a = mv_ctx_create(), b = mv_ctx_create();
    sg_int("ctx_a", a);
    sg_int("ctx_b", b);
    if (a <= 0 || b <= 0)
        mv_vm_exit(2);   /* no process contexts: no step below could run */
    ctx_a = (uint32_t)a, ctx_b = (uint32_t)b;
    sg_int("code_map_a", mv_ctx_map_same(ctx_a, user_code, user_code_end, MAP_RX));
    sg_int("code_map_b", mv_ctx_map_same(ctx_b, user_code, user_code_end, MAP_RX));
    sg_int("switch_a", mv_ctx_switch(ctx_a));
    sg_hex("label_load", (uint32_t)user_load);
    sg_hex("label_store", (uint32_t)user_store);
    sg_hex("label_touch_store", (uint32_t)user_touch_store);
}

/* The kernel plants values in two frames, maps them at other addresses, and the user code
 * reads them and writes new ones: the kernel must then see those in the frame. */
static void map_access(void) {
    frame[F_RW][4] = V_RW0, frame[F_RW][5] = V_RW1, frame[F_RO][8] = V_RO;
    sg_int("access_map_rw", mv_ctx_map(ctx_a, RW_VA, GPA(F_RW), MAP_RW));
    sg_int("access_map_ro", mv_ctx_map(ctx_a, RO_VA, GPA(F_RO), MV_MAP_READ));
    struct trip t = run_user(user_swap, RW_VA + 0x10, RO_VA + 0x20, V_NEW0, V_NEW1);
    report("access", t);
    sg_hex("access_r5", t.r5);
    sg_hex("access_r6", t.r6);
    sg_hex("access_mem0", frame[F_RW][4]);
    sg_hex("access_mem1", frame[F_RW][5]);
}

/* Four faults, each fixed the way a guest OS pages on demand: map, then resume. */
static void faults(void) {
    frame[F_RD][9] = V_DEMAND;
    report("rd_fault", run_user(user_load, RD_VA + 0x24, 0, 0, 0));
    sg_int("rd_map", mv_ctx_map(ctx_a, RD_VA, GPA(F_RD), MAP_RW));
    report("rd_retry", resume());

    report("wr_fault", run_user(user_store, WR_VA + 0x30, 0, V_STORE, 0));
    sg_int("wr_map", mv_ctx_map(ctx_a, WR_VA, GPA(F_WR), MAP_RW));
    report("wr_retry", resume());
    sg_hex("wr_mem", frame[F_WR][12]);

    /* read-only: the load works, the store faults; a read-write mapping replaces it */
    frame[F_ROW][16] = V_RO_OLD;
    sg_int("ro_map", mv_ctx_map(ctx_a, ROW_VA, GPA(F_ROW), MV_MAP_READ));
    report("ro_fault", run_user(user_touch, ROW_VA + 0x40, 0, V_RO_NEW, 0));
    sg_hex("ro_mem_before", frame[F_ROW][16]);
    sg_int("ro_remap", mv_ctx_map(ctx_a, ROW_VA, GPA(F_ROW), MAP_RW));
    report("ro_retry", resume());
    sg_hex("ro_mem_after", frame[F_ROW][16]);

    /* the user code's page at a second address, readable but not executable */
    const char *nx_pc = (const char *)(NX_VA + (uint32_t)(user_marker - user_code));
    sg_hex("nx_pc", (uint32_t)nx_pc);
    sg_int("nx_map", mv_ctx_map(ctx_a, NX_VA, (uint32_t)user_code, MV_MAP_READ));
    report("nx_fault", run_user(nx_pc, 0, 0, 0, 0));
    sg_int("nx_remap", mv_ctx_map(ctx_a, NX_VA, (uint32_t)user_code, MAP_RX));
    report("nx_retry", resume());
}

/* User code pokes at what only the guest kernel may see. */
static void kernel_hidden(void) {
    uint32_t secret = (uint32_t)&kernel_secret[1], state = MV_STATE_VA(0);
    sg_hex("hid_secret_va", secret);
    report("hid_kread", run_user(user_load, secret, 0, 0, 0));
    report("hid_kwrite", run_user(user_store, secret, 0, V_INTRUDER, 0));
    sg_hex("hid_secret_after", kernel_secret[1]);
    report("hid_sread", run_user(user_load, state, 0, 0, 0));
    report("hid_swrite", run_user(user_store, state, 0, V_INTRUDER, 0));   /* its magic */
    sg_hex("hid_magic_after", mv_state_page(0)->magic);
    /* With no process context, user mode must not run at all (not in the kernel's space). */
    sg_int("hid_switch_none", mv_ctx_switch(MV_CTX_KERNEL));
    report("hid_none", run_user(user_store, state, 0, V_INTRUDER, 0));
    sg_int("hid_switch_back", mv_ctx_switch(ctx_a));
}

static void copy_map(void) {
    int32_t rc = mv_ctx_map(ctx_a, CP_VA, GPA(F_CP), MAP_RW);
    rc = rc ? rc : mv_ctx_map(ctx_a, CPW_VA, GPA(F_CPW), MAP_RW);
    rc = rc ? rc : mv_ctx_map(ctx_a, CPW_VA + PAGE, GPA(F_CPRO), MV_MAP_READ);
    rc = rc ? rc : mv_ctx_map(ctx_a, SPAN_VA, GPA(F_SPAN0), MAP_RW);
    rc = rc ? rc : mv_ctx_map(ctx_a, SPAN_VA + PAGE, GPA(F_SPAN1), MAP_RW);
    for (uint32_t off = 0; !rc && off < sizeof big; off += PAGE)
        rc = mv_ctx_map(ctx_a, BIG_VA + off, (uint32_t)big + off, MAP_RW);
    rc = rc ? rc : mv_vmmu_map(KERNEL_RO_VA, GPA(F_KRO), MV_MAP_READ);
    sg_int("cp_map", rc);
    for (uint32_t f = F_CP; f <= F_KRO; f++)
        fill(frame[f], (uint8_t)(0x10 * f), PAGE);
}

/* Good copies: the bytes arrive, also across a page boundary of the context. */
static void copy_good(void) {
    uint8_t buf[64];
    sg_int("cp_from_rc", mv_copy_from_ctx(ctx_a, buf, CP_VA + 0x100, 64, NULL));
    sg_int("cp_from_diff", first_diff(buf, BYTES(F_CP) + 0x100, 64));
    fill(buf, 0x40, 64);
    sg_int("cp_to_rc", mv_copy_to_ctx(ctx_a, CP_VA + 0x200, buf, 64, NULL));
    sg_int("cp_to_diff", first_diff(buf, BYTES(F_CP) + 0x200, 64));
    sg_int("cp_span_rc", mv_copy_from_ctx(ctx_a, buf, SPAN_VA + PAGE - 32, 64, NULL));
    sg_int("cp_span_diff_lo", first_diff(buf, BYTES(F_SPAN0) + PAGE - 32, 32));
    sg_int("cp_span_diff_hi", first_diff(buf + 32, BYTES(F_SPAN1), 32));
}

/* Ranges that start in a good page and run into a bad one: all or nothing. */
static void copy_cross(void) {
    uint8_t buf[64], before[64];
    uint32_t bad = 0;
    memset(buf, 0xee, sizeof buf);
    memcpy(before, buf, sizeof buf);
    sg_int("cp_from_cross_rc", mv_copy_from_ctx(ctx_a, buf, CP_VA + PAGE - 16, 64, &bad));
    sg_hex("cp_from_cross_bad", bad);
    sg_int("cp_from_cross_changed", first_diff(buf, before, sizeof buf));

    memcpy(before, BYTES(F_CP) + PAGE - 16, 16);   /* the part that is mapped */
    fill(buf, 0x90, sizeof buf), bad = 0;
    sg_int("cp_to_cross_rc", mv_copy_to_ctx(ctx_a, CP_VA + PAGE - 16, buf, 64, &bad));
    sg_hex("cp_to_cross_bad", bad);
    sg_int("cp_to_cross_changed", first_diff(BYTES(F_CP) + PAGE - 16, before, 16));

    /* writable, then read-only (F_CPW and F_CPRO are adjacent: one piece for the kernel) */
    memcpy(before, BYTES(F_CPW) + PAGE - 16, 64);
    bad = 0;
    sg_int("cp_to_ro_rc", mv_copy_to_ctx(ctx_a, CPW_VA + PAGE - 16, buf, 64, &bad));
    sg_hex("cp_to_ro_bad", bad);
    sg_int("cp_to_ro_changed", first_diff(BYTES(F_CPW) + PAGE - 16, before, 64));
}

/* The guest kernel's own mistakes: its buffer, the length, the context number. */
static void copy_errors(void) {
    uint8_t buf[16];
    uint8_t before = BYTES(F_KRO)[0];
    sg_int("cp_from_khole", mv_copy_from_ctx(ctx_a, (void *)KERNEL_HOLE, CP_VA, 16, NULL));
    sg_int("cp_to_khole", mv_copy_to_ctx(ctx_a, CP_VA, (void *)KERNEL_HOLE, 16, NULL));
    sg_int("cp_from_kro", mv_copy_from_ctx(ctx_a, (void *)KERNEL_RO_VA, CP_VA, 16, NULL));
    sg_int("cp_kro_changed", BYTES(F_KRO)[0] != before);
    sg_int("cp_max_rc", mv_copy_from_ctx(ctx_a, big, BIG_VA, MV_COPY_MAX, NULL));
    sg_int("cp_from_long", mv_copy_from_ctx(ctx_a, big, BIG_VA, MV_COPY_MAX + 1, NULL));
    sg_int("cp_to_long", mv_copy_to_ctx(ctx_a, BIG_VA, big, MV_COPY_MAX + 1, NULL));
    uint32_t unused = 1;   /* a context index within the quota that was never created */
    while (unused == ctx_a || unused == ctx_b)
        unused++;
    sg_int("cp_ctx_unused", mv_copy_from_ctx(unused, buf, CP_VA, 16, NULL));
    sg_int("cp_ctx_beyond", mv_copy_from_ctx(99, buf, CP_VA, 16, NULL));
}

/* Two contexts, one VA, two frames; then the ways a mapping goes away. Each removal comes
 * right after the user code used the page: on hardware, a TLB entry left behind would
 * still translate. */
static void isolation(void) {
    frame[F_ISO_A][0] = V_ISO_A, frame[F_ISO_B][0] = V_ISO_B;
    sg_int("iso_map_a", mv_ctx_map(ctx_a, ISO_VA, GPA(F_ISO_A), MAP_RW));
    sg_int("iso_map_b", mv_ctx_map(ctx_b, ISO_VA, GPA(F_ISO_B), MAP_RW));
    report("iso_a1", run_user(user_load, ISO_VA, 0, 0, 0));
    sg_int("iso_switch_b", mv_ctx_switch(ctx_b));
    report("iso_b1", run_user(user_load, ISO_VA, 0, 0, 0));
    sg_int("iso_switch_a", mv_ctx_switch(ctx_a));
    report("iso_a2", run_user(user_load, ISO_VA, 0, 0, 0));
    sg_int("iso_flush_range", mv_vmmu_flush(ctx_a, ISO_VA, PAGE));
    report("iso_a_flushed", run_user(user_load, ISO_VA, 0, 0, 0));

    sg_int("iso_switch_b2", mv_ctx_switch(ctx_b));
    report("iso_b2", run_user(user_load, ISO_VA, 0, 0, 0));
    sg_int("iso_flush_all", mv_vmmu_flush(ctx_b, 0, 0));   /* the code goes too */
    report("iso_b_flushed", run_user(user_load, ISO_VA, 0, 0, 0));
    sg_int("iso_code_b", mv_ctx_map_same(ctx_b, user_code, user_code_end, MAP_RX));
    report("iso_b_data_gone", run_user(user_load, ISO_VA, 0, 0, 0));

    sg_int("iso_switch_a3", mv_ctx_switch(ctx_a));
    sg_int("iso_remap_a", mv_ctx_map(ctx_a, ISO_VA, GPA(F_ISO_A), MAP_RW));
    report("iso_a3", run_user(user_load, ISO_VA, 0, 0, 0));
    sg_int("iso_unmap", mv_ctx_unmap(ctx_a, ISO_VA));
    report("iso_a_unmapped", run_user(user_load, ISO_VA, 0, 0, 0));

    uint32_t unused = 1;
    while (unused == ctx_a || unused == ctx_b)
        unused++;
    sg_int("iso_switch_unused", mv_ctx_switch(unused));
    sg_int("iso_map_unused", mv_ctx_map(unused, ISO_VA, GPA(F_ISO_A), MAP_RW));
    sg_int("iso_destroy_busy", mv_ctx_destroy(ctx_a));   /* this running vCPU's context */
    sg_int("iso_switch_b3", mv_ctx_switch(ctx_b));
    sg_int("iso_destroy", mv_ctx_destroy(ctx_a));
    sg_int("iso_map_destroyed", mv_ctx_map(ctx_a, ISO_VA, GPA(F_ISO_A), MAP_RW));
}

int main(void) {
    setup();
    map_access();
    faults();
    kernel_hidden();
    copy_map();
    copy_good();
    copy_cross();
    copy_errors();
    isolation();   /* last: it destroys context A */
    sg_int("done", 1);
    mv_vm_exit(0);
}
