/*
 * sysmem.c - system calls about a process's memory: brk, anonymous mmap2/munmap,
 * mprotect and madvise.
 */
#include "kernel/syscall.h"

int32_t sys_brk(struct proc *p, const uint32_t a[6]) {
    return (int32_t)mm_brk(&p->mm, a[0], p->th.as);
}

static uint32_t rights_of(uint32_t prot) {
    return ((prot & LX_PROT_READ) ? PORT_READ : 0u) | ((prot & LX_PROT_WRITE) ? PORT_WRITE : 0u) |
           ((prot & LX_PROT_EXEC) ? PORT_EXEC : 0u);
}

/* mmap2(addr, len, prot, flags, fd, pgoffset): private anonymous memory only. A file
 * mapping is ENODEV (no file system here can be mapped); shared memory is EINVAL. */
int32_t sys_mmap2(struct proc *p, const uint32_t a[6]) {
    uint32_t flags = a[3];
    if ((flags & (LX_MAP_SHARED | LX_MAP_PRIVATE)) != LX_MAP_PRIVATE)
        return -LX_EINVAL;
    if (!(flags & LX_MAP_ANONYMOUS))
        return -LX_ENODEV;
    return mm_mmap(&p->mm, a[0], a[1], rights_of(a[2]), (flags & LX_MAP_FIXED) != 0, p->th.as);
}

int32_t sys_munmap(struct proc *p, const uint32_t a[6]) {
    return mm_munmap(&p->mm, a[0], a[1], p->th.as);
}

int32_t sys_mprotect(struct proc *p, const uint32_t a[6]) {
    return mm_protect(&p->mm, a[0], a[1], rights_of(a[2]), p->th.as);
}

/* madvise(addr, len, advice): advice only; minilinux takes none. */
int32_t sys_madvise(struct proc *p, const uint32_t a[6]) {
    (void)p, (void)a;
    return 0;
}
