/*
 * main.c - kmain(): from the first C instruction to the first guest instruction.
 *
 * boot.S has turned the MMU on and set up a stack. We bring up memory, the
 * interrupt controller and timer, load the static system, and enter the first vCPU.
 * From then on the kernel only runs on exceptions (see vectors.S).
 */
#include "arch/arch.h"
#include "core/channel.h"
#include "core/irq.h"
#include "core/kprintf.h"
#include "core/mem.h"
#include "core/system.h"
#include "core/trap.h"
#include "core/vmmu.h"
#include "core/vm.h"

#define MV_VERSION "0.1"

void kmain(void);

void kmain(void) {
    char err[160];
    kprintf("\n[mv] microvisor %s (ARMv7-A, QEMU virt) booting system '%s'\n", MV_VERSION,
            system_desc.name);
    mem_init();
    arch_init();
    if (system_load(&system_desc, err, sizeof err))
        kpanic("cannot load system '%s': %s", system_desc.name, err);
    for (uint32_t i = 0; i < vm_count; i++) {
        const struct vm *vm = &vm_table[i];
        kprintf("[mv] vm %u '%s': %u KiB RAM, %u vCPU(s), %u MMU context(s), page tables %u "
                "of %u KiB used\n", i, vm->name, vm->ram_size / 1024u, vm->nvcpus,
                vm->vmmu.ncontexts, (vm->vmmu.ntables - vm->vmmu.nfree) * ARCH_L2_SIZE / 1024u,
                vm->vmmu.ntables * ARCH_L2_SIZE / 1024u);
    }
    for (uint32_t i = 0; i < region_count; i++)
        kprintf("[mv] region '%s': %u KiB shared\n", region_table[i].name,
                region_table[i].size / 1024u);
    for (uint32_t i = 0; i < chan_count; i++)
        kprintf("[mv] channel '%s': %s <-> %s\n", chan_table[i].name,
                chan_table[i].ends[0].owner->vm->name, chan_table[i].ends[1].owner->vm->name);
    for (uint32_t i = 0; i < irq_route_count; i++)
        kprintf("[mv] interrupt %u -> vm '%s' vcpu %u line %u\n", irq_routes[i].irq,
                irq_routes[i].vcpu->vm->name, irq_routes[i].vcpu->index, irq_routes[i].line);
    kprintf("[mv] %u KiB of memory left; starting VMs\n", mem_free_bytes() / 1024u);
    arch_enter_user(trap_resume());
}
