/*
 * sc_victim.c - scenario of system test_vmmu_hostile (VM "victim"): the memory a hostile
 * VM must not be able to touch.
 *
 * It fills a large part of its RAM and both shared regions it has caps for ("secret" at
 * gpa 0x200000, "ro" at 0x300000, both read-write for it) with a pattern that depends
 * on the run's nonce, signals the hostile VM ("filled"), waits until the hostile VM says
 * it is done, and checks every word. Any write the hostile VM got through a mapping it
 * should not have had shows up as a mismatch. It also maps a page into a new section
 * of its own space afterwards: the hostile VM used up *its* page-table quota, and that
 * must not take anything from this VM's.
 *
 * Not all of RAM: the program, its stack and newlib's heap (stdout's buffer) live there.
 */
#include <stdbool.h>
#include "scenario_guest.h"

enum { CAP_HOSTILE = 0 };            /* systems/test_vmmu_hostile.c */
#define SECRET_GPA 0x200000u
#define RO_GPA 0x300000u
#define REGION_SIZE (16u * 1024u)
#define FILL_WORDS (192u * 1024u / 4u)
#define DONE_LINE 1u
#define WAIT_NS 2000000000u          /* virtual time: if the hostile VM died, do not wait forever */
#define SPARE_VA 0x40000000u         /* a section this VM has not used */

static uint32_t fill[FILL_WORDS];
static uint32_t spare[1024] __attribute__((aligned(MV_PAGE_SIZE)));

/* The pattern: different in every word, every area and every run. */
static uint32_t pattern(uint32_t area, uint32_t i) {
    uint32_t x = sg_nonce() ^ (area << 28) ^ (i * 0x9e3779b9u);
    x ^= x >> 15;
    x *= 0x2c1b3c6du;
    return x ^ (x >> 12);
}

/* Fill (@p check false) or check an area; adds to *@p sum, returns the mismatched words. */
static uint32_t sweep(uint32_t area, uint32_t *words, uint32_t n, bool check, uint32_t *sum) {
    uint32_t bad = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!check)
            words[i] = pattern(area, i);
        bad += words[i] != pattern(area, i);
        *sum += words[i];
    }
    return bad;
}

/* All three areas; returns the mismatched words, the checksum in *@p sum. */
static uint32_t sweep_all(bool check, uint32_t *sum) {
    *sum = 0;
    return sweep(0, fill, FILL_WORDS, check, sum) +
           sweep(1, (uint32_t *)SECRET_GPA, REGION_SIZE / 4u, check, sum) +
           sweep(2, (uint32_t *)RO_GPA, REGION_SIZE / 4u, check, sum);
}

/* Map a region into the guest kernel's space at VA = its gpa. @return 0 or the first error. */
static int32_t map_region(uint32_t gpa) {
    for (uint32_t off = 0; off < REGION_SIZE; off += MV_PAGE_SIZE) {
        int32_t rc = mv_vmmu_map(gpa + off, gpa + off, MV_MAP_READ | MV_MAP_WRITE);
        if (rc)
            return rc;
    }
    return 0;
}

int main(void) {
    int32_t rc_secret = map_region(SECRET_GPA), rc_ro = map_region(RO_GPA);
    sg_int("map_secret", rc_secret);
    sg_int("map_ro", rc_ro);
    if (rc_secret || rc_ro)
        return 1;
    uint32_t sum_before, sum_after;
    sg_int("fill_mismatch", (int32_t)sweep_all(false, &sum_before));
    sg_hex("ro_word0", *(volatile uint32_t *)RO_GPA);   /* the hostile VM reads it too */
    sg_int("raise_filled", mv_virq_raise(CAP_HOSTILE));
    int32_t bits = mv_wait(WAIT_NS);   /* 0: timed out, the hostile VM never said "done" */
    sg_hex("done_bits", (uint32_t)bits);
    mv_virq_ack((uint32_t)bits);
    sg_int("words", (int32_t)(FILL_WORDS + 2u * REGION_SIZE / 4u));
    sg_int("mismatch", (int32_t)sweep_all(true, &sum_after));
    sg_hex("sum_before", sum_before);
    sg_hex("sum_after", sum_after);
    sg_int("map_after", mv_vmmu_map(SPARE_VA, (uint32_t)spare, MV_MAP_READ | MV_MAP_WRITE));
    return 0;
}
