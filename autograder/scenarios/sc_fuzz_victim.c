/*
 * sc_fuzz_victim.c - scenario of system test_vmmu_fuzz (VM "victim"): the bystander.
 *
 * It fills all of its free RAM (from the end of what its runtime uses to a little below
 * its stack) with a pattern computed from each word's index, and the shared region
 * "fzshm" with another (cap 0: read-write here; the fuzzer may only read it, and its
 * model knows this pattern). Then, while "fuzzer" (sc_fuzz.c) hammers the microvisor, it
 * checks both every PERIOD_NS of virtual time: no hypercall of another VM may change a
 * bit of them. A wrong word is counted and repaired, so each corruption counts once.
 * When the fuzzer raises DONE_LINE it checks one last time and reports; if the fuzzer
 * never does (it died), it gives up after GIVE_UP_NS and says so.
 */
#include <unistd.h>
#include "scenario_guest.h"

#define DONE_LINE 5u             /* the fuzzer also raises line 1 at random: noise */
#define PERIOD_NS 5000000u       /* 5 ms of virtual time between checks */
#define GIVE_UP_NS 3000000000ull /* a whole run takes well under 1 s of virtual time */
#define STACK_ROOM 0x2000u       /* left free below the stack for our own calls */
#define REGION_GPA 0x02000000u   /* cap 0 (systems/test_vmmu_fuzz.c) */
#define REGION_SIZE 0x2000u
#define REGION_VA 0x50000000u

static uint32_t *lo, *hi, first_bad;
static uint32_t *const region = (uint32_t *)REGION_VA;

static uint32_t ram_word(uint32_t i) { return i * 2654435761u ^ 0x5eed1e55u; }
static uint32_t region_word(uint32_t i) { return i * 0x01000193u ^ 0xfeed5eedu; }   /* sc_fuzz.c */

/* Count (and repair) the words of [from, to) that are not word(index). */
static uint32_t check_range(uint32_t *from, uint32_t *to, uint32_t (*word)(uint32_t)) {
    uint32_t bad = 0;
    for (uint32_t i = 0; &from[i] < to; i++)
        if (from[i] != word(i)) {
            if (!first_bad)
                first_bad = (uint32_t)&from[i];
            from[i] = word(i);
            bad++;
        }
    return bad;
}

static uint32_t check(void) {
    return check_range(lo, hi, ram_word)
         + check_range(region, region + REGION_SIZE / 4, region_word);
}

static void fill(void) {
    int32_t rc = 0;
    for (uint32_t p = 0; p < REGION_SIZE; p += MV_PAGE_SIZE)
        rc |= mv_vmmu_map(REGION_VA + p, REGION_GPA + p, MV_MAP_READ | MV_MAP_WRITE);
    sg_int("victim_region_map", rc);
    if (rc)
        mv_vm_exit(1);
    for (uint32_t i = 0; i < REGION_SIZE / 4; i++)
        region[i] = region_word(i);
    for (uint32_t i = 0; &lo[i] < hi; i++)
        lo[i] = ram_word(i);
}

int main(void) {
    uint32_t here = 0, bad = 0, passes = 0, bits = 0;
    uint64_t next = 0;
    sg_int("victim_start", 1);   /* stdio takes its buffer from the heap first */
    lo = (uint32_t *)(((uint32_t)sbrk(0) + 3u) & ~3u);
    hi = (uint32_t *)(((uint32_t)&here & ~(MV_PAGE_SIZE - 1u)) - STACK_ROOM);
    fill();
    while (!(bits & (1u << DONE_LINE)) && mv_time() < GIVE_UP_NS) {
        if (mv_time() >= next) {   /* the noise line must not make us check more often */
            bad += check(), passes++;
            next = mv_time() + PERIOD_NS;
        }
        bits = (uint32_t)mv_wait(PERIOD_NS);
        mv_virq_ack(bits);
    }
    bad += check();
    sg_int("victim_words", (int32_t)(hi - lo));
    sg_int("victim_passes", (int32_t)passes + 1);
    sg_hex("victim_first_bad", first_bad);
    sg_int("victim_timeout", !(bits & (1u << DONE_LINE)));
    sg_int("victim_mismatches", (int32_t)bad);
    return 0;
}
