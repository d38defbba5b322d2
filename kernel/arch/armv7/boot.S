/*
 * boot.S - the first instructions: QEMU jumps here in SVC mode, MMU off, at a
 * physical address. We build a boot page table with 1 MiB sections, turn the MMU
 * on and jump to the kernel's high (virtual) addresses, then call kmain().
 *
 * The boot table maps:
 *   - RAM identity (VA 0x40000000 -> PA 0x40000000): so the PC stays valid the
 *     instant the MMU switches on;
 *   - RAM high (VA 0xC0000000 -> PA 0x40000000): where the kernel is linked;
 *   - the device window (VA 0xF8000000 -> PA 0x08000000): GIC and UART.
 * TTBCR.N = 1 splits the address space: TTBR0 (guests) below 2 GiB, TTBR1 above.
 */
#include "platform.h"

#define SECT_NORMAL 0x0140E   /* section, C B, TEX=001 (write-back), AP=01 (kernel RW), domain 0 */
#define SECT_DEVICE 0x00416   /* section, B, XN, AP=01: shared device */

    .arch armv7-a
    .arm
    .section .text.boot, "ax"
    .global _start
_start:
    cpsid   aif
    ldr     r4, =boot_l1 - KERNEL_VIRT_OFFSET   /* physical address of the table */

    /* clear all 4096 entries */
    mov     r0, r4
    mov     r1, #0
    mov     r2, #4096
1:  str     r1, [r0], #4
    subs    r2, r2, #1
    bne     1b

    /* RAM: identity and high, 256 sections each */
    ldr     r5, =RAM_PHYS_BASE | SECT_NORMAL
    add     r0, r4, #(RAM_PHYS_BASE >> 20) * 4
    add     r1, r4, #((RAM_PHYS_BASE + KERNEL_VIRT_OFFSET) >> 20) * 4
    mov     r2, #(RAM_SIZE >> 20)
2:  str     r5, [r0], #4
    str     r5, [r1], #4
    add     r5, r5, #0x100000
    subs    r2, r2, #1
    bne     2b

    /* device window */
    ldr     r5, =DEVICE_PHYS_BASE | SECT_DEVICE
    add     r0, r4, #(DEVICE_VIRT_BASE >> 20) * 4
    mov     r2, #(DEVICE_WINDOW >> 20)
3:  str     r5, [r0], #4
    add     r5, r5, #0x100000
    subs    r2, r2, #1
    bne     3b

    /* MMU registers: both halves walk the boot table until the first VM runs */
    mov     r0, #1
    mcr     p15, 0, r0, c2, c0, 2       /* TTBCR: N = 1 */
    mcr     p15, 0, r4, c2, c0, 0       /* TTBR0 */
    mcr     p15, 0, r4, c2, c0, 1       /* TTBR1 */
    mov     r0, #1
    mcr     p15, 0, r0, c3, c0, 0       /* DACR: domain 0 = client (permissions checked) */
    mov     r0, #0
    mcr     p15, 0, r0, c13, c0, 1      /* CONTEXTIDR: ASID 0 (the kernel's) */
    mcr     p15, 0, r0, c8, c7, 0       /* TLBIALL */
    dsb
    isb
    mrc     p15, 0, r0, c1, c0, 0       /* SCTLR */
    orr     r0, r0, #(1 << 0)           /* M: MMU on */
    orr     r0, r0, #(1 << 2)           /* C: data cache */
    orr     r0, r0, #(1 << 12)          /* I: instruction cache */
    orr     r0, r0, #(1 << 11)          /* Z: branch prediction */
    bic     r0, r0, #(1 << 13)          /* V: vectors at VBAR, not 0xffff0000 */
    bic     r0, r0, #(1 << 28)          /* TRE off */
    bic     r0, r0, #(1 << 29)          /* AFE off */
    mcr     p15, 0, r0, c1, c0, 0
    isb

    ldr     pc, =boot_high              /* jump to the linked (high) address */

    .text
boot_high:
    ldr     sp, =kstack_top
    ldr     r0, =vectors
    mcr     p15, 0, r0, c12, c0, 0      /* VBAR */
    isb
    /* zero .bss (the boot table lives in .data, not .bss) */
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
4:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     4b
    bl      kmain
5:  wfi
    b       5b

    .data
    .balign 16384
    .global boot_l1
boot_l1:
    .space  16384

    .bss
    .balign 8
    .global kstack_top
kstack:
    .space  8192
kstack_top:
