/*
 * sc_yield.c - lab 1: two VMs (this program twice) at one priority with long slices
 * yield to each other. Each reports the cycle count after every return from yield; the
 * host checks that the two VMs' times strictly alternate (yield handed over at once).
 */
#include "scenario_guest.h"

#define ROUNDS 12

int main(void) {
    uint32_t t[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
        mv_yield();
        t[i] = mv_cycles();
    }
    mv_yield();   /* so the partner's last recorded return is not delayed by our report */
    for (int i = 0; i < ROUNDS; i++) {
        char key[8] = {'y', (char)('a' + i), 0};
        sg_result(key, "%u", (unsigned)t[i]);
    }
    return 0;
}
