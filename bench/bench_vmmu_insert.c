/*
 * bench_vmmu_insert.c - the round trip of one mv_ctx_map() into a process context: the
 * guest kernel's TLB refill. The mapping replaces an existing one in a 1 MiB section that
 * already has a level-2 table, which is the common case: a guest kernel re-inserts a page
 * the vMMU forgot, or changes one. The other case, a section without a table (the vMMU
 * takes one from the VM's quota, perhaps evicting another), is kept out of the median by
 * mapping the page once before measuring.
 *
 * The context has run once before the measurement (a user stub makes an `svc` straight
 * away), so it holds a live ASID and each replacement also pays for the TLB invalidation
 * of the old translation, as it would for a process that has run. The figure is the whole
 * hypercall: trap entry, dispatch, the checks of vmmu_map(), the table write, the TLB
 * maintenance and the way back, minus the two counter reads.
 */
#include "bench.h"

#define TARGET_INSTRUCTIONS 250u
#define MODE_USR 0x10u
#define PSR_T 0x20u
#define INSERT_VA 0x00400000u   /* in the process context: a section of its own */

/* The user stub: one `svc` (an upcall) so the context runs once and gets its ASID. */
extern const char user_stub[], user_stub_end[];
__asm__(".pushsection .text.user_stub, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n   .balign 4\n"
        "   .global user_stub, user_stub_end\n"
        "user_stub:\n"
        "   svc #0\n"
        "   b .\n"
        "user_stub_end:\n"
        "   .popsection\n");

/* Two pages of the VM's RAM (guest kernel VA = guest-physical) the mapping alternates between. */
static uint8_t targets[2][MV_PAGE_SIZE] __attribute__((aligned(MV_PAGE_SIZE)));
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));
static uint32_t samples[BENCH_SAMPLES];
static uint32_t ctx;

/* Entered by the stub's `svc`: the context has been active, the guest kernel's space is
 * back. Measure here, then leave (the upcall is never resumed). */
static void __attribute__((noreturn)) upcall(uint32_t cause, struct mv_state *s) {
    (void)s;
    if (cause != MV_CAUSE_SYSCALL)
        bench_fail("the first upcall (expected an svc)", (int32_t)cause);
    int32_t rc = 0;
    for (uint32_t i = 0; i < BENCH_SAMPLES; i++) {
        uint32_t gpa = (uint32_t)targets[i & 1u];
        samples[i] = BENCH_SAMPLE(rc |= mv_ctx_map(ctx, INSERT_VA, gpa, MV_MAP_READ | MV_MAP_WRITE));
    }
    if (rc)
        bench_fail("mv_ctx_map", rc);
    uint32_t insert = bench_median(samples, BENCH_SAMPLES) - bench_counter_overhead();
    bench_report("vmmu_insert", insert, TARGET_INSTRUCTIONS);
    exit(0);
}

int main(void) {
    int32_t rc = mv_set_entry(upcall, upcall_stack + sizeof upcall_stack);
    if (rc)
        bench_fail("mv_set_entry", rc);
    rc = mv_ctx_create();
    if (rc < 0)
        bench_fail("mv_ctx_create", rc);
    ctx = (uint32_t)rc;
    uint32_t code = (uint32_t)user_stub & ~(MV_PAGE_SIZE - 1u);
    for (uint32_t p = code; p < (uint32_t)user_stub_end; p += MV_PAGE_SIZE)
        if ((rc = mv_ctx_map(ctx, p, p, MV_MAP_READ | MV_MAP_EXEC)))
            bench_fail("mapping the user stub", rc);
    /* pre-touch: the section gets its level-2 table now, not in a sample */
    if ((rc = mv_ctx_map(ctx, INSERT_VA, (uint32_t)targets[1], MV_MAP_READ | MV_MAP_WRITE)))
        bench_fail("the first mapping", rc);
    if ((rc = mv_ctx_switch(ctx)))
        bench_fail("mv_ctx_switch", rc);
    struct mv_state *st = mv_state_page(0);
    st->user = (struct mv_regs){0};
    st->user.pc = (uint32_t)user_stub;
    st->user.cpsr = MODE_USR | PSR_T;
    bench_fail("mv_resume_user", mv_resume_user());
}
