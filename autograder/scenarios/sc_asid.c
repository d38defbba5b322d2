/*
 * sc_asid.c - scenario of system test_vmmu_asid (VM "asid"): ASID rollover.
 *
 * Every process context gets a hardware ASID the first time it runs, and there are only
 * 247 of them for contexts (9..255). This guest runs ROUNDS = 300 short-lived processes,
 * so the microvisor must start a new ASID generation (flush the TLB, hand out ASIDs
 * again) while other contexts are still alive and must keep working.
 *
 * Round r: create a context (the quota is 4: one long-lived context and a ring of 3
 * rotating ones, the oldest destroyed to make room), check that the new context is empty
 * (a recycled context must not keep an old mapping), map the user code and, at the same
 * user VA in every round, a physical page of its own holding a value unique to round r,
 * then run the process: it loads the word at that VA and returns it in r0 with an svc.
 * A stale translation (another round's page) would show up as another round's value.
 * Each round also runs the rotating context of two rounds before again, and every
 * LONG_EVERY rounds the long-lived context, created before round 0: each must still
 * see its own value, across the rollover.
 *
 * What QEMU can show: it flushes its whole TLB whenever CONTEXTIDR (the ASID) changes, and
 * every switch between spaces changes it, so a missing TLB flush at rollover cannot be
 * seen here (the unit tier checks that). What this run proves is that the rollover path
 * works: no panic, no hang, every context alive across it still maps its own page, and a
 * recycled context starts empty.
 *
 * Reported (the host test decides): rounds run, wrong values per kind of run, contexts
 * that were not empty when created, failed hypercalls (count, first code, its round),
 * unexpected upcalls (count, first cause and address).
 */
#include <setjmp.h>
#include "scenario_guest.h"

#define ROUNDS 300u
#define RING 3u                      /* rotating contexts alive at once (quota 4 - 1) */
#define LONG_EVERY 20u               /* revisit the long-lived context every 20 rounds */
#define USER_VA 0x20000000u          /* the same VA in every context */
#define VALUE(r) (0x5a000000u | (r) << 8 | 0x3cu)
#define LONG_VALUE 0x10e6117eu       /* not VALUE() of any round */
#define LONG_PAGE ROUNDS             /* the long-lived context's page: the last one */
#define MODE_USR 0x10u
#define PSR_T 0x20u
#define SYS_VALUE 7u                 /* the process's system call: r0 = the word it read */

extern const char user_code[], user_code_end[], user_read[];
void asid_upcall(uint32_t cause, struct mv_state *s);

/* The process: r0 = USER_VA; load the word there and hand it to the guest kernel. */
__asm__(".pushsection .text.user_code, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n"
        "   .global user_code, user_code_end, user_read\n"
        "user_code:\n"
        "user_read:\n"
        "   ldr r0, [r0]\n"
        "   movs r7, #7\n"   /* SYS_VALUE */
        "   svc #0\n"
        "   b .\n"
        "user_code_end:\n"
        "   .popsection\n");

/* One physical page per round, and one for the long-lived context. */
static uint32_t pages[ROUNDS + 1u][MV_PAGE_SIZE / 4u] __attribute__((aligned(MV_PAGE_SIZE)));
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));
static jmp_buf back_to_main;   /* where an upcall returns to: the run_user() that started it */
static uint32_t up_cause, up_r0, up_r7, up_addr;

/* What the run saw. */
static uint32_t rounds, wrong_new, wrong_revisit, wrong_long, long_checks, not_empty;
static uint32_t errors, unexpected, first_error_round;
static int32_t first_error;
static uint32_t first_unexpected_cause, first_unexpected_addr;

void asid_upcall(uint32_t cause, struct mv_state *s) {
    up_cause = cause;
    up_r0 = s->user.r[0];
    up_r7 = s->user.r[7];
    up_addr = s->fault_addr;
    longjmp(back_to_main, 1);   /* the upcall stack is abandoned: the next upcall starts afresh */
}

/* Count a failed hypercall (rc < 0); returns rc. */
static int32_t check(int32_t rc, uint32_t round) {
    if (rc < 0 && errors++ == 0) {
        first_error = rc;
        first_error_round = round;
    }
    return rc;
}

