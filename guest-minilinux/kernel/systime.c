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

/* Sleep for the time at user address @p ureq (a 32-bit or, with @p req64, a 64-bit
 * timespec). The deadline is set on the first run of the call; a wake-up runs the call
 * again (proc.h), which then finds the deadline passed. A handler interrupts it for good
 * (EINTR), as on Linux. */
static int32_t sleep_call(struct proc *p, uint32_t ureq, int req64) {
    uint64_t now = proc_now();
    if (!p->restarted) {
        int64_t sec;
        int32_t nsec;
        if (req64) {
            struct lx_timespec64 t;
            if (port_copy_from_user(&p->th, &t, ureq, sizeof t))
                return -LX_EFAULT;
            sec = t.tv_sec, nsec = t.tv_nsec;
        } else {
            struct lx_timespec t;
            if (port_copy_from_user(&p->th, &t, ureq, sizeof t))
                return -LX_EFAULT;
            sec = t.tv_sec, nsec = t.tv_nsec;
        }
        if (sec < 0 || nsec < 0 || nsec >= (int32_t)NS_PER_S)
            return -LX_EINVAL;
        p->sleep_until = now + (uint64_t)sec * NS_PER_S + (uint32_t)nsec;
    }
    if (now >= p->sleep_until)
        return 0;
    p->sig.norestart = 1;
    return proc_block_until(p, p->sleep_until);
}

int32_t sys_nanosleep(struct proc *p, const uint32_t a[6]) { return sleep_call(p, a[0], 0); }

/* clock_nanosleep(clock, flags, req, rem): relative sleeps (TIMER_ABSTIME is EINVAL). */
static int32_t clock_sleep(struct proc *p, const uint32_t a[6], int req64) {
    if ((a[0] != LX_CLOCK_REALTIME && a[0] != LX_CLOCK_MONOTONIC) || a[1])
        return -LX_EINVAL;
    return sleep_call(p, a[2], req64);
}

int32_t sys_clock_nanosleep(struct proc *p, const uint32_t a[6]) { return clock_sleep(p, a, 0); }
int32_t sys_clock_nanosleep_time64(struct proc *p, const uint32_t a[6]) {
    return clock_sleep(p, a, 1);
}

int32_t sys_clock_gettime64(struct proc *p, const uint32_t a[6]) {
    if (a[0] != LX_CLOCK_REALTIME && a[0] != LX_CLOCK_MONOTONIC)
        return -LX_EINVAL;
    uint64_t ns = proc_now();
    struct lx_timespec64 ts = {.tv_sec = (int64_t)(ns / NS_PER_S), .tv_nsec = (int32_t)(ns % NS_PER_S)};
    return port_copy_to_user(&p->th, a[1], &ts, sizeof ts) ? -LX_EFAULT : 0;
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
