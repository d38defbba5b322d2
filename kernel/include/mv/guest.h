/**
 * @file guest.h
 * @brief Hypercall wrappers for code running in guest-kernel mode.
 *
 * Each function is one `svc #0` with the number in r7 (see abi.h for the
 * convention). Include this in guest kernels and in programs that run directly
 * on the microvisor.
 */
#ifndef MV_GUEST_H
#define MV_GUEST_H

#include <stddef.h>
#include "mv/abi.h"
#include "mv/chan_ring.h"

/** @brief Raw hypercall with up to four arguments; returns r0. */
static inline int32_t mv_hypercall4(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
                                    uint32_t a3) {
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r7) : "memory");
    return (int32_t)r0;
}

/** @brief ::MV_HC_NULL. */
static inline int32_t mv_null(void) { return mv_hypercall4(MV_HC_NULL, 0, 0, 0, 0); }
/** @brief ::MV_HC_CONSOLE_WRITE: write @p len bytes at @p buf. */
static inline int32_t mv_console_write(const void *buf, uint32_t len) {
    return mv_hypercall4(MV_HC_CONSOLE_WRITE, (uint32_t)buf, len, 0, 0);
}
/** @brief ::MV_HC_VM_EXIT: stop this VM with @p code. */
static inline __attribute__((noreturn)) void mv_vm_exit(int32_t code) {
    mv_hypercall4(MV_HC_VM_EXIT, (uint32_t)code, 0, 0, 0);
    for (;;)
        ;
}
/** @brief ::MV_HC_YIELD. */
static inline int32_t mv_yield(void) { return mv_hypercall4(MV_HC_YIELD, 0, 0, 0, 0); }
/** @brief ::MV_HC_SET_ENTRY: upcalls enter @p entry(cause, state) on stack @p sp. */
static inline int32_t mv_set_entry(void (*entry)(uint32_t cause, struct mv_state *s), void *sp) {
    return mv_hypercall4(MV_HC_SET_ENTRY, (uint32_t)entry, (uint32_t)sp, 0, 0);
}
/** @brief ::MV_HC_RESUME_USER: continue guest-user mode from mv_state::user. */
static inline int32_t mv_resume_user(void) { return mv_hypercall4(MV_HC_RESUME_USER, 0, 0, 0, 0); }
/** @brief ::MV_HC_VMMU_MAP into the guest kernel's own space. */
static inline int32_t mv_vmmu_map(uint32_t va, uint32_t gpa, uint32_t flags) {
    return mv_hypercall4(MV_HC_VMMU_MAP, va, gpa, flags, MV_CTX_KERNEL);
}
/** @brief ::MV_HC_VMMU_UNMAP from the guest kernel's own space. */
static inline int32_t mv_vmmu_unmap(uint32_t va) {
    return mv_hypercall4(MV_HC_VMMU_UNMAP, va, MV_CTX_KERNEL, 0, 0);
}
/** @brief ::MV_HC_VMMU_MAP into context @p ctx. */
static inline int32_t mv_ctx_map(uint32_t ctx, uint32_t va, uint32_t gpa, uint32_t flags) {
    return mv_hypercall4(MV_HC_VMMU_MAP, va, gpa, flags, ctx);
}
/** @brief Map every page of [@p lo, @p hi) of this program into context @p ctx at the same
 *  addresses, for a program whose guest-kernel addresses are its guest-physical ones (RAM
 *  mapped 1:1, as the loader maps it). @return 0 or the first error. */
static inline int32_t mv_ctx_map_same(uint32_t ctx, const void *lo, const void *hi, uint32_t flags) {
    for (uint32_t p = (uint32_t)lo & ~(MV_PAGE_SIZE - 1u); p < (uint32_t)hi; p += MV_PAGE_SIZE) {
        int32_t rc = mv_ctx_map(ctx, p, p, flags);
        if (rc)
            return rc;
    }
    return 0;
}
/** @brief ::MV_HC_VMMU_UNMAP from context @p ctx. */
static inline int32_t mv_ctx_unmap(uint32_t ctx, uint32_t va) {
    return mv_hypercall4(MV_HC_VMMU_UNMAP, va, ctx, 0, 0);
}
/** @brief ::MV_HC_VMMU_FLUSH: remove context @p ctx's mappings in [@p va, @p va + @p len)
 *  (@p len 0: all of them). */
