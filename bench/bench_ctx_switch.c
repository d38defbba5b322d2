/*
 * bench_ctx_switch.c - a guest kernel's process switch: process A makes an `svc`, the
 * guest kernel (in the upcall) saves A's registers, switches the vCPU to process B's MMU
 * context (mv_ctx_switch), loads B's registers into the state page and resumes it
 * (mv_resume_user). Measured from the processes themselves:
 *
 *     A:  t0 = cycles; svc                        --- the window ---
 *     microvisor: upcall (MV_CAUSE_SYSCALL) into the guest kernel's space
 *     guest kernel: save A, mv_ctx_switch(B), load B (r0 = A's r0), mv_resume_user()
 *     B:  t1 = cycles (its first instruction)    ---
 *
 * The guest kernel passes A's r0 on to B, like a message register, so B gets t0 in r0
 * and stores t1 - t0; then B switches back to A the same way (not measured). Both
 * processes are assembly, so nothing but the `svc` is in the window on the user side.
 * Each context keeps its ASID, so the switches flush nothing from the TLB. The figure is
 * the median minus the two counter reads.
 *
 * Target: 400 instructions, a goal for an optimised path, not a limit. The budget:
 *  - three entries into the microvisor (the upcall, MV_HC_CTX_SWITCH, MV_HC_RESUME_USER),
 *    each at least a null hypercall's round trip, whose goal is 100 (bench_null.c): 300;
 *  - two changes of address space (into the guest kernel's, then into B's: TTBR0 and the
 *    ASID, through the reserved ASID 0), about 25 each: 50;
 *  - four copies of the 17 user registers (the microvisor saves A into the state page and
 *    loads B from it; the guest kernel saves A and loads B), about 12 each with ldm/stm: 50.
 * It is above vcpu_switch's 300 because a process switch goes through the guest kernel:
 * two of the three entries are the guest kernel's hypercalls.
 */
#include "bench.h"

#define TARGET_INSTRUCTIONS 400u
#define MODE_USR 0x10u
#define PSR_T 0x20u
#define SYS_SWITCH 1u   /* the processes' svc numbers (r7) */
#define SYS_DONE 2u

/* Process A: r4 = how many samples. Process B: r5 = where the samples go. Entered at
 * user_a and user_b_entry; B's first instruction after each switch is its counter read. */
extern const char user_code[], user_code_end[], user_a[], user_b_entry[];
__asm__(".pushsection .text.user_code, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n   .balign 4\n"
        "   .global user_code, user_code_end, user_a, user_b_entry\n"
        "user_code:\n"
        "user_a:\n"
        "   movs r7, #1\n"                  /* SYS_SWITCH */
        "1: mrc p15, 0, r0, c9, c13, 0\n"   /* t0 */
        "   svc #0\n"                       /* to B */
        "   subs r4, r4, #1\n"
        "   bne 1b\n"
        "   movs r7, #2\n"                  /* SYS_DONE */
        "   svc #0\n"
        "   b .\n"
        "user_b:\n"
        "   svc #0\n"                       /* back to A (r7 = SYS_SWITCH) */
        "user_b_entry:\n"
        "   mrc p15, 0, r1, c9, c13, 0\n"   /* t1 */
        "   subs r1, r1, r0\n"              /* r0 = A's t0, passed on by the guest kernel */
        "   str r1, [r5], #4\n"
        "   b user_b\n"
        "user_code_end:\n"
        "   .popsection\n");

/* The guest kernel's process table: each process's MMU context and saved registers. */
struct process {
    uint32_t ctx;
    struct mv_regs regs;
};
static struct process procs[2];
static uint32_t current;   /* index in procs of the process guest-user mode runs */

static uint32_t samples[BENCH_SAMPLES] __attribute__((aligned(MV_PAGE_SIZE)));
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));

static void __attribute__((noreturn)) finish(void) {
    uint32_t sw = bench_median(samples, BENCH_SAMPLES) - bench_counter_overhead();
    bench_report("ctx_switch", sw, TARGET_INSTRUCTIONS);
    exit(0);
}

/* The guest kernel's upcall handler: SYS_SWITCH runs the other process. */
static void __attribute__((noreturn)) upcall(uint32_t cause, struct mv_state *s) {
    if (cause != MV_CAUSE_SYSCALL)
        bench_fail("an unexpected upcall", (int32_t)cause);
    if (s->user.r[7] == SYS_DONE)
        finish();
    if (s->user.r[7] != SYS_SWITCH)
        bench_fail("an unknown svc", (int32_t)s->user.r[7]);
    struct process *from = &procs[current], *to = &procs[current ^ 1u];
    from->regs = s->user;
    current ^= 1u;
    int32_t rc = mv_ctx_switch(to->ctx);
    if (rc)
        bench_fail("mv_ctx_switch", rc);
    to->regs.r[0] = from->regs.r[0];   /* the message register */
    s->user = to->regs;
    bench_fail("mv_resume_user", mv_resume_user());
}

int main(void) {
    int32_t rc = mv_set_entry(upcall, upcall_stack + sizeof upcall_stack);
    if (rc)
        bench_fail("mv_set_entry", rc);
    for (uint32_t i = 0; i < 2; i++) {
        if ((rc = mv_ctx_create()) < 0)
            bench_fail("mv_ctx_create", rc);
        procs[i].ctx = (uint32_t)rc;
        bench_map(procs[i].ctx, user_code, user_code_end,
                  MV_MAP_READ | MV_MAP_EXEC);
    }
    bench_map(procs[1].ctx, samples, samples + BENCH_SAMPLES,
              MV_MAP_READ | MV_MAP_WRITE);
    procs[0].regs = (struct mv_regs){.pc = (uint32_t)user_a, .cpsr = MODE_USR | PSR_T};
    procs[0].regs.r[4] = BENCH_SAMPLES;
    procs[1].regs = (struct mv_regs){.pc = (uint32_t)user_b_entry, .cpsr = MODE_USR | PSR_T};
    procs[1].regs.r[5] = (uint32_t)samples;
    procs[1].regs.r[7] = SYS_SWITCH;
    current = 0;
    if ((rc = mv_ctx_switch(procs[0].ctx)))
        bench_fail("mv_ctx_switch", rc);
    mv_state_page(0)->user = procs[0].regs;
    bench_fail("mv_resume_user", mv_resume_user());
}
