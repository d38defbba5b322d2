/*
 * syspoll.c - poll and ppoll: which of several descriptors could be read or written now
 * without sleeping (file_ops::poll), waiting until one could or a timeout passes.
 *
 * Waiting follows proc.h's model: with nothing ready, the process sleeps on the poll
 * channel (which every proc_wakeup() also wakes) with the deadline as its wake-up time,
 * and runs the call again; a handler ends the wait with EINTR, as on Linux.
 */
#include "kernel/syscall.h"

#define POLL_MAX 64u   /* descriptors in one call (EINVAL beyond) */
#define NS_PER_MS 1000000u
#define NS_PER_S 1000000000u
#define FOREVER (-1)

static struct lx_pollfd fds[POLL_MAX];   /* one call at a time */

/* Fill each revents; @return how many descriptors have something to report. */
static int32_t poll_scan(struct proc *p, uint32_t n) {
    int32_t ready = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct lx_pollfd *d = &fds[i];
        struct file *f = d->fd < 0 ? NULL : file_get(p, d->fd);
        uint32_t now = d->fd < 0 ? 0u : !f ? LX_POLLNVAL
                     : f->ops->poll ? f->ops->poll(f) : LX_POLLIN | LX_POLLOUT;
        d->revents = (int16_t)(now & ((uint16_t)d->events | LX_POLLERR | LX_POLLHUP | LX_POLLNVAL));
        ready += d->revents != 0;
    }
    return ready;
}

/* poll of @p n descriptors at @p ufds, waiting @p timeout_ns (FOREVER: no limit). */
static int32_t do_poll(struct proc *p, uint32_t ufds, uint32_t n, int64_t timeout_ns) {
    if (n > POLL_MAX)
        return -LX_EINVAL;
    if (n && port_copy_from_user(&p->th, fds, ufds, n * sizeof fds[0]))
        return -LX_EFAULT;
    uint64_t now = proc_now();
    if (!p->restarted)
        p->sleep_until = timeout_ns < 0 ? 0 : now + (uint64_t)timeout_ns;
    int32_t ready = poll_scan(p, n);
    int expired = timeout_ns == 0 || (p->sleep_until && now >= p->sleep_until);
    if (ready || expired)
        return n && port_copy_to_user(&p->th, ufds, fds, n * sizeof fds[0]) ? -LX_EFAULT : ready;
    p->sig.norestart = 1;
    proc_block(p, proc_poll_chan());
    p->wake_at = p->sleep_until;
    return PROC_BLOCKED;
}

/* poll(fds, nfds, timeout_ms): a negative timeout waits for ever. */
int32_t sys_poll(struct proc *p, const uint32_t a[6]) {
    int32_t ms = (int32_t)a[2];
    return do_poll(p, a[0], a[1], ms < 0 ? FOREVER : (int64_t)ms * NS_PER_MS);
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize) with a 32-bit or 64-bit timeout (NULL:
 * for ever). The signal mask for the wait is not supported (EINVAL when one is given). */
static int32_t ppoll(struct proc *p, const uint32_t a[6], int t64) {
    int64_t sec = 0, nsec = 0;
    if (a[3])
        return -LX_EINVAL;
    if (a[2] && !p->restarted) {
        struct lx_timespec64 t64v;
        struct lx_timespec t32;
        int bad = t64 ? port_copy_from_user(&p->th, &t64v, a[2], sizeof t64v)
                      : port_copy_from_user(&p->th, &t32, a[2], sizeof t32);
        if (bad)
            return -LX_EFAULT;
        sec = t64 ? t64v.tv_sec : t32.tv_sec;
        nsec = t64 ? t64v.tv_nsec : t32.tv_nsec;
        if (sec < 0 || nsec < 0 || nsec >= NS_PER_S)
            return -LX_EINVAL;
    }
    return do_poll(p, a[0], a[1], a[2] ? sec * NS_PER_S + nsec : FOREVER);
}

int32_t sys_ppoll(struct proc *p, const uint32_t a[6]) { return ppoll(p, a, 0); }
int32_t sys_ppoll_time64(struct proc *p, const uint32_t a[6]) { return ppoll(p, a, 1); }