static inline int32_t mv_vmmu_flush(uint32_t ctx, uint32_t va, uint32_t len) {
    return mv_hypercall4(MV_HC_VMMU_FLUSH, ctx, va, len, 0);
}
/** @brief ::MV_HC_CTX_CREATE: a new, empty process context (its index, or an error). */
static inline int32_t mv_ctx_create(void) { return mv_hypercall4(MV_HC_CTX_CREATE, 0, 0, 0, 0); }
/** @brief ::MV_HC_CTX_DESTROY. */
static inline int32_t mv_ctx_destroy(uint32_t ctx) {
    return mv_hypercall4(MV_HC_CTX_DESTROY, ctx, 0, 0, 0);
}
/** @brief ::MV_HC_CTX_SWITCH: guest-user mode of this vCPU runs in @p ctx from now on. */
static inline int32_t mv_ctx_switch(uint32_t ctx) {
    return mv_hypercall4(MV_HC_CTX_SWITCH, ctx, 0, 0, 0);
}
/** @brief ::MV_HC_COPY_FROM_CTX or ::MV_HC_COPY_TO_CTX; on ::MV_EFAULT, *@p bad is the first
 *  context address that failed (if @p bad is not NULL). */
static inline int32_t mv_copy_ctx(uint32_t nr, uint32_t ctx, uint32_t ctx_va, void *kbuf,
                                  uint32_t len, uint32_t *bad) {
    register uint32_t r0 __asm__("r0") = ctx;
    register uint32_t r1 __asm__("r1") = ctx_va;
    register uint32_t r2 __asm__("r2") = (uint32_t)kbuf;
    register uint32_t r3 __asm__("r3") = len;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r7) : "memory");
    if (bad && (int32_t)r0 == MV_EFAULT)
        *bad = r1;
    return (int32_t)r0;
}
/** @brief Copy @p len bytes from @p ctx_va of context @p ctx into @p dst (::MV_HC_COPY_FROM_CTX). */
static inline int32_t mv_copy_from_ctx(uint32_t ctx, void *dst, uint32_t ctx_va, uint32_t len,
                                       uint32_t *bad) {
    return mv_copy_ctx(MV_HC_COPY_FROM_CTX, ctx, ctx_va, dst, len, bad);
}
/** @brief Copy @p len bytes from @p src to @p ctx_va of context @p ctx (::MV_HC_COPY_TO_CTX). */
static inline int32_t mv_copy_to_ctx(uint32_t ctx, uint32_t ctx_va, const void *src, uint32_t len,
                                     uint32_t *bad) {
    return mv_copy_ctx(MV_HC_COPY_TO_CTX, ctx, ctx_va, (void *)src, len, bad);
}
/** @brief ::MV_HC_VIRQ_RAISE: raise the vIRQ named by @p cap. */
static inline int32_t mv_virq_raise(uint32_t cap) { return mv_hypercall4(MV_HC_VIRQ_RAISE, cap, 0, 0, 0); }
/** @brief ::MV_HC_VIRQ_RAISE with a payload ORed into the line's. */
static inline int32_t mv_virq_raise_payload(uint32_t cap, uint32_t payload) {
    return mv_hypercall4(MV_HC_VIRQ_RAISE, cap, payload, 0, 0);
}
/** @brief A hypercall whose result is r0 and a second word in r1 (stored in *@p r1). */
static inline int32_t mv_hypercall2_r1(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
                                       uint32_t *out1) {
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r7) : "memory");
    *out1 = r1;
    return (int32_t)r0;
}
/** @brief ::MV_HC_VIRQ_TAKE: 1 if @p line was pending (its payload in *@p payload), 0 if not. */
static inline int32_t mv_virq_take(uint32_t line, uint32_t *payload) {
    return mv_hypercall2_r1(MV_HC_VIRQ_TAKE, line, 0, 0, payload);
}
/** @brief ::MV_HC_VTIMER_SET: raise @p line at absolute virtual time @p deadline ns (0: cancel). */
static inline int32_t mv_vtimer_set(uint64_t deadline, uint32_t line) {
    return mv_hypercall4(MV_HC_VTIMER_SET, (uint32_t)deadline, (uint32_t)(deadline >> 32), line, 0);
}
/** @brief ::MV_HC_CONSOLE_READ: up to @p max bytes of console input into @p buf (0: none
 *  waiting); *@p dropped = the bytes dropped so far. */
