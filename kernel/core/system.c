/*
 * system.c - the boot-time loader of the static system description: RAM, page
 * tables, state pages, shared regions, channels, IRQ routes and caps. It runs only
 * on a description system_validate() (sysdesc.c) has accepted.
 */
#include "core/system.h"
#include "core/channel.h"
#include "core/console.h"
#include "core/asid.h"
#include "core/elf.h"
#include "core/irq.h"
#include "core/kprintf.h"
#include "core/lib.h"
#include "core/mem.h"
#include "core/pagetable.h"
#include "core/sched.h"
#include "core/vcpu.h"
#include "core/vmmu.h"
#include "core/vtimer.h"

#define FAIL(...) return ksnprintf(err, size, __VA_ARGS__), MV_EINVAL

#define QUOTA_USED_UP(d) \
    ksnprintf(err, size, "vm '%s': its boot mappings (RAM and state pages) use up its " \
              "page-table quota (pt_kb %u); raise pt_kb", (d)->name, pt_kb(d)), MV_ENOMEM

static uint32_t pt_kb(const struct sd_vm *d) { return d->pt_kb ? d->pt_kb : MV_DEFAULT_PT_KB; }

/* RAM, page tables, the boot mapping of the guest kernel's space (identity, page 0 left
 * unmapped to catch NULL) and the image. */
static int load_memory(struct vm *vm, const struct sd_vm *d, uint32_t *entry, char *err, size_t size) {
    vm->ram_size = d->ram_kb * 1024u;
    vm->ram_pa = mem_alloc(vm->ram_size, MV_PAGE_SIZE);
    if (!vm->ram_pa || pt_init(vm, d->contexts, pt_kb(d) * 1024u / ARCH_L2_SIZE))
        return ksnprintf(err, size, "vm '%s': out of memory", d->name), MV_ENOMEM;
    asid_fix(vmmu_kernel_space(vm), vm->index + 1u);
    for (uint32_t gpa = MV_PAGE_SIZE; gpa < vm->ram_size; gpa += MV_PAGE_SIZE)
        if (pt_map(vm, MV_CTX_KERNEL, gpa, vm->ram_pa + gpa, MV_MAP_READ | MV_MAP_WRITE | MV_MAP_EXEC))
            return QUOTA_USED_UP(d);
    const char *why;
    if (elf_load(d->image->start, (size_t)(d->image->end - d->image->start),
                 arch_phys_to_virt(vm->ram_pa), vm->ram_size, entry, &why))
        FAIL("vm '%s': image '%s': %s", d->name, d->image->name, why);
    return 0;
}

static int load_vcpus(struct vm *vm, const struct sd_vm *d, uint32_t nonce, char *err, size_t size) {
    vm->nvcpus = d->nvcpus;
    for (uint32_t i = 0; i < d->nvcpus; i++) {
        struct vcpu *v = &vm->vcpus[i];
        v->vm = vm;
        v->index = i;
        v->prio = d->vcpus[i].prio;
        v->slice_ns = d->vcpus[i].slice_us ? d->vcpus[i].slice_us * 1000u : MV_DEFAULT_SLICE_NS;
        v->wake_at = UINT64_MAX;
        v->vtimer_at = UINT64_MAX;
        v->shared_pa = mem_alloc(MV_PAGE_SIZE, MV_PAGE_SIZE);
        if (!v->shared_pa)
            return ksnprintf(err, size, "vm '%s': out of memory", d->name), MV_ENOMEM;
        if (pt_map(vm, MV_CTX_KERNEL, MV_STATE_VA(i), v->shared_pa, MV_MAP_READ | MV_MAP_WRITE))
            return QUOTA_USED_UP(d);
        v->shared = arch_phys_to_virt(v->shared_pa);
        v->shared->magic = MV_STATE_MAGIC;
        v->shared->vcpu_index = i;
        v->shared->boot_nonce = nonce;
    }
    if (d->contexts && vm->vmmu.nfree < MV_MIN_USER_TABLES)
        return ksnprintf(err, size, "vm '%s': its page-table quota (pt_kb %u) leaves %u tables "
                         "for its %u contexts after its boot mappings; they need at least %u",
                         d->name, pt_kb(d), vm->vmmu.nfree, d->contexts, MV_MIN_USER_TABLES),
               MV_ENOMEM;
    return 0;
}