/* Out of line, so that setjmp() below has no hypercall's register variables to clobber. */
static __attribute__((noinline)) int32_t resume_user(void) { return mv_resume_user(); }

/* Resume guest-user mode: 0 once an upcall has come back here, else the resume's error. */
static __attribute__((noinline)) int32_t user_until_upcall(void) {
    if (setjmp(back_to_main))
        return 0;
    return resume_user();   /* returns only on error */
}

/* Run the process in @p ctx; the word it read, or ~0 if it did not get to its svc. */
static uint32_t run_user(uint32_t ctx, uint32_t round) {
    if (check(mv_ctx_switch(ctx), round))
        return ~0u;
    struct mv_state *s = mv_state_page(0);
    s->user = (struct mv_regs){.r = {USER_VA}, .pc = (uint32_t)user_read, .cpsr = PSR_T | MODE_USR};
    if (check(user_until_upcall(), round))
        return ~0u;
    check(mv_ctx_switch(MV_CTX_KERNEL), round);   /* a context in use cannot be destroyed */
    if (up_cause == MV_CAUSE_SYSCALL && up_r7 == SYS_VALUE)
        return up_r0;
    if (unexpected++ == 0) {
        first_unexpected_cause = up_cause;
        first_unexpected_addr = up_addr;
    }
    return ~0u;
}

/* A new context with the user code and @p page (holding @p value) at USER_VA. */
static uint32_t new_process(uint32_t page, uint32_t value, uint32_t round) {
    int32_t ctx = check(mv_ctx_create(), round);
    if (ctx < 0)
        return 0;
    uint32_t probe;   /* a fresh context maps nothing: reading USER_VA must fault */
    if (mv_copy_from_ctx((uint32_t)ctx, &probe, USER_VA, sizeof probe, NULL) != MV_EFAULT)
        not_empty++;
    pages[page][0] = value;
    check(mv_ctx_map_same((uint32_t)ctx, user_code, user_code_end, MV_MAP_READ | MV_MAP_EXEC), round);
    check(mv_ctx_map((uint32_t)ctx, USER_VA, (uint32_t)pages[page], MV_MAP_READ), round);
    return (uint32_t)ctx;
}

static void report(void) {
    sg_int("rounds", (int32_t)rounds);
    sg_int("wrong_new", (int32_t)wrong_new);
    sg_int("wrong_revisit", (int32_t)wrong_revisit);
    sg_int("long_checks", (int32_t)long_checks);
    sg_int("wrong_long", (int32_t)wrong_long);
    sg_int("not_empty", (int32_t)not_empty);
    sg_int("errors", (int32_t)errors);
    sg_int("first_error", first_error);
    sg_int("first_error_round", (int32_t)first_error_round);
    sg_int("unexpected", (int32_t)unexpected);
    sg_hex("first_unexpected_cause", first_unexpected_cause);
    sg_hex("first_unexpected_addr", first_unexpected_addr);
}

int main(void) {
    uint32_t ring[RING] = {0};   /* ring[r % RING]: the rotating context of round r */
    sg_int("set_entry", mv_set_entry(asid_upcall, upcall_stack + sizeof upcall_stack));
    uint32_t long_ctx = new_process(LONG_PAGE, LONG_VALUE, 0);
    wrong_long += run_user(long_ctx, 0) != LONG_VALUE;
    long_checks++;
    for (uint32_t r = 0; r < ROUNDS; r++, rounds++) {
        uint32_t *slot = &ring[r % RING];
        if (*slot)   /* the context of round r - RING makes room */
            check(mv_ctx_destroy(*slot), r);
        *slot = new_process(r, VALUE(r), r);
        wrong_new += run_user(*slot, r) != VALUE(r);
        if (r >= 2) {   /* still alive, maybe with an ASID of an older generation */
            wrong_revisit += run_user(ring[(r - 2) % RING], r) != VALUE(r - 2);
        }
        if (r % LONG_EVERY == LONG_EVERY - 1) {
            wrong_long += run_user(long_ctx, r) != LONG_VALUE;
            long_checks++;
        }
    }
    report();
    return 0;
}
