/* cpu.c - CPU-level services for the core: power, memory translation, contexts, idle. */
#include "arch.h"
#include "cp15.h"
#include "gic.h"
#include "platform.h"
#include "timer.h"
#include "armv7.h"
#include "core/console.h"
#include "core/irq.h"
#include "uart.h"

extern char __kernel_end[];

void arch_poweroff(void) {
    /* PSCI SYSTEM_OFF through the hypervisor call conduit QEMU's virt provides */
    register uint32_t r0 __asm__("r0") = 0x84000008u;
    __asm__ volatile(".arch_extension virt\n\thvc #0" ::"r"(r0));
    for (;;)
        __asm__ volatile("wfi");
}

uint32_t arch_boot_nonce(void) {
    const volatile uint32_t *info = arch_phys_to_virt(BOOTINFO_PHYS);
    return info[0] == BOOTINFO_NONCE_MAGIC ? info[1] : 0;
}

void *arch_phys_to_virt(paddr_t pa) { return (void *)(uintptr_t)(pa + KERNEL_VIRT_OFFSET); }

paddr_t arch_virt_to_phys(const void *va) { return (paddr_t)(uintptr_t)va - KERNEL_VIRT_OFFSET; }

void arch_free_memory(paddr_t *start, paddr_t *end) {
    *start = arch_virt_to_phys(__kernel_end);
    *end = BOOTINFO_PHYS;   /* the last page is the harness's boot-info page */
}

uint32_t arch_tls_user_read(void) { return tpidrurw_read(); }

void arch_tls_load(uint32_t rw, uint32_t ro) {
    tpidrurw_write(rw);
    tpidruro_write(ro);
}

void arch_idle(void) {
    /* WFI wakes on a pending interrupt even with CPSR.I set; we then poll the GIC. */
    __asm__ volatile("dsb; wfi" ::: "memory");
    arch_handle_irqs();
}

void arch_handle_irqs(void) {
    int iar;
    while ((iar = gic_ack()) >= 0) {
        uint32_t irq = (uint32_t)iar & 0x3ffu;
        if (irq == IRQ_TIMER_PHYS)
            timer_ack();   /* the scheduler re-arms it before returning to a guest */
        else if (irq == IRQ_UART)
            console_input_ready();   /* the microvisor's own device: drained, so it quiets */
        else
            irq_deliver(irq);   /* masks it; the owning VM acknowledges */
        gic_eoi(iar);
    }
}

/* ---- IRQ routes: the virtual timer is the one device a guest can own on QEMU virt ---- */

bool arch_irq_routable(uint32_t irq) { return irq == IRQ_TIMER_VIRT; }

uint32_t arch_irq_device(uint32_t irq) { return irq == IRQ_TIMER_VIRT ? DEVICE_VTIMER : 0; }

void arch_irq_unmask(uint32_t irq) { gic_enable(irq); }
void arch_irq_mask(uint32_t irq) { gic_disable(irq); }

void arch_init(void) {
    mmu_init();
    gic_init();
    timer_init();
    gic_enable(IRQ_TIMER_PHYS);
    uart_init();
    /* PMU cycle counter on, readable from PL0: under icount it counts instructions,
     * which is what the benchmarks measure. */
    pmcr_write(pmcr_read() | 0x7u);   /* E, P (reset event counters), C (reset cycle counter) */
    pmcntenset_write(1u << 31);
    pmuserenr_write(1);
    arch_fpu_init();   /* VFP/NEON for the guests; each vCPU's copy: core/fpu.c */
}
