/*
 * sc_virq_recv.c - scenario of system test_virq (VM "receiver").
 *
 * 1. mv_wait with a timeout and nothing pending: returns 0, after at least the timeout.
 * 2. A line already pending (raised at itself): mv_wait returns it at once; ack clears it.
 * 3. Blocked in mv_wait(0) until "sender" raises line 5 through its cap: wakes with the bit.
 *    The sender reports when it raised; we report when we started and stopped waiting.
 * 4. With vIRQs enabled in the state page, spin in guest-user mode until the sender's
 *    next raise arrives as an upcall (cause VIRQ).
 */
#include "scenario_guest.h"

enum { CAP_SENDER = 0, CAP_SELF = 1 };   /* systems/test_virq.c */
#define TIMEOUT_NS 500000u
#define SELF_LINE 7u

extern const char user_spin[], user_spin_end[];
void virq_handler(uint32_t cause, struct mv_state *s);

/* User code: count down (long enough for many timeslices), then give up with an svc. */
__asm__(".pushsection .text.user_spin, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n   .global user_spin, user_spin_end\n"
        "user_spin:\n"
        "   ldr r0, =2000000\n"
        "1: subs r0, #1\n"
        "   bne 1b\n"
        "   movs r7, #99\n"
        "   svc #0\n"
        "   b .\n"
        "   .ltorg\n"
        "user_spin_end:\n"
        "   .popsection\n");

static uint32_t user_stack[64] __attribute__((aligned(8)));
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));

static uint32_t now(void) { return (uint32_t)mv_time(); }   /* runs last well under 4 s */

static void wait_with_timeout(const char *name) {
    char key[32];
    uint32_t t0 = now();
    int32_t got = mv_wait(TIMEOUT_NS);
    uint32_t elapsed = now() - t0;
    snprintf(key, sizeof key, "%s_ret", name);
    sg_hex(key, (uint32_t)got);
    snprintf(key, sizeof key, "%s_elapsed", name);
    sg_result(key, "%u", (unsigned)elapsed);
}

void virq_handler(uint32_t cause, struct mv_state *s) {
    sg_hex("up_cause", cause);
    sg_hex("up_state_cause", s->cause);
    sg_hex("up_pending", s->virq_pending);
    sg_hex("up_pc", s->user.pc);
    sg_hex("up_r7", s->user.r[7]);   /* 99 if the spin ran out: no vIRQ arrived */
    sg_hex("up_ack", (uint32_t)mv_virq_ack(s->virq_pending));
    sg_hex("label_spin", (uint32_t)user_spin);
    sg_hex("label_spin_end", (uint32_t)user_spin_end);
    mv_vm_exit(0);
}

static void spin_in_user_mode(void) {
    struct mv_state *s = mv_state_page(0);
    sg_int("set_entry", mv_set_entry(virq_handler, upcall_stack + sizeof upcall_stack));
    sg_user_context(user_spin, user_spin_end, user_stack, user_stack + 64);
    s->user = (struct mv_regs){.pc = (uint32_t)user_spin, .sp = (uint32_t)(user_stack + 64),
                               .cpsr = 0x30};
    s->virq_enabled = 1;
    sg_int("ready2_raise", mv_virq_raise(CAP_SENDER));
    sg_int("resume_returned", mv_resume_user());   /* only on error */
}

int main(void) {
    wait_with_timeout("timeout");
    sg_int("self_raise", mv_virq_raise(CAP_SELF));
    wait_with_timeout("pending");
    sg_hex("pending_ack", (uint32_t)mv_virq_ack(1u << SELF_LINE));
    sg_hex("after_ack", (uint32_t)mv_virq_ack(0));

    int32_t raised = mv_virq_raise(CAP_SENDER);   /* "ready": the sender may raise now */
    uint32_t start = now();
    int32_t got = mv_wait(0);
    uint32_t end = now();
    sg_int("ready_raise", raised);
    sg_hex("wake_ret", (uint32_t)got);
    sg_result("wait_start", "%u", (unsigned)start);
    sg_result("wait_end", "%u", (unsigned)end);
    sg_hex("wake_ack", (uint32_t)mv_virq_ack((uint32_t)got));

    spin_in_user_mode();
    return 3;
}
