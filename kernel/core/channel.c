/* channel.c - single-copy channels: the sender's bytes go straight into the receiver's buffer. */
#include "core/channel.h"
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
/* Buffers are guest-kernel addresses of the end's VM (hypercalls come from guest-kernel mode). */
static const struct vmmu_space *space(const struct chan_end *e) { return vmmu_kernel_space(owner_vm(e)); }

int32_t chan_send(struct chan_end *e, uint32_t buf, uint32_t len) {
    struct chan_end *to = e->peer;
    if (len == 0)
        return MV_EINVAL;
    if (len > MV_CHAN_MAX)
        return MV_ERANGE;
    if (vmmu_check(space(e), buf, len, MV_MAP_READ, NULL))
        return MV_EFAULT;
    if (owner_vm(to)->state == VM_STOPPED || !to->rx_size || to->rx_len)
        return MV_EBUSY;
    if (len > to->rx_size)
        return MV_ERANGE;
    if (vmmu_check(space(to), to->rx_va, len, MV_MAP_WRITE, NULL)) {
        to->rx_size = 0;   /* the receiver unmapped its own buffer: it has none posted */
        return MV_EBUSY;
    }
    vmmu_copy_between(space(to), to->rx_va, space(e), buf, len);
    to->rx_len = len;
    virq_raise(to->owner, to->line, 0);
    return (int32_t)len;
}

int32_t chan_recv(struct chan_end *e, uint32_t buf, uint32_t size) {
    if (size > MV_CHAN_MAX)
        return MV_ERANGE;
    if (size && vmmu_check(space(e), buf, size, MV_MAP_WRITE, NULL))
        return MV_EFAULT;
    uint32_t got = e->rx_len;
    e->rx_len = 0;
    e->rx_va = buf;
    e->rx_size = size;
    if (size)
        virq_raise(e->peer->owner, e->peer->line, 0);   /* the peer may send again */
    return (int32_t)got;
}
