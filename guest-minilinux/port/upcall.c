/*
 * upcall.c - minilinux's port: the upcall entry and the return to a process.
 *
 * Every event of a process arrives as an upcall from the microvisor: its registers are in
 * the state page, the cause says what happened. port_upcall() saves the registers into
 * the running thread, asks the generic kernel what to do (a system call, a page fault, a
 * fatal fault, a timer tick) and port_run() resumes whichever thread the kernel chose:
 * a process switch is a change of MMU context, of the registers in the state page and of
 * the floating-point registers (fpu.S).
 *
 *   process: svc #0 (r7 = Linux number)
 *     -> microvisor: upcall, cause MV_CAUSE_SYSCALL, state->user = its registers
 *     -> port_upcall(): save into current->regs; kern_syscall(current) -> next
 *     -> port_run(next): mv_ctx_switch(next->as) if it changed; state->user = next->regs;
 *        mv_resume_user()
 */
#include "port/port_internal.h"

_Static_assert(sizeof(struct uregs) == sizeof(struct mv_regs), "uregs is mv_regs' layout");
_Static_assert(sizeof(struct uregs) == 17 * 4, "port_copy_regs() copies 17 words");
_Static_assert(PORT_READ == MV_MAP_READ && PORT_WRITE == MV_MAP_WRITE &&
                   PORT_EXEC == MV_MAP_EXEC, "PORT_* rights are the vMMU's");

static struct port_thread *current;   /* the thread whose registers the state page holds */
static int loaded_as;                 /* the context the vCPU's guest-user mode runs in */
static uint32_t loaded_tls;           /* the TLS register's value */
/* The thread whose floating-point registers the hardware holds (NULL: nobody's). They are
 * switched lazily: they stay in the hardware until port_run() resumes another thread, so
 * a system call, a page fault or a tick that returns to the same process costs one
 * comparison (this variable sits beside the others, so it is three instructions), and
 * the guest kernel, compiled soft-float, never disturbs them meanwhile. */
static struct port_thread *fpu_owner;

static void fpu_switch(struct port_thread *t) {
    if (fpu_owner)
        port_fpu_save(&fpu_owner->fpu);
    port_fpu_load(&t->fpu);
    fpu_owner = t;
}

void port_fpu_sync(struct port_thread *t) {
    if (t == fpu_owner)
        port_fpu_save(&t->fpu);
}

void port_fpu_changed(struct port_thread *t) {
    if (t == fpu_owner)
        fpu_owner = NULL;   /* so port_run() loads t->fpu */
}

void port_fpu_reset(struct port_thread *t) {
    static const struct port_fpu fresh;
    t->fpu = fresh;
    if (t == fpu_owner)
        fpu_owner = NULL;   /* the hardware's copy belongs to nobody now */
}

void port_run(struct port_thread *t) {
    /* LAB 5 BEGIN: switch to t's context (if another is loaded), its TLS, its FPU; load its registers; resume */
    struct mv_state *s = port_state();
    if (t->as != loaded_as) {
        int32_t rc = mv_ctx_switch((uint32_t)t->as);
        if (rc)
            port_panic("mv_ctx_switch", rc);
        loaded_as = t->as;
    }
    if (t->tls != loaded_tls) {   /* most processes never set it: no hypercall then */
        mv_set_tls(t->tls);
        loaded_tls = t->tls;
    }
    if (t != fpu_owner)
        fpu_switch(t);
    current = t;
    port_copy_regs(&s->user, &t->regs);
    port_panic("mv_resume_user", mv_resume_user());   /* returns only on error */
    /* LAB 5 STUB
    (void)t, (void)loaded_as, (void)loaded_tls, (void)fpu_switch;
    PORT_NOT_IMPLEMENTED("port_run");
    LAB 5 END */
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
    /* LAB 5 BEGIN: map the page (port_fault_in), or the kernel's fatal signal: SIGKILL when memory ran out, else SIGSEGV */
    int rc = port_fault_in(t, s->fault_addr, s->fault_access);
    if (rc == 0)
        return t;   /* retry the access */
    return kern_fatal(t, rc == -LX_ENOMEM ? LX_SIGKILL : LX_SIGSEGV, s->fault_addr);
    /* LAB 5 STUB
    (void)t, (void)s;
    PORT_NOT_IMPLEMENTED("page_fault");
    LAB 5 END */
}

/* The vIRQs in @p pending: the tick and console input, each handed to the kernel. */
static struct port_thread *virqs(struct port_thread *t, uint32_t pending) {
    /* LAB 5 BEGIN: the tick (rearm, kern_tick), console input (take the line, read it all, kern_console_input), ack the rest */
    if (pending & (1u << PORT_TICK_LINE)) {
        port_tick_rearm();
        t = kern_tick(t);
    }
    if (pending & (1u << PORT_CONSOLE_LINE)) {
        static char buf[256];
        uint32_t payload, dropped;
        mv_virq_take(PORT_CONSOLE_LINE, &payload);
        int32_t n;
        while ((n = mv_console_read(buf, sizeof buf, &dropped)) > 0)
            t = kern_console_input(t, buf, (uint32_t)n);
    }
    uint32_t others = pending & ~((1u << PORT_TICK_LINE) | (1u << PORT_CONSOLE_LINE));
    if (others)
        mv_virq_ack(others);   /* no other line is used */
    return t;
    /* LAB 5 STUB
    (void)pending;
    PORT_NOT_IMPLEMENTED("virqs");
    return t;
    LAB 5 END */
}

/* Run @p t; while there is nothing to run, idle: the vCPU sleeps in the microvisor until
 * a vIRQ (the tick, a key) gives the kernel something to do. */
static void __attribute__((noreturn)) run_or_idle(struct port_thread *t) {
    while (!t) {
        current = NULL;
        t = virqs(NULL, (uint32_t)mv_wait(0));
    }
    port_run(t);
}

void port_upcall(uint32_t cause, struct mv_state *s) {
    /* LAB 5 BEGIN: save the registers into the current thread, dispatch on the cause, run what the kernel chose */
    struct port_thread *t = current;
    port_copy_regs(&t->regs, &s->user);
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
        t = virqs(t, s->virq_pending);
        break;
    default:
        port_panic("unknown upcall cause", (int32_t)cause);
    }
    run_or_idle(t);
    /* LAB 5 STUB
    (void)cause, (void)s, (void)current, (void)page_fault, (void)virqs;
    PORT_NOT_IMPLEMENTED("port_upcall");
    LAB 5 END */
}

void port_start(struct port_thread *t) { run_or_idle(t); }
