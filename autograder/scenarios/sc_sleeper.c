/*
 * sc_sleeper.c - lab 1: waits with a timeout five times while nothing else can run, so
 * the microvisor must idle (WFI) and wake it on time.
 */
#include "scenario_guest.h"

int main(void) {
    for (int i = 0; i < 5; i++) {
        uint64_t t0 = mv_time();
        int32_t r = mv_wait(1000000u);   /* 1 ms */
        uint64_t t1 = mv_time();
        char ret[8] = {'r', (char)('0' + i), 0}, took[8] = {'t', (char)('0' + i), 0};
        sg_int(ret, r);
        sg_result(took, "%u", (unsigned)(t1 - t0));
    }
    return 0;
}
