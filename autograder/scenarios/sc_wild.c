/*
 * sc_wild.c - scenario of system test_fault (VM "wild"): writes to the microvisor's own
 * memory from guest-kernel mode. The MMU must refuse (a data abort), and the kernel must
 * stop this VM with a report naming the address.
 */
#include "scenario_guest.h"

#define KERNEL_IMAGE_VA 0xc0100000u   /* where the microvisor's code is mapped */

int main(void) {
    sg_hex("wild_addr", KERNEL_IMAGE_VA);
    mv_yield();
    *(volatile uint32_t *)KERNEL_IMAGE_VA = 0xbadc0deu;
    sg_int("after_write", 1);   /* never printed */
    return 0;
}
