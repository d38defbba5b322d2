/*
 * sc_chan4_bystander.c - scenario of system test_chan_hostile (VM "by", the lowest
 * priority): sleeps BY_ROUNDS times 20 us while the others fight, to show that the
 * microvisor keeps scheduling. Result: rounds (timed waits that ended by their timeout).
 */
#include "chan4_guest.h"

#define BY_ROUNDS 50

int main(void) {
    int32_t rounds = 0;
    for (int i = 0; i < BY_ROUNDS; i++)
        rounds += mv_wait(20000) == 0;
    sg_int("rounds", rounds);
    return 0;
}
