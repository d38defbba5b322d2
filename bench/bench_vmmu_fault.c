/*
 * bench_vmmu_fault.c - the round trip of a page fault in a guest process, measured from
 * the process itself:
 *
 *     user:   t0 = cycles; ldr (page not mapped)            --- the window ---
 *     vMMU:   data abort -> upcall (MV_CAUSE_DABT, fault_addr)
 *     guest kernel: mv_ctx_map(ctx, page, ...); mv_resume_user()
 *     user:   the ldr executes again and completes; t1 = cycles
 *
 * The user loop (assembly below, so nothing but the load sits between the two counter
 * reads) stores t1 - t0 for each sample, then asks the guest kernel with an `svc` to unmap
 * the page again, outside the window, so the next sample faults too. The page's section
 * keeps its level-2 table (it is mapped once before measuring), so the samples are the
 * common case: a TLB refill, no table to allocate. The figure is the median minus the two
 * counter reads: the load itself, the microvisor's part (abort entry, upcall, the map and
 * resume hypercalls, two address-space switches) and the guest kernel's handler, which
 * here does nothing but map: a real one would also look the address up in its own tables.
 */
#include "bench.h"

#define TARGET_INSTRUCTIONS 600u
#define MODE_USR 0x10u
#define PSR_T 0x20u
#define FAULT_VA 0x00400000u   /* in the process context: a section of its own */
#define SYS_UNMAP 1u           /* the user loop's svc numbers (r7) */
#define SYS_DONE 2u

/* The user loop: r4 = the faulting address, r5 = where the samples go, r6 = how many. */
extern const char user_loop[], user_loop_end[];
__asm__(".pushsection .text.user_loop, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n   .balign 4\n"
        "   .global user_loop, user_loop_end\n"
        "user_loop:\n"
        "   mrc p15, 0, r0, c9, c13, 0\n"   /* t0 */
        "   ldr r2, [r4]\n"                 /* faults: the page is not mapped */
        "   mrc p15, 0, r1, c9, c13, 0\n"   /* t1 */
        "   subs r1, r1, r0\n"
        "   str r1, [r5], #4\n"
        "   movs r7, #1\n"                  /* SYS_UNMAP */
        "   svc #0\n"
        "   subs r6, r6, #1\n"
        "   bne user_loop\n"
        "   movs r7, #2\n"                  /* SYS_DONE */
        "   svc #0\n"
        "   b .\n"
        "user_loop_end:\n"
        "   .popsection\n");

static uint8_t target[MV_PAGE_SIZE] __attribute__((aligned(MV_PAGE_SIZE)));   /* what FAULT_VA maps */
static uint32_t samples[BENCH_SAMPLES] __attribute__((aligned(MV_PAGE_SIZE)));
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));
static uint32_t ctx;

static void __attribute__((noreturn)) finish(void) {
    uint32_t fault = bench_median(samples, BENCH_SAMPLES) - bench_counter_overhead();
    bench_report("vmmu_fault_roundtrip", fault, TARGET_INSTRUCTIONS);
    exit(0);
}

/* The guest kernel's upcall handler: page faults are mapped, and the user loop's two
 * requests served. Every path ends in mv_resume_user() or the end of the VM. */
static void __attribute__((noreturn)) upcall(uint32_t cause, struct mv_state *s) {
    int32_t rc;
    if (cause == MV_CAUSE_DABT) {
        rc = mv_ctx_map(ctx, s->fault_addr & ~(MV_PAGE_SIZE - 1u), (uint32_t)target, MV_MAP_READ);
        if (rc)
            bench_fail("mapping the faulting page", rc);
        bench_fail("mv_resume_user", mv_resume_user());
    }
    if (cause != MV_CAUSE_SYSCALL)
        bench_fail("an unexpected upcall", (int32_t)cause);
    if (s->user.r[7] == SYS_DONE)
        finish();
    if (s->user.r[7] != SYS_UNMAP)
        bench_fail("an unknown svc", (int32_t)s->user.r[7]);
    if ((rc = mv_ctx_unmap(ctx, FAULT_VA)))
        bench_fail("mv_ctx_unmap", rc);
    bench_fail("mv_resume_user", mv_resume_user());
}

int main(void) {
    int32_t rc = mv_set_entry(upcall, upcall_stack + sizeof upcall_stack);
    if (rc)
        bench_fail("mv_set_entry", rc);
    if ((rc = mv_ctx_create()) < 0)
        bench_fail("mv_ctx_create", rc);
    ctx = (uint32_t)rc;
    bench_map(ctx, user_loop, user_loop_end, MV_MAP_READ | MV_MAP_EXEC);
    bench_map(ctx, samples, samples + BENCH_SAMPLES, MV_MAP_READ | MV_MAP_WRITE);
    /* the section gets its level-2 table now, so no sample allocates one */
    if ((rc = mv_ctx_map(ctx, FAULT_VA, (uint32_t)target, MV_MAP_READ)) ||
        (rc = mv_ctx_unmap(ctx, FAULT_VA)))
        bench_fail("pre-touching the section", rc);
    if ((rc = mv_ctx_switch(ctx)))
        bench_fail("mv_ctx_switch", rc);
    struct mv_state *st = mv_state_page(0);
    st->user = (struct mv_regs){0};
    st->user.r[4] = FAULT_VA;
    st->user.r[5] = (uint32_t)samples;
    st->user.r[6] = BENCH_SAMPLES;
    st->user.pc = (uint32_t)user_loop;
    st->user.cpsr = MODE_USR | PSR_T;
    bench_fail("mv_resume_user", mv_resume_user());
}
