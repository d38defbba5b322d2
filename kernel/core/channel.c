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

/* Offsets into struct mv_chan_ring (the layout is ABI: abi.h). */
#define RING_POSTED       0u
#define RING_FILLED       4u
#define RING_NOTIFY       8u
#define RING_SPACE_WANTED 12u
#define DESC_LEN          8u

void chan_init(struct channel *c, struct vcpu *a, uint32_t line_a, struct vcpu *b,
               uint32_t line_b) {
    c->ends[0] = (struct chan_end){.peer = &c->ends[1], .owner = a, .line = line_a};
    c->ends[1] = (struct chan_end){.peer = &c->ends[0], .owner = b, .line = line_b};
}

static struct vm *owner_vm(const struct chan_end *e) { return e->owner->vm; }
/* Rings and buffers are guest-kernel addresses of the end's VM (hypercalls come from
 * guest-kernel mode, which always runs in the kernel's own space). */
static const struct vmmu_space *space(const struct chan_end *e) { return vmmu_kernel_space(owner_vm(e)); }

/* Guest VA of descriptor i (the i-th buffer ever posted) of e's ring. */
LAB_HELPER static uint32_t desc_va(const struct chan_end *e, uint32_t i) {
    return e->ring_va + MV_CHAN_RING_BYTES(i & (e->ring_n - 1));
}

/* Read @p len bytes at @p va of e's ring (its header or a descriptor). */
static int ring_load(const struct chan_end *e, uint32_t va, void *dst, uint32_t len) {
    return vmmu_copy_from_guest(space(e), dst, va, len) ? MV_EPEER : 0;
}

/* Write one word of e's ring; the caller checked it is writable (or does not care). */
static void ring_store(const struct chan_end *e, uint32_t va, uint32_t value) {
    vmmu_copy_to_guest(space(e), va, &value, sizeof value);
}

/* Is [va, va + len) of e's owner writable right now? */
static bool writable(const struct chan_end *e, uint32_t va, uint32_t len) {
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
    if (n == 0 || n > MV_CHAN_RING_MAX || (n & (n - 1)) || (ring_va & 3u))
        return MV_EINVAL;
    if (!writable(e, ring_va, MV_CHAN_RING_BYTES(n)))
        return MV_EFAULT;
    e->ring_va = ring_va;
    e->ring_n = n;
    e->filled = 0;
    ring_store(e, ring_va + RING_FILLED, 0);
    ring_store(e, ring_va + RING_SPACE_WANTED, 0);
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
        if (to->ring_n && writable(to, to->ring_va, MV_CHAN_RING_BYTES(0)))
            ring_store(to, to->ring_va + RING_SPACE_WANTED, 1);
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
    if (owner_vm(to)->state == VM_STOPPED || !to->ring_n)
        return no_space(to, flags, MV_EBUSY);

    /* the header and the next descriptor: read once, then only our copies are used */
    struct mv_chan_ring ring;
    struct mv_chan_desc d;
    uint32_t dva = desc_va(to, to->filled);
    if (ring_load(to, to->ring_va, &ring, sizeof ring))
        return MV_EPEER;
    uint32_t free = ring.posted - to->filled;   /* free-running counters: wrap is fine */
    if (free == 0)
        return no_space(to, flags, MV_EFULL);
    if (free > to->ring_n || ring_load(to, dva, &d, sizeof d))
        return MV_EPEER;                        /* more posted than slots: corrupt */
    if (len > d.size)
        return MV_ERANGE;
    /* everything we will write must be writable before the first byte moves */
    if (!writable(to, d.addr, len) || !writable(to, to->ring_va, sizeof ring) ||
        !writable(to, dva, sizeof d))
        return MV_EPEER;

    vmmu_copy_between(space(to), d.addr, space(e), buf, len);   /* the single copy */
    ring_store(to, dva + DESC_LEN, len);
    to->filled++;
    ring_store(to, to->ring_va + RING_FILLED, to->filled);       /* publish after the data */
    if (ring.notify) {                                          /* it asked: one vIRQ */
        ring_store(to, to->ring_va + RING_NOTIFY, 0);
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
    if (!e->ring_n)
        return MV_EBUSY;
    uint32_t posted;
    if (ring_load(e, e->ring_va + RING_POSTED, &posted, sizeof posted))
        return MV_EFAULT;   /* the caller's own ring */
    /* LAB 4 BEGIN: signal a waiting sender once there is a free buffer */
    if (!e->space_wanted || posted == e->filled)
        return 0;
    e->space_wanted = false;
    if (writable(e, e->ring_va, MV_CHAN_RING_BYTES(0)))
        ring_store(e, e->ring_va + RING_SPACE_WANTED, 0);
    signal_sender(e);
    return 1;
    /* LAB 4 STUB
    (void)posted;
    LAB_NOT_IMPLEMENTED(4, "chan_posted");
    return 0;
    LAB 4 END */
}
