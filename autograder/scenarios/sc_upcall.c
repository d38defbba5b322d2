/*
 * sc_upcall.c - scenario of system test_upcall: a guest kernel with a guest-user mode.
 *
 * main() registers an upcall entry, puts a user context in its state page (Thumb code,
 * some condition flags, r5 = a marker) and calls mv_resume_user(). The "user" code
 * (assembly below) reads its CPSR, makes an `svc` with the number of MV_HC_VM_EXIT
 * (which from user mode must be an upcall, not a hypercall), runs an undefined
 * instruction and loads from page 0. The upcall handler records what the state page
 * says each time and resumes past the faulting instruction. Then it resumes ARM user
 * code with a *privileged* mode and masked interrupts requested in user.cpsr: that code
 * must still run in user mode, where reading SCTLR is an undefined instruction.
 * Then Thumb code makes an `svc` inside an If-Then block: resumed, the rest of the
 * block must stay conditional (the IT state survives the upcall). Last, it resumes
 * ARM code at a PC that is not word-aligned: the microvisor aligns it, and the fetch
 * from unmapped page 0 is a prefetch abort there.
 * Finally the handler reports everything it saw and exits the VM.
 */
#include "scenario_guest.h"

#define MODE_USR 0x10u
#define PSR_T 0x20u
#define FLAGS_ZC 0x60000000u           /* Z and C: the user code must see them in its CPSR */
#define FLAGS_NV 0x90000000u
#define PRIVILEGED_CPSR 0x000001dfu    /* System mode, A/I/F masked, ARM state */
#define R5_MARKER 0x55aa55aau
#define MAX_UPCALLS 12u
#define MISALIGNED_ARM_PC 0x102u   /* page 0: never mapped */

/* Labels in the user code, and the upcall entry trampoline (assembly below). */
extern const char user_code[], user_code_end[], user_thumb[], user_svc_next[], user_undef[], user_dabt[], user_done_next[],
    user_arm[], user_arm_mrc[], user_arm_svc_next[], user_it[], user_it_svc_next[],
    user_it_done_next[];
void upcall_entry(uint32_t cause, struct mv_state *s);
void upcall_handler(uint32_t cause, struct mv_state *s);
uint32_t entry_sp;   /* sp at upcall entry, saved by the trampoline */

__asm__(".pushsection .text.user_code, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n"
        "   .global user_thumb, user_svc_next, user_undef, user_dabt, user_done_next\n"
        "   .global user_code, user_code_end\n"
        "user_code:\n"
        "user_thumb:\n"
        "   mrs r0, apsr\n"
        "   movs r7, #2\n"              /* MV_HC_VM_EXIT's number */
        "   svc #0\n"
        "user_svc_next:\n"
        "user_undef:\n"
        "   udf #7\n"
        "   movs r2, #8\n"
        "user_dabt:\n"
        "   ldr r3, [r2]\n"             /* page 0 is never mapped */
        "   movs r7, #43\n"
        "   svc #0\n"
        "user_done_next:\n"
        "   b .\n"
        "   .arm\n   .balign 4\n"
        "   .global user_arm, user_arm_mrc, user_arm_svc_next\n"
        "user_arm:\n"
        "   mrs r0, apsr\n"
        "user_arm_mrc:\n"
        "   mrc p15, 0, r1, c1, c0, 0\n"  /* SCTLR: undefined in user mode */
        "   mov r7, #44\n"
        "   svc #0\n"
        "user_arm_svc_next:\n"
        "   b .\n"
        "   .thumb\n"
        "   .global user_it, user_it_svc_next, user_it_done_next\n"
        "user_it:\n"
        "   movs r1, #0\n   movs r2, #0\n   movs r7, #45\n"
        "   cmp r1, r1\n"              /* Z set: "eq" holds */
        "   itte eq\n"
        "   svceq #0\n"                /* an upcall in the middle of an IT block */
        "user_it_svc_next:\n"
        "   moveq r1, #1\n"            /* then: runs */
        "   movne r2, #1\n"            /* else: must be skipped */
        "   movs r7, #46\n"
        "   svc #0\n"
        "user_it_done_next:\n"
        "   b .\n"
        "   .ltorg\n"
        "user_code_end:\n"
        "   .global upcall_entry\n   .type upcall_entry, %function\n   .thumb_func\n"
        "upcall_entry:\n"
        "   ldr r2, =entry_sp\n   mov r3, sp\n   str r3, [r2]\n"
        "   b upcall_handler\n"
        "   .ltorg\n   .popsection\n");

