/*
 * syscall.c - the system-call dispatcher: Linux's ARM EABI numbers (r7) index a table of
 * handlers. An unknown number fails with -ENOSYS and is logged once per number, so a
 * program that probes for calls it can live without does not flood the console.
 */
#include "kernel/syscall.h"

#define NR_TABLE 256u
#define LOG_BITS 1024u   /* numbers logged once each; above, only the first is logged */

static const syscall_fn table[NR_TABLE] = {
    [LX_NR_exit] = sys_exit,
    [LX_NR_write] = sys_write,
    [LX_NR_getpid] = sys_getpid,
    [LX_NR_brk] = sys_brk,
    [LX_NR_exit_group] = sys_exit_group,
};

static uint32_t logged[LOG_BITS / 32u];
static int logged_big;

static void log_unknown(const struct proc *p, uint32_t nr) {
    if (nr < LOG_BITS) {
        if (logged[nr / 32u] & (1u << (nr % 32u)))
            return;
        logged[nr / 32u] |= 1u << (nr % 32u);
    } else if (logged_big++) {
        return;
    }
    kprintf("pid %d (%s): unknown system call %u (ENOSYS)\n", p->pid, p->name, nr);
}

struct port_thread *kern_syscall(struct port_thread *t) {
    struct proc *p = proc_of(t);
    uint32_t nr = t->regs.r[7];
    syscall_fn fn = nr < NR_TABLE ? table[nr] : NULL;
    if (!fn) {
        log_unknown(p, nr);
        t->regs.r[0] = (uint32_t)-LX_ENOSYS;
        return t;
    }
    uint32_t args[6];
    memcpy(args, t->regs.r, sizeof args);
    int32_t rc = fn(p, args);
    if (p->state != PROC_RUNNABLE)
        return sched_next(p);
    t->regs.r[0] = (uint32_t)rc;
    return t;
}
