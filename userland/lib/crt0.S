/*
 * crt0.S - where a VM program starts. The microvisor enters here in guest-kernel
 * mode with r0 = 0, r1 = the state page's VA and sp = the top of the VM's RAM.
 */
    .syntax unified
    .thumb
    .section .text.start, "ax"
    .global _start
    .thumb_func
_start:
    ldr     r4, =__bss_start
    ldr     r5, =__bss_end
    movs    r6, #0
1:  cmp     r4, r5
    bhs     2f
    str     r6, [r4], #4
    b       1b
2:  ldr     r4, =__mv_stack_top     @ the heap's ceiling (see _sbrk)
    str     sp, [r4]
    bl      __libc_init_array
    movs    r0, #0
    movs    r1, #0
    bl      main
    bl      exit
3:  b       3b
