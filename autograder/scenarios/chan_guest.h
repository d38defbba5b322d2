/*
 * chan_guest.h - what both sides of system test_channel share: cap slots, addresses and
 * the wait loops around MV_HC_CHAN_SEND / MV_HC_CHAN_RECV.
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

/* Wait for our channel's vIRQ line, then clear it: the caller re-checks its condition,
 * so a raise between the check and the wait is never lost (the wait returns at once). */
static inline void wait_line(void) { mv_virq_ack((uint32_t)mv_wait(0)); }

/* Send, waiting while the peer has no empty buffer posted. */
static inline int32_t send_retry(const char *msg) {
    int32_t rc;
    while ((rc = mv_chan_send(CAP_PIPE, msg, (uint32_t)strlen(msg) + 1)) == MV_EBUSY)
        wait_line();
    return rc;
}

/* Take the next message (posting @p buf again for the one after). Ping-pong never has
 * two messages in flight one way, so reposting the buffer we read from is safe here. */
static inline int32_t recv_wait(char *buf, uint32_t size) {
    int32_t n;
    while ((n = mv_chan_recv(CAP_PIPE, buf, size)) == 0)
        wait_line();
    return n;
}
#endif
