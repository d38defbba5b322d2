/**
 * @file chan4.h
 * @brief The fixture of lab 4's unit tests of the microvisor's side of channels
 *        (test_chan4.c, test_chan4_flow.c, test_chan4_peer.c).
 *
 * VM "a" (::sender) sends, VM "b" (::receiver) receives on a ring the test writes by
 * hand (test_ring_post(), as the guest library would: these tests need no library), VM
 * "c" (::bystander) is there so that a stray write has somewhere to land. Every refused
 * send is checked for "nothing happened" against a snapshot of all three VMs' RAM and
 * their pending lines.
 */
#ifndef CHAN4_H
#define CHAN4_H
#include "unit.h"

#define CHAN4_RAM  (256u * 1024u)   /* a's and b's RAM */
#define LINE_A     2u               /* a's line for the channel (space signals) */
#define LINE_B     3u               /* b's line (messages) */
#define RING       0x8000u          /* b's receive ring, registered by the fixture */
#define N          4u               /* its descriptors */
#define BUF(i)     (0x9000u + 0x100u * (uint32_t)(i))   /* b's buffers (0xee: never written) */
#define BUF_SIZE   0x100u
#define SRC        0x10000u         /* where a's messages start */

extern struct vm *sender, *receiver, *bystander;
extern struct mv_chan_ring *rx_ring;   /* b's ring, through a host pointer */

/** @brief The three VMs, and b's ring registered, empty (the checked fixture). */
void chan4_setup(void);

static inline uint8_t *at(struct vm *vm, uint32_t gpa) { return test_guest_ptr(vm, gpa); }
static inline uint32_t pending(const struct vm *vm) { return vm->vcpus[0].shared->virq_pending; }
static inline void post(uint32_t addr, uint32_t size) { test_ring_post(rx_ring, N, addr, size); }
static inline int32_t hc_b(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2) {
    return unit_hypercall(&receiver->vcpus[0], nr, a0, a1, a2, 0);
}
static inline int32_t send_msg(uint32_t src, uint32_t len, uint32_t flags) {
    return unit_hypercall(&sender->vcpus[0], MV_HC_CHAN_SEND, 0, src, len, flags);
}

/** @brief The TCases of test_chan4_ring.c, test_chan4_flow.c and test_chan4_peer.c. */
void chan4_ring_add_tcases(Suite *s);
void chan4_flow_add_tcases(Suite *s);
void chan4_peer_add_tcases(Suite *s);

/** @brief @p len bytes of a's memory at @p src: a pattern of its own per @p seed. */
void chan4_message(uint32_t src, uint32_t len, uint32_t seed);
/** @brief The send of @p len bytes from @p src went into descriptor @p slot, intact. */
void chan4_expect_in(uint32_t slot, uint32_t src, uint32_t len, const char *when);
/** @brief Remember every VM's RAM and the pending lines. */
void chan4_snapshot(void);
/** @brief Since chan4_snapshot(): no byte of any VM's RAM changed, no line was raised. */
void chan4_expect_unchanged(const char *when);
/** @brief MV_HC_CHAN_SEND(@p src, @p len, @p flags) returns @p err and changes nothing. */
void chan4_expect_refused(uint32_t src, uint32_t len, uint32_t flags, int32_t err,
                          const char *what);
#endif