static inline int32_t mv_console_read(void *buf, uint32_t max, uint32_t *dropped) {
    return mv_hypercall2_r1(MV_HC_CONSOLE_READ, (uint32_t)buf, max, 0, dropped);
}
/** @brief ::MV_HC_VIRQ_ACK: clear @p mask; returns the lines that were pending. */
static inline int32_t mv_virq_ack(uint32_t mask) { return mv_hypercall4(MV_HC_VIRQ_ACK, mask, 0, 0, 0); }
/** @brief ::MV_HC_WAIT: block until a vIRQ or @p timeout_ns (0 = none); returns pending lines. */
static inline int32_t mv_wait(uint32_t timeout_ns) { return mv_hypercall4(MV_HC_WAIT, timeout_ns, 0, 0, 0); }
/** @brief ::MV_HC_TIME: virtual time in ns. */
static inline uint64_t mv_time(void) {
    register uint32_t r0 __asm__("r0");
    register uint32_t r1 __asm__("r1");
    register uint32_t r7 __asm__("r7") = MV_HC_TIME;
    __asm__ volatile("svc #0" : "=r"(r0), "=r"(r1) : "r"(r7) : "memory");
    return ((uint64_t)r1 << 32) | r0;
}
/** @brief ::MV_HC_VCPU_START: start the vCPU named by @p cap at @p entry(arg) on stack @p sp. */
static inline int32_t mv_vcpu_start(uint32_t cap, void (*entry)(uint32_t), void *sp, uint32_t arg) {
    return mv_hypercall4(MV_HC_VCPU_START, cap, (uint32_t)entry, (uint32_t)sp, arg);
}
/** @brief ::MV_HC_VCPU_STOP. */
static inline int32_t mv_vcpu_stop(uint32_t cap) { return mv_hypercall4(MV_HC_VCPU_STOP, cap, 0, 0, 0); }
/** @brief ::MV_HC_VCPU_SET_PRIO. */
static inline int32_t mv_vcpu_set_prio(uint32_t cap, uint32_t prio) {
    return mv_hypercall4(MV_HC_VCPU_SET_PRIO, cap, prio, 0, 0);
}
/** @brief ::MV_HC_SET_TLS. */
static inline int32_t mv_set_tls(uint32_t value) { return mv_hypercall4(MV_HC_SET_TLS, value, 0, 0, 0); }
/** @brief ::MV_HC_CHAN_SEND: send @p len bytes at @p buf on the channel named by @p cap
 *  (@p flags: 0 or ::MV_CHAN_WANT_SPACE). */
static inline int32_t mv_chan_send_flags(uint32_t cap, const void *buf, uint32_t len,
                                         uint32_t flags) {
    return mv_hypercall4(MV_HC_CHAN_SEND, cap, (uint32_t)buf, len, flags);
}
/** @brief ::MV_HC_CHAN_SEND without flags. */
static inline int32_t mv_chan_send(uint32_t cap, const void *buf, uint32_t len) {
    return mv_chan_send_flags(cap, buf, len, 0);
}
/** @brief ::MV_HC_CHAN_REGISTER: @p r's ring receives on the channel named by @p cap
 *  (@p r set up with mv_ring_init(); NULL unregisters). */
