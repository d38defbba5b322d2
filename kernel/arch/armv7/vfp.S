/*
 * vfp.S - the VFP/NEON register file: turning it on, saving and loading one vCPU's copy.
 *
 * The microvisor's C code is compiled soft-float and never touches d0-d31, so these
 * few instructions are the only ones in the kernel that do: the assembler needs
 * `.fpu neon` here, and nowhere else. The layout is struct arch_fpu (kernel/arch/arch.h):
 * d0..d31 (256 bytes), then FPSCR, then FPEXC.
 *
 * FPEXC.EN (bit 30) switches the whole unit: when clear, every VFP/NEON instruction is
 * undefined, at PL0 and at PL1 alike (only vmrs/vmsr of FPEXC itself still work at PL1).
 * The lazy switch (kernel/core/fpu.c) uses that as its trap.
 */
    .arch armv7-a
    .fpu neon
    .arm
    .text

#define FPEXC_EN (1 << 30)

/* arch_fpu_init(): give PL0 the coprocessors and switch the unit on. */
    .global arch_fpu_init
arch_fpu_init:
    mrc     p15, 0, r0, c1, c0, 2       /* CPACR */
    orr     r0, r0, #(0xf << 20)        /* cp10, cp11: full access, PL0 and PL1 */
    mcr     p15, 0, r0, c1, c0, 2
    isb                                 /* the new access rights apply from here */
    mov     r0, #FPEXC_EN
    vmsr    fpexc, r0
    bx      lr

/* arch_fpu_save(struct arch_fpu *f): store the unit's registers (it must be enabled). */
    .global arch_fpu_save
arch_fpu_save:
    vstmia  r0!, {d0-d15}
    vstmia  r0!, {d16-d31}
    vmrs    r1, fpscr
    vmrs    r2, fpexc
    stmia   r0, {r1, r2}
    bx      lr

/* arch_fpu_load(const struct arch_fpu *f): load them, the unit enabled whatever f's FPEXC
 * says (a guest cannot write FPEXC, so its only meaningful bit for us is EN). */
    .global arch_fpu_load
arch_fpu_load:
    add     r1, r0, #256
    ldmia   r1, {r2, r3}
    orr     r3, r3, #FPEXC_EN
    vmsr    fpexc, r3                   /* first: with EN clear the loads below would trap */
    vldmia  r0!, {d0-d15}
    vldmia  r0!, {d16-d31}
    vmsr    fpscr, r2
    bx      lr

/* arch_fpu_enable(bool on): set or clear FPEXC.EN, keeping its other bits. */
    .global arch_fpu_enable
arch_fpu_enable:
    vmrs    r1, fpexc
    bic     r1, r1, #FPEXC_EN
    cmp     r0, #0
    orrne   r1, r1, #FPEXC_EN
    vmsr    fpexc, r1
    bx      lr

/* arch_fpu_enabled(): FPEXC.EN, as 0 or 1. */
    .global arch_fpu_enabled
arch_fpu_enabled:
    vmrs    r0, fpexc
    lsr     r0, r0, #30
    and     r0, r0, #1
    bx      lr
