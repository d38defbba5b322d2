/* uart.c - the PL011 UART: polled output for the kernel console, and interrupt-driven
 * input for the VM that owns it (kernel/core/console.c). */
#include "arch.h"
#include "gic.h"
#include "platform.h"
#include "uart.h"

#define UART_DR   0x00u   /* data register */
#define UART_FR   0x18u   /* flag register */
#define UART_IMSC 0x38u   /* interrupt mask set/clear */
#define UART_FR_RXFE (1u << 4)   /* receive FIFO empty */
#define UART_FR_TXFF (1u << 5)   /* transmit FIFO full */
#define UART_INT_RX  (1u << 4)   /* receive (FIFO at its trigger level) */
#define UART_INT_RT  (1u << 6)   /* receive timeout (bytes wait below the trigger level) */

static inline volatile uint32_t *uart_reg(uint32_t off) {
    return (volatile uint32_t *)(UART0_BASE + off);
}

void uart_init(void) {
    *uart_reg(UART_IMSC) = UART_INT_RX | UART_INT_RT;
    gic_enable(IRQ_UART);
}

void arch_console_putc(char c) {
    while (*uart_reg(UART_FR) & UART_FR_TXFF)
        ;
    *uart_reg(UART_DR) = (uint32_t)(unsigned char)c;
}

/* Reading the receive FIFO until it is empty is what clears the receive interrupts. (No
 * write to ICR after the last read: a byte arriving between that read and the write would
 * lose its interrupt, and input would stop for good.) */
int arch_console_getc(void) {
    if (*uart_reg(UART_FR) & UART_FR_RXFE)
        return -1;
    return (int)(*uart_reg(UART_DR) & 0xffu);
}
