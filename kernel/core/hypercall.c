/*
 * hypercall.c - the hypercall table. Each handler validates every argument it uses
 * and returns a result or a negative MV_E... code; none may trust a guest value.
 */
#include "core/hypercall.h"
#include "core/channel.h"
#include "core/console.h"
#include "core/irq.h"
#include "core/lib.h"
#include "core/sched.h"
#include "core/vcpu.h"
#include "core/virq.h"
#include "core/vmmu.h"
#include "core/vtimer.h"

typedef int32_t (*hc_handler)(struct vcpu *v, struct mv_regs *r);

static int32_t hc_null(struct vcpu *v, struct mv_regs *r) {
    (void)v, (void)r;
    return 0;
}

static int32_t hc_console_write(struct vcpu *v, struct mv_regs *r) {
    uint32_t buf = r->r[0], len = r->r[1];
    char chunk[128];
    if (len > MV_CONSOLE_MAX)
        return MV_ERANGE;
    /* all or nothing: a fault in a later chunk must not leave half a message behind */
    const struct vmmu_space *s = vmmu_kernel_space(v->vm);
    int err = vmmu_check(s, buf, len, MV_MAP_READ, NULL);
    if (err)
        return err;
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < sizeof chunk ? len - done : (uint32_t)sizeof chunk;
        vmmu_copy_from_guest(s, chunk, buf + done, n);   /* checked above */
        vm_console_write(v->vm, chunk, n);
        done += n;
    }
    return (int32_t)len;
}

static int32_t hc_vm_exit(struct vcpu *v, struct mv_regs *r) {
    vm_stop(v->vm, (int32_t)r->r[0], "the VM exited");
    return HC_KEEP_REGS;
}

static int32_t hc_yield(struct vcpu *v, struct mv_regs *r) {
    (void)r;
    sched_yield(v);
    return 0;
}

static int32_t hc_set_entry(struct vcpu *v, struct mv_regs *r) {
    if (r->r[0] >= MV_GUEST_VA_LIMIT || r->r[1] >= MV_GUEST_VA_LIMIT)
        return MV_ERANGE;
    v->upcall_pc = r->r[0];
    v->upcall_sp = r->r[1];
    return 0;
}

static int32_t hc_resume_user(struct vcpu *v, struct mv_regs *r) {
    if (v->ctx == MV_CTX_KERNEL)
        return MV_EBUSY;   /* no process context: guest-user mode would have no memory */
    arch_copy_regs(r, &v->shared->user);   /* copied first (the guest may change its page), then made safe */
    arch_user_context(r);
    v->mode = VMODE_USER;
    vmmu_activate(v);   /* the process's address space from the next instruction on */
    return HC_KEEP_REGS;
}

static int32_t hc_vmmu_map(struct vcpu *v, struct mv_regs *r) {
    return vmmu_map(v->vm, r->r[3], r->r[0], r->r[1], r->r[2]);
}

static int32_t hc_vmmu_unmap(struct vcpu *v, struct mv_regs *r) {
    return vmmu_unmap(v->vm, r->r[1], r->r[0]);
}

static int32_t hc_vmmu_flush(struct vcpu *v, struct mv_regs *r) {
    return vmmu_flush(v->vm, r->r[0], r->r[1], r->r[2]);
}

static int32_t hc_ctx_create(struct vcpu *v, struct mv_regs *r) {
    (void)r;
    return vmmu_ctx_create(v->vm);
}

static int32_t hc_ctx_destroy(struct vcpu *v, struct mv_regs *r) {
    return vmmu_ctx_destroy(v->vm, r->r[0]);
}

static int32_t hc_ctx_switch(struct vcpu *v, struct mv_regs *r) {
    return vmmu_ctx_switch(v, r->r[0]);
}

/* Copy between a process context (r0, address r1) and the guest kernel's space (r2), r3
 * bytes. All or nothing: both ranges are checked first. A fault on the process's side is
 * MV_EFAULT with its first bad address in r1, so the guest kernel can tell a page it must
 * (re)insert from a bad pointer. */
