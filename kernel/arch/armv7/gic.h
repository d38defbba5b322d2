/** @file gic.h  @brief GICv2 driver (arch-internal). */
#ifndef MV_GIC_H
#define MV_GIC_H
#include <stdint.h>
/** @brief Enable the distributor and this CPU's interface. */
void gic_init(void);
/** @brief Enable interrupt @p irq with a default priority. */
void gic_enable(uint32_t irq);
/** @brief Disable interrupt @p irq (it stays pending at the device). */
void gic_disable(uint32_t irq);
/** @brief Acknowledge the highest pending interrupt: its IAR value, or -1 if none. */
int gic_ack(void);
/** @brief Signal end of interrupt for an IAR value from gic_ack(). */
void gic_eoi(int iar);
#endif
