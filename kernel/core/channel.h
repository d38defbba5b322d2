/**
 * @file channel.h
 * @brief Channels: asynchronous, single-copy message passing between two VMs.
 *
 * The microvisor holds no message buffers. A receiver *posts* a buffer in its own
 * memory (::MV_HC_CHAN_RECV); a sender's ::MV_HC_CHAN_SEND copies its bytes once,
 * straight from the sender's memory into that buffer, and raises the receiver's vIRQ
 * line. Posting a buffer raises the sender's line in turn ("you may send"). Neither
 * side ever blocks in the microvisor: a full channel is ::MV_EBUSY, and a VM that wants
 * to wait does ::MV_HC_WAIT on its vIRQ.
 */
#ifndef MV_CHANNEL_H
#define MV_CHANNEL_H
#include <stdint.h>
#include "core/config.h"

struct vcpu;

/** @brief One end of a channel, owned by one VM. */
struct chan_end {
    struct chan_end *peer;  /**< The other end. */
    struct vcpu *owner;     /**< The vCPU signalled on this end (its VM owns the end). */
    uint32_t line;          /**< The vIRQ line raised on @c owner. */
    uint32_t rx_va;         /**< Posted receive buffer (owner's guest VA). */
    uint32_t rx_size;       /**< Its size; 0 = no buffer posted. */
    uint32_t rx_len;        /**< Length of the message in it; 0 = empty. */
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
/** @brief ::MV_HC_CHAN_SEND from the owner of end @p e: @p len bytes at guest VA @p buf.
 *  @return @p len, ::MV_EINVAL (len 0), ::MV_ERANGE (too long), ::MV_EFAULT (@p buf not
 *  readable) or ::MV_EBUSY (no empty buffer posted on the peer, or the peer VM stopped). */
int32_t chan_send(struct chan_end *e, uint32_t buf, uint32_t len);
/** @brief ::MV_HC_CHAN_RECV on end @p e: take the delivered message, post (@p buf, @p size).
 *  @return the message's length (0: none), ::MV_ERANGE (size above ::MV_CHAN_MAX) or
 *  ::MV_EFAULT (the new buffer is not mapped writable; nothing changes). */
int32_t chan_recv(struct chan_end *e, uint32_t buf, uint32_t size);
#endif