static int32_t copy_ctx(struct vcpu *v, struct mv_regs *r, bool to_ctx) {
    const struct vmmu_space *ctx = vmmu_space(v->vm, r->r[0]), *k = vmmu_kernel_space(v->vm);
    uint32_t user = r->r[1], kbuf = r->r[2], len = r->r[3], bad;
    if (!ctx || r->r[0] == MV_CTX_KERNEL)
        return MV_EINVAL;
    if (len > MV_COPY_MAX)
        return MV_ERANGE;
    if (vmmu_check(k, kbuf, len, to_ctx ? MV_MAP_READ : MV_MAP_WRITE, NULL))
        return MV_EINVAL;
    if (vmmu_check(ctx, user, len, to_ctx ? MV_MAP_WRITE : MV_MAP_READ, &bad)) {
        r->r[0] = (uint32_t)MV_EFAULT;
        r->r[1] = bad;
        return HC_KEEP_REGS;
    }
    if (to_ctx)
        vmmu_copy_between(ctx, user, k, kbuf, len);
    else
        vmmu_copy_between(k, kbuf, ctx, user, len);
    return 0;
}

static int32_t hc_copy_from_ctx(struct vcpu *v, struct mv_regs *r) { return copy_ctx(v, r, false); }
static int32_t hc_copy_to_ctx(struct vcpu *v, struct mv_regs *r) { return copy_ctx(v, r, true); }

static int32_t hc_virq_raise(struct vcpu *v, struct mv_regs *r) {
    int err;
    const struct cap *c = cap_lookup(v->vm, r->r[0], CAP_VIRQ, CAP_R_RAISE, &err);
    if (!c)
        return err;
    virq_raise(c->vcpu, c->line, r->r[1]);
    return 0;
}

static int32_t hc_virq_take(struct vcpu *v, struct mv_regs *r) {
    uint32_t payload;
    if (r->r[0] >= MV_VIRQ_LINES)
        return MV_ERANGE;
    r->r[0] = virq_take(v, r->r[0], &payload);
    r->r[1] = payload;
    return HC_KEEP_REGS;   /* r1 is the payload, any word */
}

static int32_t hc_vtimer_set(struct vcpu *v, struct mv_regs *r) {
    if (r->r[2] >= MV_VIRQ_LINES)
        return MV_ERANGE;
    vtimer_set(v, ((uint64_t)r->r[1] << 32) | r->r[0], r->r[2], arch_time_now());
    sched_timer_rearm();   /* the fast path back to the guest does not look at the timer */
    return 0;
}

static int32_t hc_console_read(struct vcpu *v, struct mv_regs *r) {
    if (!console_in.owner || console_in.owner->vm != v->vm)
        return MV_EPERM;
    if (r->r[1] > MV_CONSOLE_MAX)
        return MV_ERANGE;
    int32_t n = console_read(v->vm, r->r[0], r->r[1]);
    r->r[0] = (uint32_t)n;
    r->r[1] = console_in.dropped;
    return HC_KEEP_REGS;
}

static int32_t hc_virq_ack(struct vcpu *v, struct mv_regs *r) {
    return (int32_t)virq_ack(v, r->r[0]);
}

static int32_t hc_wait(struct vcpu *v, struct mv_regs *r) {
    return virq_wait(v, r->r[0]);
}

static int32_t hc_time(struct vcpu *v, struct mv_regs *r) {
    (void)v;
    uint64_t now = arch_time_now();
    r->r[0] = (uint32_t)now;
    r->r[1] = (uint32_t)(now >> 32);
    return HC_KEEP_REGS;   /* both words are raw time, not a result code */
}

static struct vcpu *vcpu_cap(struct vcpu *v, uint32_t index, int *err) {
    const struct cap *c = cap_lookup(v->vm, index, CAP_VCPU, CAP_R_CONTROL, err);
    return c ? c->vcpu : NULL;
}

static int32_t hc_vcpu_start(struct vcpu *v, struct mv_regs *r) {
    int err;
    struct vcpu *t = vcpu_cap(v, r->r[0], &err);
    if (!t)
        return err;
    if (r->r[1] >= MV_GUEST_VA_LIMIT || r->r[2] >= MV_GUEST_VA_LIMIT)
        return MV_ERANGE;
    if (t->state != VCPU_STOPPED)
        return MV_EBUSY;
    vcpu_start(t, r->r[1], r->r[2], r->r[3]);
    return 0;
}

static int32_t hc_vcpu_stop(struct vcpu *v, struct mv_regs *r) {
    int err;
    struct vcpu *t = vcpu_cap(v, r->r[0], &err);
    if (!t)
        return err;
    sched_stop(t);
    vm_stop_if_no_vcpus(t->vm);
    return 0;
}

