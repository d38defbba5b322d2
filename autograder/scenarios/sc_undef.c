/*
 * sc_undef.c - scenario of system test_fault (VM "faulty"): executes an undefined
 * instruction in guest-kernel mode. It reports where, then the kernel must stop this
 * VM (and only it) with a report naming the VM, the vCPU, that pc and the cause.
 */
#include "scenario_guest.h"

extern const char undef_here[];   /* the label on the instruction below (a Thumb udf) */

int main(void) {
    sg_hex("undef_pc", (uint32_t)undef_here);
    mv_yield();   /* let "survivor" start first */
    __asm__ volatile(".global undef_here\nundef_here: udf #42");
    sg_int("after_undef", 1);   /* never printed */
    return 0;
}