/* What one upcall looked like. */
struct upcall_seen {
    uint32_t arg_cause, arg_state, handler_sp, cause, fault_addr, fault_status;
    struct mv_regs user;
};

static const char *const step_names[] = {"svc", "undef", "dabt", "done", "priv_undef",
                                         "priv_svc", "it_svc", "it_done", "pabt"};
#define STEPS (sizeof step_names / sizeof step_names[0])

static struct upcall_seen seen[MAX_UPCALLS];
static uint32_t nseen;
static uint32_t user_stack[256] __attribute__((aligned(8)));
static uint8_t upcall_stack[8192] __attribute__((aligned(8)));

static void report_step(const char *name, const struct upcall_seen *u) {
    char key[40];
#define FIELD(field, value) (snprintf(key, sizeof key, "%s_" field, name), sg_hex(key, (value)))
    FIELD("cause", u->cause);
    FIELD("arg_cause", u->arg_cause);
    FIELD("arg_state", u->arg_state);
    FIELD("handler_sp", u->handler_sp);
    FIELD("pc", u->user.pc);
    FIELD("addr", u->fault_addr);
    FIELD("status", u->fault_status);
    FIELD("cpsr", u->user.cpsr);
    FIELD("sp", u->user.sp);
    FIELD("r0", u->user.r[0]);
    FIELD("r1", u->user.r[1]);
    FIELD("r2", u->user.r[2]);
    FIELD("r5", u->user.r[5]);
    FIELD("r7", u->user.r[7]);
#undef FIELD
}

static void __attribute__((noreturn)) report_and_exit(int code) {
    sg_hex("label_svc_next", (uint32_t)user_svc_next);
    sg_hex("label_undef", (uint32_t)user_undef);
    sg_hex("label_dabt", (uint32_t)user_dabt);
    sg_hex("label_done_next", (uint32_t)user_done_next);
    sg_hex("label_arm_mrc", (uint32_t)user_arm_mrc);
    sg_hex("label_arm_svc_next", (uint32_t)user_arm_svc_next);
    sg_hex("label_it_svc_next", (uint32_t)user_it_svc_next);
    sg_hex("label_it_done_next", (uint32_t)user_it_done_next);
    sg_hex("user_stack_top", (uint32_t)(user_stack + 256));
    sg_hex("upcall_stack_top", (uint32_t)(upcall_stack + sizeof upcall_stack));
    sg_hex("state_va", (uint32_t)mv_state_page(0));
    for (uint32_t i = 0; i < nseen && i < STEPS; i++)
        report_step(step_names[i], &seen[i]);
    sg_int("upcalls", (int32_t)nseen);
    mv_vm_exit(code);
}

static void __attribute__((noreturn)) start_user(struct mv_state *s, uint32_t pc, uint32_t cpsr) {
    s->user = (struct mv_regs){0};
    s->user.pc = pc;
    s->user.sp = (uint32_t)(user_stack + 256);
    s->user.cpsr = cpsr;
    s->user.r[5] = R5_MARKER;
    sg_int("resume_returned", mv_resume_user());   /* only on error */
    report_and_exit(3);
}

void upcall_handler(uint32_t cause, struct mv_state *s) {
    if (nseen == MAX_UPCALLS)
        report_and_exit(2);
    seen[nseen++] = (struct upcall_seen){cause, (uint32_t)s, entry_sp, s->cause, s->fault_addr,
                                         s->fault_status, s->user};
    switch (nseen) {
    case 1: break;                            /* svc: user.pc is already past it */
    case 2: case 3: s->user.pc += 2; break;   /* skip the 16-bit udf / ldr */
    case 4: start_user(s, (uint32_t)user_arm, PRIVILEGED_CPSR | FLAGS_NV);
    case 5: s->user.pc += 4; break;           /* skip the ARM mrc */
    case 6: start_user(s, (uint32_t)user_it, PSR_T | MODE_USR);
    case 7: break;                            /* resume inside the IT block */
    case 8: start_user(s, MISALIGNED_ARM_PC, MODE_USR);
    default: report_and_exit(0);
    }
    sg_int("resume_returned", mv_resume_user());
    report_and_exit(3);
}

int main(void) {
    sg_int("set_entry", mv_set_entry(upcall_entry, upcall_stack + sizeof upcall_stack));
    sg_user_context(user_code, user_code_end, user_stack, user_stack + 256);
    start_user(mv_state_page(0), (uint32_t)user_thumb, PSR_T | MODE_USR | FLAGS_ZC);
}
