/*
 * sc_chan4_notify_rx.c - scenario of system test_chan_notify (VM "rx", priority 12):
 * counts the vIRQs its channel line brings while it receives the three phases of
 * "tx" (sc_chan4_notify_tx.c) on a ring of NOTE_SLOTS buffers, checking every message
 * (NOTE_LEN bytes, numbered 0, 1, ...).
 * - quiet: it never armed (`notify` is 0): q_waiting (messages in the ring when tx was
 *   done), q_line (its line was raised), q_ok (intact, in order);
 * - burst: it drains in bulk; after each wake-up it sleeps NOTE_PAUSE_NS so tx fills
 *   the ring: b_msgs, b_ok, b_arms, b_wakes (waits ended by its line), b_unarmed (its
 *   line found raised after a drain, when it was not armed), b_timeouts;
 * - race: tx (now above it) sends at any moment, also between its last look at the
 *   ring and its mv_ring_arm() (it spins a pseudo-random while there): r_msgs, r_ok,
 *   r_arms, r_arm_hits (mv_ring_arm() found a message), r_late (a wake-up found more
 *   than one message: one sat unseen while it slept), r_timeouts.
 */
#include "chan4_guest.h"

#define NOTE_PAUSE_NS 200000u   /* tx fills 16 buffers in ~50 us */

static struct mv_ring ring;
static MV_CHAN_RING_STORAGE(ring_mem, NOTE_SLOTS);
static uint8_t bufs[NOTE_SLOTS][NOTE_LEN];
static uint32_t next_seq;

struct phase {
    uint32_t msgs, ok;
};

/* Take every waiting message, check it and post its buffer again. */
static void drain(struct phase *p) {
    uint32_t len;
    uint8_t *buf;
    while ((buf = mv_ring_next(&ring, &len)) != NULL) {
        p->ok += len == NOTE_LEN && c4_check(buf, len, next_seq) == 0;
        p->msgs++;
        next_seq++;
        mv_ring_post_signal(CAP_CH, &ring, buf, NOTE_LEN);
    }
}

static void spin(uint32_t n) {
    for (volatile uint32_t i = 0; i < n; i++)
        ;
}

static void report(const char *phase, const struct phase *p, const struct c4_rx_stats *st) {
    c4_int(phase, "msgs", (int32_t)p->msgs);
    c4_int(phase, "ok", (int32_t)p->ok);
    c4_int(phase, "arms", (int32_t)st->arms);
    c4_int(phase, "wakes", (int32_t)st->wakes);
    c4_int(phase, "timeouts", (int32_t)st->timeouts);
}

static void quiet(void) {
    struct phase p = {0};
    c4_go();
    c4_wait_sync();
    sg_int("q_waiting", (int32_t)mv_ring_waiting(&ring));
    sg_int("q_line", (int32_t)c4_take_lines(BIT(LINE_CH)));
    drain(&p);
    sg_int("q_ok", (int32_t)p.ok);
}

/* Arm and wait for the line (unless a message came); 0 when it never came. */
static int arm_wait(struct c4_rx_stats *st, uint32_t *hits) {
    st->arms++;
    if (mv_ring_arm(&ring)) {
        ++*hits;
        return 1;
    }
    if (!c4_wait(BIT(LINE_CH), C4_TIMEOUT_NS)) {
        st->timeouts++;
        return 0;
    }
    st->wakes++;
    return 1;
}

static void burst(void) {
    struct phase p = {0};
    struct c4_rx_stats st = {0};
    uint32_t unarmed = 0, hits = 0;
    c4_go();
    for (;;) {
        drain(&p);
        unarmed += c4_take_lines(BIT(LINE_CH)) != 0;   /* notify was 0 since the wake-up */
        if (p.msgs >= NOTE_BURST || !arm_wait(&st, &hits))
            break;
        mv_wait(NOTE_PAUSE_NS);   /* ends early if the line is raised */
    }
    report("b", &p, &st);
    sg_int("b_unarmed", (int32_t)unarmed);
}

static void race(void) {
    struct phase p = {0};
    struct c4_rx_stats st = {0};
    uint32_t hits = 0, late = 0;
    c4_go();
    for (;;) {
        drain(&p);
        if (p.msgs >= NOTE_RACE)
            break;
        spin(c4_hash(st.arms, 1500u));   /* a message now raises nothing: notify is 0 */
        uint32_t wakes = st.wakes;
        if (!arm_wait(&st, &hits))
            break;
        late += st.wakes != wakes && mv_ring_waiting(&ring) > 1;
    }
    report("r", &p, &st);
    sg_int("r_arm_hits", (int32_t)hits);
    sg_int("r_late", (int32_t)late);
}

int main(void) {
    mv_ring_init(&ring, (struct mv_chan_ring *)ring_mem, NOTE_SLOTS);
    for (uint32_t i = 0; i < NOTE_SLOTS; i++)
        mv_ring_post(&ring, bufs[i], NOTE_LEN);
    sg_int("register", mv_chan_register(CAP_CH, &ring));
    quiet();
    burst();
    race();
    return 0;
}
