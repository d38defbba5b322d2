/*
 * crt0.S - where a minilinux program starts. The kernel enters here in user mode with
 * sp at Linux's initial stack: argc, then argv[] and NULL, envp[] and NULL, then the
 * auxiliary vector. Hand the three to __ml_start() (syscalls.c), which runs main.
 */
    .syntax unified
    .thumb
    .section .text.start, "ax"
    .global _start
    .thumb_func
_start:
    ldr     r0, [sp]                @ argc
    add     r1, sp, #4              @ argv
    add     r2, r1, r0, lsl #2
    adds    r2, r2, #4              @ envp: after argv's NULL
    bl      __ml_start
1:  b       1b
