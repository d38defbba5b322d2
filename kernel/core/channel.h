/**
 * @file channel.h
 * @brief Channels: asynchronous, single-copy message passing between two VMs.
 *
 * The microvisor holds no message buffers. Each receiving end registers a *ring* of
 * buffer descriptors in its own memory (::mv_chan_ring, ::MV_HC_CHAN_REGISTER) and
 * posts buffers on it without any hypercall. A sender's ::MV_HC_CHAN_SEND copies its
 * bytes once, straight from the sender's memory into the next posted buffer, and raises
 * the receiver's line only when the receiver asked to be told. Nothing ever blocks in
 * the microvisor: a ring with no free buffer is ::MV_EFULL, and a sender that wants to
 * know when space appears says so (::MV_CHAN_WANT_SPACE) and waits on its own line.
 */
#ifndef MV_CHANNEL_H
#define MV_CHANNEL_H
#include <stdbool.h>
#include <stdint.h>
#include "core/config.h"

struct vcpu;

/** @brief What happened on one end's ring: read by `mv-chan` in GDB and by the tests. */
struct chan_stats {
    uint32_t messages;       /**< Messages delivered into this end's ring. */
    uint32_t bytes;          /**< Their bytes. */
    uint32_t notified;       /**< Times this end's line was raised for a message. */
    uint32_t full;           /**< Sends refused with ::MV_EFULL. */
    uint32_t space_signals;  /**< Times the sender's line was raised for space. */
};

/** @brief One end of a channel, owned by one VM: its line, and its receive ring. */
struct chan_end {
    struct chan_end *peer;  /**< The other end. */
    struct vcpu *owner;     /**< The vCPU signalled on this end (its VM owns the end). */
    uint32_t line;          /**< The vIRQ line raised on @c owner. */
    uint32_t ring_va;       /**< The registered ring (owner's guest-kernel VA). */
    uint32_t ring_n;        /**< Its descriptors (a power of two); 0 = no ring. */
    uint32_t filled;        /**< Messages delivered: the microvisor's own copy, the truth. */
    bool space_wanted;      /**< The peer asked to be told when a buffer is posted. */
    struct chan_stats stats;/**< Counters. */
};

/** @brief A channel: two ends. */
struct channel {
    char name[16];          /**< From the system description. */
    struct chan_end ends[2];/**< ends[0] and ends[1] are each other's peer. */
};

/** @brief All channels of the running system. */
extern struct channel chan_table[MV_MAX_CHANNELS];
/** @brief Number of channels in ::chan_table. */
extern uint32_t chan_count;

/** @brief Connect channel @p c's ends to vCPU line (@p a, @p line_a) and (@p b, @p line_b). */
void chan_init(struct channel *c, struct vcpu *a, uint32_t line_a, struct vcpu *b,
               uint32_t line_b);
/** @brief ::MV_HC_CHAN_REGISTER on end @p e: its ring is @p n descriptors at @p ring_va.
 *  @return 0, ::MV_EINVAL or ::MV_EFAULT (see the ABI). */
int32_t chan_register(struct chan_end *e, uint32_t ring_va, uint32_t n);
/** @brief ::MV_HC_CHAN_SEND from the owner of end @p e: @p len bytes at guest VA @p buf,
 *  into the peer's ring. @return @p len or an error, as the ABI says; on error nothing
 *  is delivered. */
int32_t chan_send(struct chan_end *e, uint32_t buf, uint32_t len, uint32_t flags);
/** @brief Count a send into receiving end @p to that returned @p rc (for ::chan_stats). */
void chan_count_send(struct chan_end *to, int32_t rc);
/** @brief ::MV_HC_CHAN_POSTED on end @p e: signal the peer if it waits for space.
 *  @return 1 (signalled), 0, ::MV_EBUSY (no ring) or ::MV_EFAULT (ring unmapped). */
int32_t chan_posted(struct chan_end *e);
#endif
