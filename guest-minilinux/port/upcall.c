/*
 * upcall.c - minilinux's port: the upcall entry and the return to a process.
 *
 * Every event of a process arrives as an upcall from the microvisor: its registers are in
 * the state page, the cause says what happened. port_upcall() saves the registers into
 * the running thread, asks the generic kernel what to do (a system call, a page fault, a
 * fatal fault, a timer tick) and port_run() resumes whichever thread the kernel chose:
 * a process switch is a change of MMU context and of the registers in the state page.
 *
 *   process: svc #0 (r7 = Linux number)
 *     -> microvisor: upcall, cause MV_CAUSE_SYSCALL, state->user = its registers
 *     -> port_upcall(): save into current->regs; kern_syscall(current) -> next
 *     -> port_run(next): mv_ctx_switch(next->as) if it changed; state->user = next->regs;
 *        mv_resume_user()
 */
#include "port/port_internal.h"

_Static_assert(sizeof(struct uregs) == sizeof(struct mv_regs), "uregs is mv_regs' layout");
_Static_assert(PORT_READ == MV_MAP_READ && PORT_WRITE == MV_MAP_WRITE &&
                   PORT_EXEC == MV_MAP_EXEC, "PORT_* rights are the vMMU's");

static struct port_thread *current;   /* the thread whose registers the state page holds */
static int loaded_as;                 /* the context the vCPU's guest-user mode runs in */

void port_run(struct port_thread *t) {
    struct mv_state *s = port_state();
    if (t->as != loaded_as) {
        int32_t rc = mv_ctx_switch((uint32_t)t->as);
        if (rc)
            port_panic("mv_ctx_switch", rc);
        loaded_as = t->as;
    }
    current = t;
    __builtin_memcpy(&s->user, &t->regs, sizeof s->user);
    port_panic("mv_resume_user", mv_resume_user());   /* returns only on error */
}

/* The vCPU must not run in a context that is about to go (MV_HC_CTX_DESTROY: MV_EBUSY). */
void port_as_destroy(int as) {
    if (as == loaded_as) {
        mv_ctx_switch(MV_CTX_KERNEL);
        loaded_as = 0;
    }
    int32_t rc = mv_ctx_destroy((uint32_t)as);
    if (rc)
        port_panic("mv_ctx_destroy", rc);
}

static struct port_thread *page_fault(struct port_thread *t, const struct mv_state *s) {
    int rc = port_fault_in(t, s->fault_addr, s->fault_access);
    if (rc == 0)
        return t;   /* retry the access */
    return kern_fatal(t, rc == -LX_ENOMEM ? LX_SIGKILL : LX_SIGSEGV, s->fault_addr);
}

void port_upcall(uint32_t cause, struct mv_state *s) {
    struct port_thread *t = current;
    __builtin_memcpy(&t->regs, &s->user, sizeof t->regs);
    switch (cause) {
    case MV_CAUSE_SYSCALL:
        t = kern_syscall(t);
        break;
    case MV_CAUSE_PABT:
    case MV_CAUSE_DABT:
        t = page_fault(t, s);
        break;
    case MV_CAUSE_UNDEF:
        t = kern_fatal(t, LX_SIGILL, s->fault_addr);
        break;
    case MV_CAUSE_VIRQ:
        if (s->virq_pending & (1u << PORT_TICK_LINE)) {
            port_tick_rearm();
            t = kern_tick(t);
        }
        if (s->virq_pending & ~(1u << PORT_TICK_LINE))
            mv_virq_ack(~(1u << PORT_TICK_LINE));   /* no other line is used yet */
        break;
    default:
        port_panic("unknown upcall cause", (int32_t)cause);
    }
    port_run(t);
}
