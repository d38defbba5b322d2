/*
 * sc_vt_intruder.c - scenario of system test_virq_payload, run by two VMs that must not
 * be able to raise line 3 of "recv": "nocap" (slot 0 empty, slot 1 a vCPU cap) and
 * "noright" (slot 0 a vIRQ cap to that line without CAP_R_RAISE, slot 1 empty). Both
 * try slots 0, 1 and 99 with a payload of all ones, which "recv" would see if any raise
 * got through. They run at a higher priority than "recv", so they are done before it
 * takes the line for the first time.
 */
#include "scenario_guest.h"

#define PAYLOAD 0xffffffffu

int main(void) {
    sg_int("slot0", mv_virq_raise_payload(0, PAYLOAD));
    sg_int("slot1", mv_virq_raise_payload(1, PAYLOAD));
    sg_int("slot99", mv_virq_raise_payload(99, PAYLOAD));
    return 0;
}
