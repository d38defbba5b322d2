/*
 * sc_forever.c - lab 1: blocks with no timeout; nobody will ever wake it. Once the other
 * VM has exited, the microvisor must notice and power off instead of hanging.
 */
#include "scenario_guest.h"

int main(void) {
    sg_int("forever_blocking", 1);
    int32_t r = mv_wait(0);
    sg_int("forever_woke", r);   /* must never be printed */
    return 0;
}
