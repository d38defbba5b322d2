/**
 * @file chan_ring.h
 * @brief The receiving side of a channel, for guests: posting buffers on a receive
 *        ring and taking the messages the microvisor delivered into them.
 *
 * A receiver owns an ::mv_chan_ring in its memory, registers it once
 * (::MV_HC_CHAN_REGISTER, mv_chan_register()) and from then on needs no hypercall per
 * message: it posts buffers with mv_ring_post() and takes messages with
 * mv_ring_next(). It makes a hypercall only to wait (after mv_ring_arm() said the ring
 * is empty) and to tell a waiting sender about free buffers (when
 * mv_ring_space_wanted() says one waits; guest.h's mv_ring_post_signal() does both).
 *
 * The functions here make no hypercall themselves, so they run on the host too (the
 * unit tests call them). The ring is shared with the microvisor, which may fill a
 * buffer between any two instructions of a receiver with several vCPUs; so the
 * counters are read and written with acquire/release ordering, and the two
 * "write one word, then read another" steps are separated by a full barrier.
 */
#ifndef MV_CHAN_RING_H
#define MV_CHAN_RING_H
#include <stdint.h>
#include "mv/abi.h"

/** @brief A receiver's view of its ring: the shared part, and what only it knows. */
struct mv_ring {
    struct mv_chan_ring *shared;  /**< The ring the microvisor fills. */
    uint32_t n;                   /**< Descriptors (a power of two). */
    uint32_t consumed;            /**< Messages taken with mv_ring_next(). */
};

/** @brief Declare @p name as memory for a receive ring of @p n descriptors, aligned as
 *  ::MV_HC_CHAN_REGISTER requires (a variable or a structure member). */
#define MV_CHAN_RING_STORAGE(name, n) \
    uint32_t name[MV_CHAN_RING_BYTES(n) / 4u] __attribute__((aligned(MV_CHAN_RING_ALIGN)))

/** @brief Set up @p r on @p shared (::MV_CHAN_RING_BYTES(@p n) bytes): every counter 0,
 *  every descriptor empty. Call before registering the ring. */
void mv_ring_init(struct mv_ring *r, struct mv_chan_ring *shared, uint32_t n);

/** @brief Post buffer @p buf of @p size bytes (messages up to @p size fit in it).
 *  @return 0, or -1 when all n descriptors hold buffers not yet taken back with
 *  mv_ring_next() (posting would overwrite one). */
int mv_ring_post(struct mv_ring *r, void *buf, uint32_t size);

/** @brief Take the next message, in the order they were sent.
 *  @return its buffer (the one posted for it), with its length in @p *len; NULL when
 *  none is waiting. The buffer is the receiver's again: it may post it anew. */
void *mv_ring_next(struct mv_ring *r, uint32_t *len);

/** @brief Number of messages waiting (delivered, not yet taken). */
uint32_t mv_ring_waiting(const struct mv_ring *r);

/** @brief Ask for a vIRQ at the next message, before waiting for one.
 *  @return 1 when a message is already waiting (do not wait: take it), 0 when the
 *  receiver may wait on its line. Closes the race of a message that arrives between
 *  the last look at the ring and the request. */
int mv_ring_arm(struct mv_ring *r);

/** @brief After posting: does a sender wait for a free buffer? If so, the receiver
 *  makes ::MV_HC_CHAN_POSTED (guest.h: mv_ring_post_signal()). */
int mv_ring_space_wanted(const struct mv_ring *r);

/** @brief Called by an unwritten lab function of the starter tree: says so and stops
 *  (the guest runtime stops the VM; the unit tests fail the test). */
void mv_ring_lab_missing(const char *what) __attribute__((noreturn));
#endif
