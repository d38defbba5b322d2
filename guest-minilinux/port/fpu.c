/*
 * fpu.c - each process's own floating-point registers, switched lazily: the hardware
 * keeps the registers of the thread that ran last (port_fpu_owner) until port_run()
 * resumes another one. A system call, a page fault or a tick that returns to the same
 * process therefore costs one comparison, and nothing in the guest kernel (compiled
 * soft-float) can disturb the registers meanwhile.
 */
#include "port/port_internal.h"

struct port_thread *port_fpu_owner;

void port_fpu_switch(struct port_thread *t) {
    if (port_fpu_owner)
        port_fpu_save(&port_fpu_owner->fpu);
    port_fpu_load(&t->fpu);
    port_fpu_owner = t;
}

void port_fpu_sync(struct port_thread *t) {
    if (t == port_fpu_owner)
        port_fpu_save(&t->fpu);
}

void port_fpu_reset(struct port_thread *t) {
    static const struct port_fpu fresh;
    t->fpu = fresh;
    if (t == port_fpu_owner)
        port_fpu_owner = NULL;   /* the hardware's copy belongs to nobody now */
}
