/* uart.c - the PL011 UART: polled output for the kernel console. */
#include "arch.h"
#include "platform.h"

#define UART_DR 0x00u   /* data register */
#define UART_FR 0x18u   /* flag register */
#define UART_FR_TXFF (1u << 5)

static inline volatile uint32_t *uart_reg(uint32_t off) {
    return (volatile uint32_t *)(UART0_BASE + off);
}

void arch_console_putc(char c) {
    while (*uart_reg(UART_FR) & UART_FR_TXFF)
        ;
    *uart_reg(UART_DR) = (uint32_t)(unsigned char)c;
}
