/*
 * sc_peer.c - scenario of system test_hypercalls (VM "peer"): the bystander.
 *
 * It runs first (higher priority), fills some memory with a pattern and reports its
 * check-sum, then blocks until "hc" has tried every bad argument and raises a vIRQ
 * at it. Then it reports the check-sum again: nothing "hc" did may have changed it.
 */
#include "scenario_guest.h"

#define WORDS (48u * 1024u / 4u)

static uint32_t data[WORDS];

static uint32_t checksum(void) {   /* FNV-1a over the words */
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < WORDS; i++)
        h = (h ^ data[i]) * 16777619u;
    return h;
}

int main(void) {
    for (uint32_t i = 0; i < WORDS; i++)
        data[i] = i * 2654435761u;
    sg_hex("sum_before", checksum());
    sg_hex("woke_bits", (uint32_t)mv_wait(0));
    sg_hex("sum_after", checksum());
    return 0;
}
