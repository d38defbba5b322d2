/*
 * fpu.S - saving and loading a process's floating-point registers (struct port_fpu:
 * d0..d31, then FPSCR). The guest kernel runs at PL0, where d0-d31 and FPSCR are
 * accessible; FPEXC is not, and need not be: the microvisor keeps the unit on for the
 * vCPU (and each vCPU's registers apart from other VMs'). Everything else of minilinux
 * is compiled soft-float and never touches these registers: only this file says
 * `.fpu neon`.
 */
    .syntax unified
    .thumb
    .fpu neon
    .text

/* port_fpu_save(struct port_fpu *f) */
    .global port_fpu_save
    .thumb_func
port_fpu_save:
    vstmia  r0!, {d0-d15}
    vstmia  r0!, {d16-d31}
    vmrs    r1, fpscr
    str     r1, [r0]
    bx      lr

/* port_fpu_load(const struct port_fpu *f) */
    .global port_fpu_load
    .thumb_func
port_fpu_load:
    vldmia  r0!, {d0-d15}
    vldmia  r0!, {d16-d31}
    ldr     r1, [r0]
    vmsr    fpscr, r1
    bx      lr
