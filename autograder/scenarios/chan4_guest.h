/*
 * chan4_guest.h - what the lab 4 channel scenarios (sc_chan4_*.c, systems
 * test_chan_*.c) share: cap slots and lines, a wait with a timeout, a message pattern
 * derived from a sequence number, and send/receive loops built on the ring helpers.
 *
 * Every wait has a timeout far beyond what a working system needs, so a lost signal is
 * reported as a result (and the VMs finish) instead of hanging until QEMU's deadline.
 */
#ifndef CHAN4_GUEST_H
#define CHAN4_GUEST_H
#include <stdint.h>
#include <string.h>
#include "scenario_guest.h"

/* Cap slots (slot 0 is left empty in every VM: an empty slot is refused). */
enum { CAP_CH = 1,     /* this VM's end of the channel under test */
       CAP_GO = 2 };   /* a vIRQ cap raising the peer's LINE_SYNC (phase handshakes) */
#define LINE_CH 1u     /* every channel end is signalled on line 1 */
#define LINE_SYNC 2u
#define BIT(l) (1u << (l))
/* 20 ms of virtual time: the longest wait of a working system is a few hundred us. */
#define C4_TIMEOUT_NS 20000000u

/* Lines a wait acknowledged for the caller without waiting for them (mv_wait returns
 * at once while any line is pending, so a wait for one line must clear the others). */
static uint32_t c4_stashed;

/* Whether any line of @p mask was raised since it was last taken: clears them. */
static inline uint32_t c4_take_lines(uint32_t mask) {
    uint32_t got = ((uint32_t)mv_virq_ack(mask) | c4_stashed) & mask;
    c4_stashed &= ~mask;
    return got;
}

/* Wait until a line of @p mask is raised (or was, since it was last taken), and take
 * those lines. @return them; 0 when @p timeout_ns passed. Other lines are stashed. */
static inline uint32_t c4_wait(uint32_t mask, uint32_t timeout_ns) {
    uint64_t end = mv_time() + timeout_ns;
    for (;;) {
        if (mv_state_page(0)->virq_pending)
            c4_stashed |= (uint32_t)mv_virq_ack((1u << MV_VIRQ_LINES) - 1u);
        if (c4_stashed & mask)
            return c4_take_lines(mask);
        uint64_t now = mv_time();
        if (now >= end)
            return 0;
        mv_wait((uint32_t)(end - now));
    }
}

/* Handshakes between the two VMs of a phased scenario. */
static inline void c4_go(void) { mv_virq_raise(CAP_GO); }
static inline uint32_t c4_wait_sync(void) { return c4_wait(BIT(LINE_SYNC), C4_TIMEOUT_NS); }

/* Byte @p j of message @p seq: a hash, so a shifted, stale or foreign copy differs. */
static inline uint8_t c4_byte(uint32_t seq, uint32_t j) {
    return (uint8_t)((seq * 0x9e3779b1u + j * 0x85ebca77u + 0x5au) >> 24);
}

/* Message @p seq of @p len bytes: its sequence number in the first four bytes (when
 * they fit), then the pattern. */
static inline void c4_fill(uint8_t *p, uint32_t len, uint32_t seq) {
    for (uint32_t j = 0; j < len; j++)
        p[j] = j < 4 ? (uint8_t)(seq >> (8 * j)) : c4_byte(seq, j);
}

