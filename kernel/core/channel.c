/*
 * channel.c - single-copy channels: the sender's bytes go straight into a buffer the
 * receiver posted on its ring. Everything the microvisor reads from a ring is the
 * receiver's to corrupt, so it is read once, checked, and never trusted afterwards.
 */
#include "core/channel.h"
#include "core/lab.h"
#include "core/virq.h"
#include "core/vmmu.h"

struct channel chan_table[MV_MAX_CHANNELS];
uint32_t chan_count;

void chan_init(struct channel *c, struct vcpu *a, uint32_t line_a, struct vcpu *b,
               uint32_t line_b) {
    c->ends[0] = (struct chan_end){.peer = &c->ends[1], .owner = a, .line = line_a};
    c->ends[1] = (struct chan_end){.peer = &c->ends[0], .owner = b, .line = line_b};
}

static struct vm *owner_vm(const struct chan_end *e) { return e->owner->vm; }
/* Rings and buffers are guest-kernel addresses of the end's VM (hypercalls come from
 * guest-kernel mode, which always runs in the kernel's own space). */
static const struct vmmu_space *space(const struct chan_end *e) { return vmmu_kernel_space(owner_vm(e)); }

/* The microvisor's pointers into e's ring: its header, and the descriptor of the i-th
 * buffer ever posted; NULL when that part is not mapped writable now. (The ring is 16-byte
 * aligned, so each lies in one page.) The receiver can change what they point to at any
 * time on another core: read each field once, into a local, and use the local. */
static volatile struct mv_chan_ring *ring_header(const struct chan_end *e) {
    return vmmu_kernel_ptr(space(e), e->ring_va, sizeof(struct mv_chan_ring),
                           MV_MAP_READ | MV_MAP_WRITE);
}
LAB_HELPER static volatile struct mv_chan_desc *ring_slot(const struct chan_end *e, uint32_t i) {
    return vmmu_kernel_ptr(space(e), e->ring_va + MV_CHAN_RING_BYTES(i & (e->ring_n - 1)),
                           sizeof(struct mv_chan_desc), MV_MAP_READ | MV_MAP_WRITE);
}

/* Is [va, va + len) of e's owner writable right now? */
LAB_HELPER static bool writable(const struct chan_end *e, uint32_t va, uint32_t len) {
    return vmmu_check(space(e), va, len, MV_MAP_READ | MV_MAP_WRITE, NULL) == 0;
}

/* A message arrived on receiving end @p to, which asked to be told: raise its line. */
LAB_HELPER static void notify_receiver(struct chan_end *to) {
    to->stats.notified++;
    virq_raise(to->owner, to->line, 0);
}

/* Receiving end @p e has a free buffer for a sender that asked: raise the sender's line. */
LAB_HELPER static void signal_sender(struct chan_end *e) {
    e->stats.space_signals++;
    virq_raise(e->peer->owner, e->peer->line, 0);
}

int32_t chan_register(struct chan_end *e, uint32_t ring_va, uint32_t n) {
    if (ring_va == 0 && n == 0) {
        e->ring_va = e->ring_n = 0;
        return 0;
    }
    if (n == 0 || n > MV_CHAN_RING_MAX || (n & (n - 1)) || (ring_va % 16u))
        return MV_EINVAL;
    if (vmmu_check(space(e), ring_va, MV_CHAN_RING_BYTES(n), MV_MAP_READ | MV_MAP_WRITE, NULL))
        return MV_EFAULT;
    e->ring_va = ring_va;
    e->ring_n = n;
    e->filled = 0;
    volatile struct mv_chan_ring *ring = ring_header(e);   /* just checked: not NULL */
    ring->filled = 0;
    ring->space_wanted = 0;
    if (e->space_wanted)
        chan_posted(e);   /* a sender already waits: the buffers posted so far count */
    return 0;
}

/* The send found no free buffer on @p to's ring (err says why): if the sender asked,
 * remember that it waits, and tell the receiver through its ring. */
LAB_HELPER static int32_t no_space(struct chan_end *to, uint32_t flags, int32_t err) {
    /* LAB 4 BEGIN: arm the space signal when asked */
    if (flags & MV_CHAN_WANT_SPACE) {
        to->space_wanted = true;
        volatile struct mv_chan_ring *ring = to->ring_n ? ring_header(to) : NULL;
        if (ring)
            ring->space_wanted = 1;   /* for the receiver to see (if it can) */
    }
    return err;
    /* LAB 4 STUB
    (void)to, (void)flags;
    LAB_NOT_IMPLEMENTED(4, "no_space");
    return err;
    LAB 4 END */
}

int32_t chan_send(struct chan_end *e, uint32_t buf, uint32_t len, uint32_t flags) {
    /* LAB 4 BEGIN: validate, take the next posted buffer, copy once, publish, notify */
    struct chan_end *to = e->peer;
    if (len == 0 || (flags & ~MV_CHAN_WANT_SPACE))
        return MV_EINVAL;
    if (len > MV_CHAN_MAX)
        return MV_ERANGE;
    if (vmmu_check(space(e), buf, len, MV_MAP_READ, NULL))
        return MV_EFAULT;
    if (owner_vm(to)->state == VM_STOPPED)
        return MV_EBUSY;                   /* for good: no signal will ever come */
    if (!to->ring_n)
        return no_space(to, flags, MV_EBUSY);

    /* the header and the next descriptor: each field read once, then only our copies */
    volatile struct mv_chan_ring *ring = ring_header(to);
    if (!ring)
        return MV_EPEER;
    uint32_t posted = ring->posted, notify = ring->notify;
    uint32_t free = posted - to->filled;   /* free-running counters: wrap is fine */
    if (free == 0)
        return no_space(to, flags, MV_EFULL);
    volatile struct mv_chan_desc *slot = ring_slot(to, to->filled);
    if (free > to->ring_n || !slot)
        return MV_EPEER;                   /* more posted than slots: corrupt */
    uint32_t addr = slot->addr, size = slot->size;
    if (len > size)
        return MV_ERANGE;
    if (!writable(to, addr, len))          /* before the first byte moves */
        return MV_EPEER;

    vmmu_copy_between(space(to), addr, space(e), buf, len);   /* the single copy */
    slot->len = len;
    to->filled++;
    ring->filled = to->filled;             /* published after the data and its length */
    if (notify) {                          /* it asked: one vIRQ, and no more until it asks again */
        ring->notify = 0;
        notify_receiver(to);
    }
    return (int32_t)len;
    /* LAB 4 STUB
    (void)e, (void)buf, (void)len, (void)flags;
    LAB_NOT_IMPLEMENTED(4, "chan_send");
    return MV_ENOSYS;
    LAB 4 END */
}

void chan_count_send(struct chan_end *to, int32_t rc) {
    if (rc > 0) {
        to->stats.messages++;
        to->stats.bytes += (uint32_t)rc;
    } else if (rc == MV_EFULL) {
        to->stats.full++;
    }
}

int32_t chan_posted(struct chan_end *e) {
    volatile struct mv_chan_ring *ring = e->ring_n ? ring_header(e) : NULL;
    if (!e->ring_n)
        return MV_EBUSY;
    if (!ring)
        return MV_EFAULT;   /* the caller's own ring */
    /* LAB 4 BEGIN: signal a waiting sender once there is a free buffer */
    if (!e->space_wanted || ring->posted == e->filled)
        return 0;
    e->space_wanted = false;
    ring->space_wanted = 0;
    signal_sender(e);
    return 1;
    /* LAB 4 STUB
    LAB_NOT_IMPLEMENTED(4, "chan_posted");
    return 0;
    LAB 4 END */
}
