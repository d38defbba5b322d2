/** @file uart.h @brief PL011 UART driver (arch-internal). */
#ifndef MV_UART_H
#define MV_UART_H
/** @brief Let received bytes interrupt (the core drains them: console_input_ready()). */
void uart_init(void);
#endif