static inline int32_t mv_chan_register(uint32_t cap, const struct mv_ring *r) {
    return r ? mv_hypercall4(MV_HC_CHAN_REGISTER, cap, (uint32_t)r->shared, r->n, 0)
             : mv_hypercall4(MV_HC_CHAN_REGISTER, cap, 0, 0, 0);
}
/** @brief ::MV_HC_CHAN_POSTED: tell a sender waiting for space that buffers were posted. */
static inline int32_t mv_chan_posted(uint32_t cap) {
    return mv_hypercall4(MV_HC_CHAN_POSTED, cap, 0, 0, 0);
}
/** @brief Set up ring @p r on @p mem (::MV_CHAN_RING_STORAGE of @p n descriptors) with
 *  @p n buffers of @p size bytes each at @p bufs posted, and register it on the channel
 *  end named by @p cap. @return the registration's result. */
static inline int32_t mv_ring_start(uint32_t cap, struct mv_ring *r, void *mem, uint32_t n,
                                    void *bufs, uint32_t size) {
    mv_ring_init(r, (struct mv_chan_ring *)mem, n);
    for (uint32_t i = 0; i < n; i++)
        mv_ring_post(r, (char *)bufs + i * size, size);
    return mv_chan_register(cap, r);
}
/** @brief Wait for a vIRQ, then clear the lines in mask @p lines. For the channel loops
 *  below: each looks at its ring (or retries its send) after the wait, so a line raised
 *  just before the wait is not lost — it makes the wait return at once. */
static inline void mv_wait_clear(uint32_t lines) {
    mv_wait(0);
    mv_virq_ack(lines);
}
/** @brief Send on the channel named by @p cap; while the receiver has no free buffer (or
 *  no ring yet), wait for its space signal (::MV_CHAN_WANT_SPACE) with mv_wait_clear(@p
 *  lines). @return the send's result: the length, or an error other than ::MV_EFULL and
 *  ::MV_EBUSY. */
static inline int32_t mv_chan_send_wait(uint32_t cap, const void *msg, uint32_t len,
                                        uint32_t lines) {
    int32_t rc;
    while ((rc = mv_chan_send_flags(cap, msg, len, MV_CHAN_WANT_SPACE)) == MV_EFULL ||
           rc == MV_EBUSY)
        mv_wait_clear(lines);
    return rc;
}
/** @brief The next message of ring @p r (its length in @p *len), waiting for one: asks
 *  for a vIRQ with mv_ring_arm() before each mv_wait_clear(@p lines). */
static inline void *mv_ring_next_wait(struct mv_ring *r, uint32_t *len, uint32_t lines) {
    void *msg;
    while ((msg = mv_ring_next(r, len)) == NULL)
        if (!mv_ring_arm(r))
            mv_wait_clear(lines);
    return msg;
}
/** @brief mv_ring_post(), then ::MV_HC_CHAN_POSTED if a sender waits for space (only
 *  then: a receiver that keeps up makes no hypercall). @return as mv_ring_post(). */
static inline int mv_ring_post_signal(uint32_t cap, struct mv_ring *r, void *buf, uint32_t size) {
    int rc = mv_ring_post(r, buf, size);
    if (rc == 0 && mv_ring_space_wanted(r))
        mv_chan_posted(cap);
    return rc;
}
/** @brief ::MV_HC_IRQ_ACK: let the routed interrupt named by @p cap fire again. */
static inline int32_t mv_irq_ack(uint32_t cap) { return mv_hypercall4(MV_HC_IRQ_ACK, cap, 0, 0, 0); }
/** @brief The state page of vCPU @p i of the calling VM. */
static inline struct mv_state *mv_state_page(uint32_t i) { return (struct mv_state *)MV_STATE_VA(i); }
/** @brief Read the PMU cycle counter (instructions, under QEMU icount). */
static inline uint32_t mv_cycles(void) {
    uint32_t c;
    __asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(c));
    return c;
}

#endif
