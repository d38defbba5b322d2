/*
 * test_fuzz.c - system test_vmmu_fuzz (systems/test_vmmu_fuzz.c): VM "fuzzer"
 * (sc_fuzz.c) makes 100 000 random hypercalls seeded by the run's nonce and checks every
 * result against its model of abi.h; VM "victim" (sc_fuzz_victim.c) checks that none of
 * it changed a word of its memory. A failure names the first calls the model rejected;
 * `make grade-debug` replays the same run (same nonce, same calls).
 */
#include "systest.h"

#define SYSTEM "test_vmmu_fuzz"
#define TAGS "lab2 system"
#define FUZZER "fuzzer"
#define VICTIM "victim"
#define MIN_CALLS 100000

/* The fuzzer's first few mismatch lines, joined, for the failure message. */
static void first_mismatches(const struct systest_run *run, char *out, size_t size) {
    struct scenario_line l;
    size_t pos = 0, used = 0;
    out[0] = '\0';
    for (int n = 0; n < 4 && scenario_next(&run->r, &pos, &l);)
        if (l.nonce == run->nonce && strcmp(l.vm, FUZZER) == 0 &&
            strcmp(l.key, "mismatch") == 0 && used + 8 < size) {
            used += (size_t)snprintf(out + used, size - used, "\n    %s", l.value);
            n++;
        }
}

START_TEST(lab2_sys_fuzz) {
    const struct systest_run *run = systest_run(SYSTEM);
    char first[600];
    long long calls = RESULT(run, FUZZER, "calls"), bad = RESULT(run, FUZZER, "mismatches");
    EXPECT(run, calls >= MIN_CALLS, "the fuzzer made %lld hypercalls, fewer than %d", calls,
           MIN_CALLS);
    first_mismatches(run, first, sizeof first);
    EXPECT(run, bad == 0, "%lld hypercall results contradict abi.h (or the data behind a mapping "
           "is not what the calls put there). The first, as '#<check> CALL(r0,r1,r2,r3) what': "
           "'want valX errY' means the results allowed were the values v with bit v of X set "
           "and the errors -n with bit n of Y set:%s", bad, first);
    /* the model was not vacuous: data went through process contexts */
    EXPECT(run, RESULT(run, FUZZER, "copies_ok") > 0, "no copy to or from a process context "
           "succeeded: the fuzzer's mappings never worked");
    EXPECT_RESULT(run, FUZZER, "done_raise", 0);
    EXPECT_RESULT(run, VICTIM, "victim_region_map", 0);
    long long hit = RESULT(run, VICTIM, "victim_mismatches");
    EXPECT(run, hit == 0, "%lld words of VM 'victim' changed while 'fuzzer' ran (the first at "
           "its address 0x%llx; 0x50000000 up is the region 'fzshm', which 'fuzzer' may only "
           "read): another VM's hypercalls reached its memory", hit,
           RESULT(run, VICTIM, "victim_first_bad"));
    EXPECT_RESULT(run, VICTIM, "victim_timeout", 0);
    systest_expect_stopped(run, FUZZER, 0, NULL, 0);
    systest_expect_stopped(run, VICTIM, 0, NULL, 0);
    systest_expect_clean_poweroff(run);
}
END_TEST

Suite *suite_fuzz(void) {
    Suite *s = suite_create("fuzz");
    systest_add(s, "lab2_sys_fuzz", TAGS, lab2_sys_fuzz, SYSTEST_TIMEOUT_S);
    return s;
}
