/*
 * trap.c - the generic kernel's answers to the port's events other than system calls:
 * page faults (demand paging, or a bad access), fatal faults and the timer tick.
 */
#include "kernel/proc.h"

int kern_page_fault(struct port_thread *t, uint32_t addr, uint32_t access, uint32_t *pa,
                    uint32_t *rights) {
    return mm_fault(&proc_of(t)->mm, addr, access, pa, rights);
}

struct port_thread *kern_fatal(struct port_thread *t, int sig, uint32_t addr) {
    struct proc *p = proc_of(t);
    kprintf("pid %d (%s): %s at 0x%08x, pc 0x%08x\n", p->pid, p->name, proc_signame(sig),
            addr, t->regs.pc);
    return proc_exit(p, sig);
}

struct port_thread *kern_tick(struct port_thread *t) { return sched_next(proc_of(t)); }
