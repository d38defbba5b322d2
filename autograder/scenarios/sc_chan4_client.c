/*
 * sc_chan4_client.c - scenario of system test_chan_multi (VMs "c1" and "c2"): its end
 * of its channel with "srv" is split over two caps, slot 1 (SEND only) and slot 3
 * (RECV only). It first tries each cap for what it does not allow: register_sendonly
 * (a decoy ring on the send-only cap), posted_sendonly, send_recvonly (a decoy
 * request); then registers its ring (register), takes the server's greeting (hello:
 * its id), and sends MULTI_N requests of its own sequence numbers with at most
 * MULTI_WINDOW outstanding, checking each reply (the request inverted).
 * Results: those, decoy_filled (messages that reached the decoy ring), sent, replies,
 * replies_ok, timeouts.
 */
#include "chan4_guest.h"

enum { CAP_SEND = 1, CAP_RECV = 3 };

static struct mv_ring ring, decoy;
static MV_CHAN_RING_STORAGE(ring_mem, MULTI_SLOTS);
static MV_CHAN_RING_STORAGE(decoy_mem, MULTI_SLOTS);
static uint8_t bufs[MULTI_SLOTS][MULTI_MAX], decoy_buf[MULTI_MAX], msg[MULTI_MAX];

static void wrong_rights(void) {
    mv_ring_init(&decoy, (struct mv_chan_ring *)decoy_mem, MULTI_SLOTS);
    mv_ring_post(&decoy, decoy_buf, MULTI_MAX);
    sg_int("register_sendonly", mv_chan_register(CAP_SEND, &decoy));
    sg_int("posted_sendonly", mv_chan_posted(CAP_SEND));
    c4_fill(msg, 16, 0xbad);
    sg_int("send_recvonly", mv_chan_send(CAP_RECV, msg, 16));
}

static uint32_t id;
static struct c4_rx_stats rxs;
static struct c4_tx_stats txs;

/* Send request @p i; @return 1 if it went. */
static int request(uint32_t i) {
    uint32_t seq = multi_seq(id, i), len = multi_size(seq);
    c4_fill(msg, len, seq);
    return c4_send(CAP_SEND, msg, len, &txs) == (int32_t)len;
}

/* Take reply @p i (waiting for it); @return 1 if intact, -1 if it never came. */
static int reply(uint32_t i) {
    uint32_t len, seq = multi_seq(id, i);
    uint8_t *buf = c4_recv(&ring, &len, &rxs);
    if (!buf)
        return -1;
    multi_invert(buf, len);
    int ok = len == multi_size(seq) && c4_check(buf, len, seq) == 0;
    mv_ring_post_signal(CAP_RECV, &ring, buf, MULTI_MAX);
    return ok;
}

int main(void) {
    wrong_rights();
    mv_ring_init(&ring, (struct mv_chan_ring *)ring_mem, MULTI_SLOTS);
    for (uint32_t i = 0; i < MULTI_SLOTS; i++)
        mv_ring_post(&ring, bufs[i], MULTI_MAX);
    sg_int("register", mv_chan_register(CAP_RECV, &ring));
    uint32_t len, sent = 0, got = 0, ok = 0;
    uint8_t *h = c4_recv(&ring, &len, &rxs);
    id = h && len == 4 ? c4_seq_of(h, 4, 0) : 0;
    sg_int("hello", (int32_t)id);
    if (h)
        mv_ring_post_signal(CAP_RECV, &ring, h, MULTI_MAX);
    while (id && got < MULTI_N) {
        while (sent < MULTI_N && sent - got < MULTI_WINDOW && request(sent))
            sent++;
        int r = reply(got);
        if (r < 0)
            break;
        ok += (uint32_t)r;
        got++;
    }
    sg_int("decoy_filled", (int32_t)mv_ring_waiting(&decoy));
    sg_int("sent", (int32_t)sent);
    sg_int("replies", (int32_t)got);
    sg_int("replies_ok", (int32_t)ok);
    sg_int("timeouts", (int32_t)(rxs.timeouts + txs.timeouts));
    return 0;
}
