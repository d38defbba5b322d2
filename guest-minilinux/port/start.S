/*
 * start.S - where minilinux starts. The microvisor enters here in guest-kernel mode with
 * r1 = vCPU 0's state page and sp = the top of the VM's RAM: clear .bss, then run the
 * port's boot code on this stack (port_boot(top of RAM)). Upcalls later get a stack of
 * their own (see boot.c).
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
2:  mov     r0, sp
    bl      port_boot
3:  b       3b
