/*
 * systime.c - time and the system's name: nanosleep, clock_gettime, gettimeofday, uname.
 * minilinux has no real-time clock: its wall clock starts at 0 (1970) at boot.
 */
#include "kernel/syscall.h"

#define NS_PER_S 1000000000u

static struct lx_timespec timespec_of(uint64_t ns) {
    return (struct lx_timespec){.tv_sec = (int32_t)(ns / NS_PER_S),
                                .tv_nsec = (int32_t)(ns % NS_PER_S)};
}

/* nanosleep(req, rem): the deadline is set on the first run of the call; a wake-up runs
 * the call again (proc.h), which then finds the deadline passed. */
int32_t sys_nanosleep(struct proc *p, const uint32_t a[6]) {
    uint64_t now = proc_now();
    if (!p->restarted) {
        struct lx_timespec req;
        if (port_copy_from_user(&p->th, &req, a[0], sizeof req))
            return -LX_EFAULT;
        if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= (int32_t)NS_PER_S)
            return -LX_EINVAL;
        p->sleep_until = now + (uint64_t)req.tv_sec * NS_PER_S + (uint32_t)req.tv_nsec;
    }
    if (now >= p->sleep_until)
        return 0;
    p->sig.norestart = 1;   /* a handler interrupts it for good (EINTR), as on Linux */
    return proc_block_until(p, p->sleep_until);
}

int32_t sys_clock_gettime(struct proc *p, const uint32_t a[6]) {
    if (a[0] != LX_CLOCK_REALTIME && a[0] != LX_CLOCK_MONOTONIC)
        return -LX_EINVAL;
    struct lx_timespec ts = timespec_of(proc_now());
    return port_copy_to_user(&p->th, a[1], &ts, sizeof ts) ? -LX_EFAULT : 0;
}

int32_t sys_gettimeofday(struct proc *p, const uint32_t a[6]) {
    struct lx_timespec ts = timespec_of(proc_now());
    struct lx_timeval tv = {.tv_sec = ts.tv_sec, .tv_usec = ts.tv_nsec / 1000};
    if (a[0] && port_copy_to_user(&p->th, a[0], &tv, sizeof tv))
        return -LX_EFAULT;
    return 0;
}

/* "Linux" and a 6.1 release: C libraries read the release as the kernel's version. */
int32_t sys_uname(struct proc *p, const uint32_t a[6]) {
    static const struct lx_utsname u = {
        .sysname = "Linux", .nodename = "minilinux", .release = "6.1.0-minilinux",
        .version = "#1 minilinux 0.2 (a paravirtual guest of the microvisor)",
        .machine = "armv7l", .domainname = "(none)"};
    return port_copy_to_user(&p->th, a[0], &u, sizeof u) ? -LX_EFAULT : 0;
}
