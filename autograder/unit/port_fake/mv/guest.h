/**
 * @file guest.h (test double)
 * @brief The hypercall wrappers of kernel/include/mv/guest.h as plain functions, for the
 *        host unit tests of minilinux's port (lab 5).
 *
 * Why it exists: the real header makes each hypercall with an inline `svc #0`, which only
 * an ARM guest can run. The unit build compiles guest-minilinux/port/{upcall,mmu,tick,
 * boot}.c for the host with this directory searched before kernel/include, so the port's
 * `#include "mv/guest.h"` lands here: every wrapper the port uses is declared with the
 * same name and signature, and autograder/unit/port_fake.c defines it as a fake
 * microvisor that records the call (and scripts its result). The port's code is compiled
 * unchanged. The ABI itself (numbers, errors, struct mv_state) is the real mv/abi.h.
 *
 * Only what the port calls is here: a port that calls another wrapper does not link in
 * the unit tests (add it here and in port_fake.c if the port really needs it).
 */
#ifndef MV_GUEST_H
#define MV_GUEST_H

#include <stddef.h>
#include "mv/abi.h"

int32_t mv_console_write(const void *buf, uint32_t len);
/* The fake does not return: it jumps back to the test (port_fake.c). */
void mv_vm_exit(int32_t code) __attribute__((noreturn));
int32_t mv_set_entry(void (*entry)(uint32_t cause, struct mv_state *s), void *sp);
/* Returns only on an error, as the real one: the fake jumps back to the test instead. */
int32_t mv_resume_user(void);
int32_t mv_ctx_map(uint32_t ctx, uint32_t va, uint32_t gpa, uint32_t flags);
int32_t mv_ctx_unmap(uint32_t ctx, uint32_t va);
int32_t mv_vmmu_flush(uint32_t ctx, uint32_t va, uint32_t len);
int32_t mv_ctx_create(void);
int32_t mv_ctx_destroy(uint32_t ctx);
int32_t mv_ctx_switch(uint32_t ctx);
int32_t mv_copy_ctx(uint32_t nr, uint32_t ctx, uint32_t ctx_va, void *kbuf, uint32_t len,
                    uint32_t *bad);
int32_t mv_virq_take(uint32_t line, uint32_t *payload);
int32_t mv_vtimer_set(uint64_t deadline, uint32_t line);
int32_t mv_console_read(void *buf, uint32_t max, uint32_t *dropped);
int32_t mv_virq_ack(uint32_t mask);
int32_t mv_wait(uint32_t timeout_ns);
uint64_t mv_time(void);
int32_t mv_set_tls(uint32_t value);
struct mv_state *mv_state_page(uint32_t i);

#endif
