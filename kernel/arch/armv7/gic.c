/* gic.c - the GICv2 interrupt controller: only what one CPU and a few lines need. */
#include "gic.h"
#include "platform.h"

#define GICD_CTLR       0x000u
#define GICD_ISENABLER  0x100u
#define GICD_ICENABLER  0x180u
#define GICD_IPRIORITYR 0x400u
#define GICC_CTLR       0x000u
#define GICC_PMR        0x004u
#define GICC_IAR        0x00cu
#define GICC_EOIR       0x010u
#define GIC_SPURIOUS    1023u

static inline volatile uint32_t *gicd(uint32_t off) { return (volatile uint32_t *)(GICD_BASE + off); }
static inline volatile uint32_t *gicc(uint32_t off) { return (volatile uint32_t *)(GICC_BASE + off); }

void gic_init(void) {
    *gicd(GICD_CTLR) = 1;
    *gicc(GICC_PMR) = 0xf0;   /* let every priority through */
    *gicc(GICC_CTLR) = 1;
}

void gic_enable(uint32_t irq) {
    volatile uint8_t *prio = (volatile uint8_t *)gicd(GICD_IPRIORITYR);
    prio[irq] = 0xa0;
    gicd(GICD_ISENABLER)[irq / 32] = 1u << (irq % 32);
}

void gic_disable(uint32_t irq) { gicd(GICD_ICENABLER)[irq / 32] = 1u << (irq % 32); }

int gic_ack(void) {
    uint32_t iar = *gicc(GICC_IAR);
    if ((iar & 0x3ff) == GIC_SPURIOUS)
        return -1;
    return (int)iar;
}

void gic_eoi(int iar) { *gicc(GICC_EOIR) = (uint32_t)iar; }
