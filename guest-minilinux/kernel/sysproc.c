/*
 * sysproc.c - system calls about processes and their memory: exit, exit_group, getpid,
 * brk.
 */
#include "kernel/syscall.h"

/* With one thread per process, exit and exit_group are the same. proc_exit() powers off
 * when init ends, and otherwise frees @p p: the dispatcher then runs another process. */
int32_t sys_exit(struct proc *p, const uint32_t a[6]) {
    proc_exit(p, (int)((a[0] & 0xffu) << 8));
    return 0;
}

int32_t sys_exit_group(struct proc *p, const uint32_t a[6]) { return sys_exit(p, a); }

int32_t sys_getpid(struct proc *p, const uint32_t a[6]) {
    (void)a;
    return p->pid;
}

int32_t sys_brk(struct proc *p, const uint32_t a[6]) {
    return (int32_t)mm_brk(&p->mm, a[0], p->th.as);
}
