/*
 * lab.c - what an unwritten lab function of the guest library does in a starter tree:
 * it says so on the console and stops the VM, as the kernel's stubs stop the machine.
 */
#include <stdio.h>
#include "mv/guest.h"

#define LAB_MISSING_EXIT 99   /* the VM's exit code: a test sees it */

void mv_ring_lab_missing(const char *what) {
    printf("lab 4: not implemented: %s (userland/lib/chan_ring.c)\n", what);
    mv_vm_exit(LAB_MISSING_EXIT);
}
