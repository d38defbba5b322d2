/*
 * chan_guest.h - what both sides of system test_channel share: cap slots, addresses,
 * a receive ring, and the wait loops around MV_HC_CHAN_SEND and the ring helpers.
 */
#ifndef CHAN_GUEST_H
#define CHAN_GUEST_H
#include <stdio.h>
#include <string.h>
#include "scenario_guest.h"

enum { CAP_SHM = 0, CAP_PIPE = 1 };   /* systems/test_channel.c */
#define SHM_VA 0x00400000u            /* where each side maps the region */
#define ROUNDS 10
#define SHM_TEXT "written by ping into shared memory"
#define RX_SLOTS 4u
#define RX_SIZE 64u

static struct mv_ring rx_ring;
static uint32_t rx_ring_mem[MV_CHAN_RING_BYTES(RX_SLOTS) / 4];
static char rx_bufs[RX_SLOTS][RX_SIZE];

/* Wait for our channel's vIRQ line, then clear it: the caller re-checks its condition,
 * so a raise between the check and the wait is never lost (the wait returns at once). */
static inline void wait_line(void) { mv_virq_ack((uint32_t)mv_wait(0)); }

/* Set up and register our receive ring with every buffer posted; returns the
 * registration's result. */
static inline int32_t rx_setup(void) {
    mv_ring_init(&rx_ring, (struct mv_chan_ring *)rx_ring_mem, RX_SLOTS);
    for (uint32_t i = 0; i < RX_SLOTS; i++)
        mv_ring_post(&rx_ring, rx_bufs[i], RX_SIZE);
    return mv_chan_register(CAP_PIPE, &rx_ring);
}

/* Send, waiting (for the space signal) while the peer has no free buffer. */
static inline int32_t send_retry(const char *msg) {
    int32_t rc;
    while ((rc = mv_chan_send_flags(CAP_PIPE, msg, (uint32_t)strlen(msg) + 1,
                                    MV_CHAN_WANT_SPACE)) == MV_EFULL || rc == MV_EBUSY)
        wait_line();
    return rc;
}

/* Take the next message into @p out (at most RX_SIZE bytes) and post its buffer again. */
static inline int32_t recv_wait(char *out) {
    uint32_t len;
    char *buf;
    while ((buf = mv_ring_next(&rx_ring, &len)) == NULL)
        if (!mv_ring_arm(&rx_ring))
            wait_line();
    memcpy(out, buf, len);
    mv_ring_post_signal(CAP_PIPE, &rx_ring, buf, RX_SIZE);
    return (int32_t)len;
}
#endif
