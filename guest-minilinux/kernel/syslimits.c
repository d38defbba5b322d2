/*
 * syslimits.c - the calls a C library's start-up makes about its process: resource
 * limits, its name (prctl), the robust-futex list and futexes of a single thread, and
 * random bytes. glibc calls each of them before main(); a static glibc program needs
 * their answers to be Linux's.
 */
#include "kernel/syscall.h"
#include "kernel/uaccess.h"

#define RLIM_INFINITY 0xffffffffu
#define RLIMIT_STACK 3u
#define RLIMIT_NOFILE 7u
#define RLIMIT_NLIMITS 16u
#define PR_SET_NAME 15u
#define PR_GET_NAME 16u
#define FUTEX_CMD_MASK 0x7fu   /* without FUTEX_PRIVATE_FLAG (128) and the clock flag */
#define FUTEX_WAIT 0u
#define FUTEX_WAKE 1u

/* The limits minilinux really has: the stack area and the descriptor table. */
static uint32_t limit_of(uint32_t resource) {
    if (resource == RLIMIT_STACK)
        return MM_STACK_MAX;
    return resource == RLIMIT_NOFILE ? NFILE : RLIM_INFINITY;
}

int32_t sys_ugetrlimit(struct proc *p, const uint32_t a[6]) {
    if (a[0] >= RLIMIT_NLIMITS)
        return -LX_EINVAL;
    struct lx_rlimit r = {limit_of(a[0]), limit_of(a[0])};
    return port_copy_to_user(&p->th, a[1], &r, sizeof r) ? -LX_EFAULT : 0;
}

/* prlimit64(pid, resource, new, old): of the caller only; limits cannot be changed. */
int32_t sys_prlimit64(struct proc *p, const uint32_t a[6]) {
    if (a[0] && (int32_t)a[0] != p->pid)
        return -LX_EPERM;
    if (a[1] >= RLIMIT_NLIMITS)
        return -LX_EINVAL;
    if (a[2])
        return -LX_EPERM;
    uint32_t v = limit_of(a[1]);
    uint64_t r[2] = {v == RLIM_INFINITY ? ~0ull : v, v == RLIM_INFINITY ? ~0ull : v};
    return a[3] && port_copy_to_user(&p->th, a[3], r, sizeof r) ? -LX_EFAULT : 0;
}

/* prctl(option, arg): a process's name (what ps shows) and nothing else. */
int32_t sys_prctl(struct proc *p, const uint32_t a[6]) {
    char name[PROC_NAME_MAX];
    if (a[0] == PR_GET_NAME)
        return port_copy_to_user(&p->th, a[1], p->name, sizeof p->name) ? -LX_EFAULT : 0;
    if (a[0] != PR_SET_NAME)
        return -LX_EINVAL;
    int rc = user_strcpy(p, name, a[1], sizeof name, 0);   /* too long: truncated, as Linux */
    if (rc < 0)
        return rc;
    memcpy(p->name, name, sizeof name);
    return 0;
}

/* One thread per process: nobody else could ever walk the robust list. */
int32_t sys_set_robust_list(struct proc *p, const uint32_t a[6]) {
    (void)p;
    return a[1] == 12u ? 0 : -LX_EINVAL;   /* sizeof(struct robust_list_head) */
}

/* futex(uaddr, op, val): with one thread, a wait could only wait for itself, so it
 * answers at once as if woken (EAGAIN when the value already changed); a wake finds no
 * waiter. */
int32_t sys_futex(struct proc *p, const uint32_t a[6]) {
    uint32_t v;
    switch (a[1] & FUTEX_CMD_MASK) {
    case FUTEX_WAIT:
        if (user_word(p, a[0], &v))
            return -LX_EFAULT;
        return v != a[2] ? -LX_EAGAIN : -LX_EINTR;
    case FUTEX_WAKE:
        return 0;
    default:
        return -LX_ENOSYS;
    }
}

/* getrandom(buf, len, flags): bytes from a generator seeded with the time and the pid
 * (no entropy source: unpredictable enough for hash seeds, not for secrets). */
int32_t sys_getrandom(struct proc *p, const uint32_t a[6]) {
    static uint64_t state;
    uint8_t chunk[64];
    uint32_t done = 0;
    state ^= proc_now() ^ ((uint64_t)p->pid << 32);
    while (done < a[1]) {
        uint32_t n = a[1] - done < sizeof chunk ? a[1] - done : (uint32_t)sizeof chunk;
        for (uint32_t i = 0; i < n; i++) {   /* xorshift64 */
            state ^= state << 13, state ^= state >> 7, state ^= state << 17;
            chunk[i] = (uint8_t)(state >> 24);
        }
        if (port_copy_to_user(&p->th, a[0] + done, chunk, n))
            return done ? (int32_t)done : -LX_EFAULT;
        done += n;
    }
    return (int32_t)done;
}

/* rseq(area, len, flags, sig): restartable sequences are for threads moving between
 * CPUs; glibc registers one and, told ENOSYS, does without. Known, so not logged. */
int32_t sys_rseq(struct proc *p, const uint32_t a[6]) {
    (void)p, (void)a;
    return -LX_ENOSYS;
}