static int load_regions(const struct sd_system *sys, char *err, size_t size) {
    memset(region_table, 0, sizeof region_table);
    region_count = sd_region_count(sys);
    for (uint32_t i = 0; i < region_count; i++) {
        struct mem_region *r = &region_table[i];
        memcpy(r->name, sys->regions[i].name, strlen(sys->regions[i].name) + 1);
        r->size = sys->regions[i].size_kb * 1024u;
        r->pa = mem_alloc(r->size, MV_PAGE_SIZE);
        if (!r->pa)
            return ksnprintf(err, size, "region '%s': out of memory", r->name), MV_ENOMEM;
    }
    return 0;
}

static struct vcpu *end_vcpu(const struct sd_system *sys, const struct sd_chan_end *e) {
    return &vm_table[sd_find_vm(sys, e->vm)].vcpus[e->vcpu];
}

static void load_channels(const struct sd_system *sys) {
    memset(chan_table, 0, sizeof chan_table);
    chan_count = sd_channel_count(sys);
    for (uint32_t i = 0; i < chan_count; i++) {
        const struct sd_channel *d = &sys->channels[i];
        memcpy(chan_table[i].name, d->name, strlen(d->name) + 1);
        chan_init(&chan_table[i], end_vcpu(sys, &d->ends[0]), d->ends[0].line,
                  end_vcpu(sys, &d->ends[1]), d->ends[1].line);
    }
}

static void load_routes(const struct sd_system *sys) {
    memset(irq_routes, 0, sizeof irq_routes);
    irq_route_count = sd_route_count(sys);
    for (uint32_t i = 0; i < irq_route_count; i++) {
        const struct sd_irq_route *d = &sys->irq_routes[i];
        struct vm *vm = &vm_table[sd_find_vm(sys, d->vm)];
        irq_routes[i] = (struct irq_route){.irq = d->irq, .vcpu = &vm->vcpus[d->vcpu],
                                           .line = d->line};
        vmmu_kernel_space(vm)->devices |= arch_irq_device(d->irq);
        arch_irq_unmask(d->irq);
    }
}

static struct cap load_cap(const struct sd_system *sys, struct vm *vm, const struct sd_cap *s) {
    struct cap c = {.type = s->type, .rights = s->rights};
    if (s->type == CAP_VCPU || s->type == CAP_VIRQ) {
        struct vm *target = s->vm ? &vm_table[sd_find_vm(sys, s->vm)] : vm;
        c.vcpu = &target->vcpus[s->vcpu];
        c.line = s->line;
    } else if (s->type == CAP_MEMORY) {
        c.region = &region_table[sd_find_region(sys, s->object)];
        c.gpa = s->gpa;
    } else if (s->type == CAP_CHANNEL) {
        int ch = sd_find_channel(sys, s->object);
        c.chan = &chan_table[ch].ends[sd_channel_end_of(&sys->channels[ch], vm->name)];
    } else if (s->type == CAP_IRQ) {
        c.route = &irq_routes[sd_find_route(sys, s->irq)];
    }
    return c;
}

static void load_caps(const struct sd_system *sys, struct vm *vm, const struct sd_vm *d) {
    for (uint32_t c = 0; c < MV_MAX_CAPS; c++)
        vm->caps[c] = load_cap(sys, vm, &d->caps[c]);
}

int system_load(const struct sd_system *sys, char *err, size_t size) {
    int rc = system_validate(sys, err, size);
    if (rc)
        return rc;
    uint32_t n = sd_vm_count(sys), nonce = arch_boot_nonce();
    uint32_t entries[MV_MAX_VMS];
    asid_reset();
    vtimer_next_at = UINT64_MAX;
    if ((rc = load_regions(sys, err, size)))
        return rc;
    for (uint32_t i = 0; i < n; i++) {
        const struct sd_vm *d = &sys->vms[i];
        struct vm *vm = &vm_table[i];
        memcpy(vm->name, d->name, strlen(d->name) + 1);
        vm->index = i;
        vm->max_prio = d->max_prio;
        vm_count = i + 1;
        if ((rc = load_memory(vm, d, &entries[i], err, size)))
            return rc;
        if ((rc = load_vcpus(vm, d, nonce, err, size)))
            return rc;
    }
    load_channels(sys);   /* channels, routes and caps may name any VM: all must exist first */
    load_routes(sys);
    const struct sd_console_input *in = &sys->console_input;
    console_input_init(in->vm ? &vm_table[sd_find_vm(sys, in->vm)].vcpus[in->vcpu] : NULL, in->line);
    for (uint32_t i = 0; i < n; i++) {
        load_caps(sys, &vm_table[i], &sys->vms[i]);
        vcpu_start(&vm_table[i].vcpus[0], entries[i], vm_table[i].ram_size, 0);
    }
    return 0;
}
