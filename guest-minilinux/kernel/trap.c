/*
 * trap.c - the generic kernel's answers to the port's events other than system calls and
 * the timer: page faults (demand paging, or a bad access) and fatal faults.
 */
#include "kernel/proc.h"

int kern_page_fault(struct port_thread *t, uint32_t addr, uint32_t access, uint32_t *pa,
                    uint32_t *rights) {
    return mm_fault(&proc_of(t)->mm, addr, access, pa, rights);
}

/* The process gets the signal: a handler may run; otherwise it dies, and, like Linux's
 * log of a segfault, the kernel says where. */
struct port_thread *kern_fatal(struct port_thread *t, int sig, uint32_t addr) {
    struct proc *p = proc_of(t);
    if (sig == LX_SIGKILL)   /* the port's answer to a page no memory was left for */
        kprintf("pid %d (%s): out of memory at 0x%08x, pc 0x%08x: Killed\n", p->pid, p->name,
                addr, t->regs.pc);
    else if (!sig_fault_caught(p, sig))
        kprintf("pid %d (%s): %s at 0x%08x, pc 0x%08x\n", p->pid, p->name, proc_signame(sig),
                addr, t->regs.pc);
    sig_force(p, sig, addr);
    return kern_resume(p);
}