/* The sequence number a message of @p len bytes carries (@p fallback when too short). */
static inline uint32_t c4_seq_of(const uint8_t *p, uint32_t len, uint32_t fallback) {
    return len < 4 ? fallback
                   : (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                         (uint32_t)p[3] << 24;
}

/* Bytes of @p p that differ from message @p seq of @p len bytes (0: intact). */
static inline uint32_t c4_check(const uint8_t *p, uint32_t len, uint32_t seq) {
    uint32_t bad = 0;
    for (uint32_t j = 0; j < len; j++)
        bad += p[j] != (j < 4 ? (uint8_t)(seq >> (8 * j)) : c4_byte(seq, j));
    return bad;
}

/* Bytes of [p, p + len) that are not @p value. */
static inline uint32_t c4_not(const uint8_t *p, uint32_t len, uint8_t value) {
    uint32_t n = 0;
    for (uint32_t j = 0; j < len; j++)
        n += p[j] != value;
    return n;
}

/* What a sender counts: sends refused for want of space, and signals that never came. */
struct c4_tx_stats {
    uint32_t fulls, timeouts;
};

/* Send on @p cap, asking for the space signal and waiting on @p line (the end's) while
 * the ring is full. @return the send's result (the length, or the first other error);
 * MV_EFULL or MV_EBUSY after a space signal that never came. */
static inline int32_t c4_send_on(uint32_t cap, uint32_t line, const void *buf, uint32_t len,
                                 struct c4_tx_stats *st) {
    int32_t rc;
    while ((rc = mv_chan_send_flags(cap, buf, len, MV_CHAN_WANT_SPACE)) == MV_EFULL ||
           rc == MV_EBUSY) {
        st->fulls++;
        if (!c4_wait(BIT(line), C4_TIMEOUT_NS)) {
            st->timeouts++;
            return rc;
        }
    }
    return rc;
}

/* c4_send_on() on LINE_CH. */
static inline int32_t c4_send(uint32_t cap, const void *buf, uint32_t len, struct c4_tx_stats *st) {
    return c4_send_on(cap, LINE_CH, buf, len, st);
}

/* What a receiver counts: times it armed, waits woken by its line, lost signals. */
struct c4_rx_stats {
    uint32_t arms, wakes, timeouts;
};

/* The next message of ring @p r (its length in @p *len): arm, and wait on LINE_CH only
 * when mv_ring_arm() says the ring is empty. NULL when a signal never came. */
static inline void *c4_recv(struct mv_ring *r, uint32_t *len, struct c4_rx_stats *st) {
    void *buf;
    while ((buf = mv_ring_next(r, len)) == NULL) {
        st->arms++;
        if (mv_ring_arm(r))
            continue;
        if (!c4_wait(BIT(LINE_CH), C4_TIMEOUT_NS)) {
            st->timeouts++;
            return NULL;
        }
        st->wakes++;
    }
    return buf;
}

/* Report "<prefix>_<name>" (keys are built here to keep the scenarios' lines short). */
static inline void c4_int(const char *prefix, const char *name, int32_t v) {
    char key[48];
    snprintf(key, sizeof key, "%s_%s", prefix, name);
    sg_int(key, v);
}
/* ---- the stream of system test_chan_stream, known to both ends ---- */
#define STREAM_N 3000u
#define STREAM_MAX 6144u   /* a buffer of rx: every one of them straddles a page */
#define STREAM_SLOTS 16u
#define STREAM_BURST 250u          /* the sender pauses after so many messages, */
#define STREAM_PAUSE_NS 2000000u   /* long enough for the receiver to drain its ring */

/* Size of message @p seq: an eighth tiny (1..16 bytes, some below the 4-byte header),
 * half up to 2 KiB, the rest up to STREAM_MAX (the first one: STREAM_MAX). */
static inline uint32_t stream_size(uint32_t seq) {
    uint32_t h = seq * 0x9e3779b1u;
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    if (seq == 0)
        return STREAM_MAX;
    if ((h & 7u) == 0)
        return 1u + (h >> 8) % 16u;
    if (h & 1u)
        return 17u + (h >> 8) % 2032u;
    return 2049u + (h >> 8) % (STREAM_MAX - 2048u);
}

/* ---- system test_chan_flow: every message is FLOW_LEN bytes ---- */
#define FLOW_LEN 32u

/* ---- system test_chan_hostile: how rx breaks its ring at each step, in order ---- */
static const char *const hostile_steps[] = {
    "src",            /* nothing: tx's source pointers are bad */
    "ring_unmapped",  /* the ring's page unmapped */
    "ring_ro",        /* the ring's page read-only */
    "buf_unmapped",   /* the next buffer's first page unmapped */
    "buf_ro",         /* the next buffer's first page read-only */
    "buf_half",       /* the next buffer's second page unmapped: the message crosses it */
    "buf_kernel",     /* the next descriptor points into the microvisor's half */
    "buf_wrap",       /* the next descriptor wraps around the top of the address space */
    "posted_ahead",   /* `posted` claims more buffers than the ring has descriptors */
    "posted_behind",  /* `posted` behind `filled` */
};
#define HOSTILE_STEPS (sizeof hostile_steps / sizeof hostile_steps[0])
#define HOSTILE_LEN 400u        /* every message: it crosses a page in rx's buffers */
#define HOSTILE_SHM_GPA 0x100000u   /* where both place the shared region */

/* ---- system test_chan_notify ---- */
#define NOTE_LEN 48u
#define NOTE_SLOTS 16u
#define NOTE_QUIET 10u
#define NOTE_BURST 320u
#define NOTE_RACE 300u

/* A hash of @p i in [0, @p n): pseudo-random gaps and delays both ends agree on. */
static inline uint32_t c4_hash(uint32_t i, uint32_t n) {
    uint32_t h = (i + 1u) * 0x9e3779b1u;
    h ^= h >> 16;
    return h % n;
}

/* The race phase's sleep before message @p seq: 4..10 us, so the receiver has always
 * taken the previous one (it needs ~1 us) and a message waits alone when it wakes. */
static inline uint32_t note_gap(uint32_t seq) { return 4000u + c4_hash(seq, 6000u); }

/* ---- system test_chan_multi: a server, two clients ---- */
#define MULTI_N 150u        /* requests per client */
#define MULTI_MAX 1024u     /* largest request: some cross a page in the buffers */
#define MULTI_SLOTS 8u      /* every ring */
#define MULTI_WINDOW 6u     /* requests a client has outstanding: the rings never fill */

/* Sequence number of request @p i of client @p id (1, 2): the streams never overlap. */
static inline uint32_t multi_seq(uint32_t id, uint32_t i) { return id << 16 | i; }
static inline uint32_t multi_size(uint32_t seq) { return 1u + c4_hash(seq, MULTI_MAX); }

/* The server's reply to a message: every byte inverted. */
static inline void multi_invert(uint8_t *p, uint32_t len) {
    for (uint32_t j = 0; j < len; j++)
        p[j] = (uint8_t)~p[j];
}
#endif
