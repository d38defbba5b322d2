/**
 * @file platform.h
 * @brief Addresses and constants of QEMU's `virt` machine and of the kernel's memory map.
 *
 * Physical layout (QEMU virt, -m 256M):
 *   0x08000000 GICv2 distributor, 0x08010000 GICv2 CPU interface, 0x09000000 PL011 UART,
 *   0x40000000 RAM (QEMU puts the device tree at its start), 0x40100000 the kernel image,
 *   the last RAM page holds the boot-info page the test harness writes the nonce into.
 * Virtual layout: TTBR0 (per VM) covers 0..2 GiB; TTBR1 (kernel, global) covers 2..4 GiB:
 *   0xC0000000 + x maps RAM at 0x40000000 + x; 0xF8000000 maps the 0x08000000 device window.
 */
#ifndef MV_PLATFORM_H
#define MV_PLATFORM_H

#define RAM_PHYS_BASE      0x40000000u           /**< Physical address of RAM on QEMU virt. */
#define RAM_SIZE           0x10000000u           /**< 256 MiB: must match QEMU's -m. */
#define KERNEL_PHYS_BASE   0x40100000u           /**< Where QEMU loads the kernel (see kernel.ld). */
#define KERNEL_VIRT_OFFSET 0x80000000u           /**< Kernel VA = PA + offset (RAM at 0xC0000000). */
#define DEVICE_PHYS_BASE   0x08000000u           /**< Physical start of the device window. */
#define DEVICE_VIRT_BASE   0xF8000000u           /**< Where the kernel maps the device window. */
#define DEVICE_WINDOW      0x02000000u           /**< 32 MiB: GIC and UART. */
#define BOOTINFO_PHYS      (RAM_PHYS_BASE + RAM_SIZE - 0x1000u) /**< Boot-info page (last RAM page). */
#define BOOTINFO_NONCE_MAGIC 0x4e4f4e43u         /**< "NONC": the word before the nonce. */

#define DEV(pa)            ((pa) - DEVICE_PHYS_BASE + DEVICE_VIRT_BASE) /**< Kernel VA of device PA @p pa. */
#define UART0_BASE         DEV(0x09000000u)      /**< PL011 UART registers. */
#define GICD_BASE          DEV(0x08000000u)      /**< GICv2 distributor registers. */
#define GICC_BASE          DEV(0x08010000u)      /**< GICv2 CPU interface registers. */

#define IRQ_TIMER_PHYS     30u                   /**< Non-secure physical timer PPI. */
#define IRQ_TIMER_VIRT     27u                   /**< Virtual timer PPI: a VM may own it. */
#define IRQ_UART           33u                   /**< PL011 UART (SPI 1): console input. */

/** @name CPSR modes and bits */
/** @{ */
#define MODE_USR 0x10u    /**< User mode (PL0): where every guest runs. */
#define MODE_SVC 0x13u    /**< Supervisor mode (PL1): the microvisor. */
#define MODE_MASK 0x1fu   /**< The mode field. */
#define PSR_T    (1u << 5)  /**< Thumb state. */
#define PSR_F    (1u << 6)  /**< FIQ masked. */
#define PSR_I    (1u << 7)  /**< IRQ masked. */
#define PSR_A    (1u << 8)  /**< Asynchronous abort masked. */
/** @} */

#endif
