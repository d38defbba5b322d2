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
static MV_CHAN_RING_STORAGE(rx_ring_mem, RX_SLOTS);
static char rx_bufs[RX_SLOTS][RX_SIZE];

/* Set up and register our receive ring with every buffer posted. */
static inline int32_t rx_setup(void) {
    return mv_ring_start(CAP_PIPE, &rx_ring, rx_ring_mem, RX_SLOTS, rx_bufs, RX_SIZE);
}

/* Send, waiting (for the space signal) while the peer has no free buffer. */
static inline int32_t send_retry(const char *msg) {
    return mv_chan_send_wait(CAP_PIPE, msg, (uint32_t)strlen(msg) + 1, ~0u);
}

/* Take the next message into @p out (at most RX_SIZE bytes) and post its buffer again. */
static inline int32_t recv_wait(char *out) {
    uint32_t len;
    char *buf = mv_ring_next_wait(&rx_ring, &len, ~0u);
    memcpy(out, buf, len);
    mv_ring_post_signal(CAP_PIPE, &rx_ring, buf, RX_SIZE);
    return (int32_t)len;
}
#endif