static int32_t hc_vcpu_set_prio(struct vcpu *v, struct mv_regs *r) {
    int err;
    struct vcpu *t = vcpu_cap(v, r->r[0], &err);
    if (!t)
        return err;
    if (r->r[1] > v->vm->max_prio)
        return MV_ERANGE;
    sched_set_prio(t, r->r[1]);
    return 0;
}

static int32_t hc_set_tls(struct vcpu *v, struct mv_regs *r) {
    v->tls_ro = r->r[0];
    arch_tls_load(arch_tls_user_read(), v->tls_ro);   /* v is running: load it now */
    return 0;
}

static struct chan_end *chan_cap(struct vcpu *v, uint32_t index, uint32_t right, int *err) {
    const struct cap *c = cap_lookup(v->vm, index, CAP_CHANNEL, right, err);
    return c ? c->chan : NULL;
}

static int32_t hc_chan_send(struct vcpu *v, struct mv_regs *r) {
    int err;
    struct chan_end *e = chan_cap(v, r->r[0], CAP_R_SEND, &err);
    if (!e)
        return err;
    int32_t rc = chan_send(e, r->r[1], r->r[2], r->r[3]);
    chan_count_send(e->peer, rc);
    return rc;
}

static int32_t hc_chan_register(struct vcpu *v, struct mv_regs *r) {
    int err;
    struct chan_end *e = chan_cap(v, r->r[0], CAP_R_RECV, &err);
    return e ? chan_register(e, r->r[1], r->r[2]) : err;
}

static int32_t hc_chan_posted(struct vcpu *v, struct mv_regs *r) {
    int err;
    struct chan_end *e = chan_cap(v, r->r[0], CAP_R_RECV, &err);
    return e ? chan_posted(e) : err;
}

static int32_t hc_irq_ack(struct vcpu *v, struct mv_regs *r) {
    int err;
    const struct cap *c = cap_lookup(v->vm, r->r[0], CAP_IRQ, CAP_R_ACK, &err);
    return c ? irq_ack(c->route) : err;
}

static const hc_handler hc_table[MV_HC_COUNT] = {
    [MV_HC_NULL] = hc_null,
    [MV_HC_CONSOLE_WRITE] = hc_console_write,
    [MV_HC_VM_EXIT] = hc_vm_exit,
    [MV_HC_YIELD] = hc_yield,
    [MV_HC_SET_ENTRY] = hc_set_entry,
    [MV_HC_RESUME_USER] = hc_resume_user,
    [MV_HC_VMMU_MAP] = hc_vmmu_map,
    [MV_HC_VMMU_UNMAP] = hc_vmmu_unmap,
    [MV_HC_VIRQ_RAISE] = hc_virq_raise,
    [MV_HC_VIRQ_ACK] = hc_virq_ack,
    [MV_HC_WAIT] = hc_wait,
    [MV_HC_TIME] = hc_time,
    [MV_HC_VCPU_START] = hc_vcpu_start,
    [MV_HC_VCPU_STOP] = hc_vcpu_stop,
    [MV_HC_VCPU_SET_PRIO] = hc_vcpu_set_prio,
    [MV_HC_SET_TLS] = hc_set_tls,
    [MV_HC_CHAN_SEND] = hc_chan_send,
    [MV_HC_CHAN_REGISTER] = hc_chan_register,
    [MV_HC_IRQ_ACK] = hc_irq_ack,
    [MV_HC_VMMU_FLUSH] = hc_vmmu_flush,
    [MV_HC_CTX_CREATE] = hc_ctx_create,
    [MV_HC_CTX_DESTROY] = hc_ctx_destroy,
    [MV_HC_CTX_SWITCH] = hc_ctx_switch,
    [MV_HC_COPY_FROM_CTX] = hc_copy_from_ctx,
    [MV_HC_COPY_TO_CTX] = hc_copy_to_ctx,
    [MV_HC_VIRQ_TAKE] = hc_virq_take,
    [MV_HC_VTIMER_SET] = hc_vtimer_set,
    [MV_HC_CONSOLE_READ] = hc_console_read,
    [MV_HC_CHAN_POSTED] = hc_chan_posted,
};

DEBUG_VISIBLE void hypercall_dispatch(struct vcpu *v, struct mv_regs *r) {
    uint32_t nr = r->r[7];
    int32_t result = nr < MV_HC_COUNT ? hc_table[nr](v, r) : MV_ENOSYS;
    if (result != HC_KEEP_REGS)
        r->r[0] = (uint32_t)result;
}
