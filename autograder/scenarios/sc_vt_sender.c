/*
 * sc_vt_sender.c - scenario of system test_virq_payload, run by VMs "s0", "s1", "s2".
 * Each phase starts when "recv" raises our line 1; the payload of that raise is
 * (phase << 8) | k, k being this sender's number. A phase's raises go to line 3 of
 * "recv" (cap 0); then one raise of line 4 (cap 1) with payload 1 << k says "done".
 *   phase 0 (sender 0 only): one raise with payload CROSS_PAYLOAD;
 *   phase 1: 1000 raises with bit k, then one with two bits of our own (16 + 2k, 17 + 2k);
 *   phase 2: 1000 raises with bit 3 + k and a bit that changes every 50 raises (8..27),
 *            then one with bit 28 + k;
 *   phase 3: report, for each phase, the raises made, the OR of their payloads and how
 *            many raises failed, and exit.
 */
#include "scenario_guest.h"

enum { CAP_DATA = 0, CAP_DONE = 1 };   /* systems/test_virq_payload.c */
#define LINE_GO 1u
#define NPHASES 3u
#define RAISES 1000u
#define CROSS_PAYLOAD 0x5a5a0000u

static uint32_t nraised[NPHASES], sent_or[NPHASES], failed[NPHASES];

static void raise(uint32_t phase, uint32_t payload) {
    nraised[phase]++;
    sent_or[phase] |= payload;
    failed[phase] += mv_virq_raise_payload(CAP_DATA, payload) != 0;
}

static void run_phase(uint32_t phase, uint32_t k) {
    if (phase == 0) {
        raise(0, CROSS_PAYLOAD);
    } else if (phase == 1) {
        for (uint32_t i = 0; i < RAISES; i++)
            raise(1, 1u << k);
        raise(1, 3u << (16 + 2 * k));
    } else {
        for (uint32_t i = 0; i < RAISES; i++)
            raise(2, (1u << (3 + k)) | (1u << (8 + i / 50)));
        raise(2, 1u << (28 + k));
    }
    mv_virq_raise_payload(CAP_DONE, 1u << k);
}

int main(void) {
    uint32_t go, k = 0;
    for (;;) {
        while (!mv_virq_take(LINE_GO, &go))
            mv_wait(0);
        uint32_t phase = go >> 8;
        k = go & 0xff;
        if (phase >= NPHASES || k > 2)
            break;
        run_phase(phase, k);
    }
    char key[32];
    sg_int("k", (int32_t)k);
    for (uint32_t p = 0; p < NPHASES; p++) {
        snprintf(key, sizeof key, "p%u_raised", (unsigned)p), sg_int(key, (int32_t)nraised[p]);
        snprintf(key, sizeof key, "p%u_or", (unsigned)p), sg_hex(key, sent_or[p]);
        snprintf(key, sizeof key, "p%u_failed", (unsigned)p), sg_int(key, (int32_t)failed[p]);
    }
    return 0;
}
