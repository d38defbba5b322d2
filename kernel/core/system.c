/*
 * system.c - the boot-time loader of the static system description.
 *
 * Validation comes first and is complete, so a mistake in a system file is one
 * clear message at boot rather than a VM that misbehaves later.
 */
#include "core/system.h"
#include "core/elf.h"
#include "core/kprintf.h"
#include "core/lib.h"
#include "core/mem.h"
#include "core/sched.h"
#include "core/vcpu.h"
#include "core/vmmu.h"

#define MIN_RAM_KB 64u
#define MAX_RAM_KB (64u * 1024u)

#define FAIL(...) return ksnprintf(err, size, __VA_ARGS__), MV_EINVAL

static uint32_t vm_entries(const struct sd_system *sys) {
    uint32_t n = 0;
    while (n < MV_MAX_VMS && sys->vms[n].name)
        n++;
    return n;
}

static int find_vm(const struct sd_system *sys, const char *name) {
    for (uint32_t i = 0; i < vm_entries(sys); i++)
        if (strcmp(sys->vms[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int validate_caps(const struct sd_system *sys, const struct sd_vm *d, char *err, size_t size) {
    for (uint32_t c = 0; c < MV_MAX_CAPS; c++) {
        const struct sd_cap *cap = &d->caps[c];
        const struct sd_vm *target = d;
        if (cap->type == CAP_NONE)
            continue;
        if (cap->type != CAP_VCPU && cap->type != CAP_VIRQ)
            FAIL("vm '%s' cap %u: unknown type %u", d->name, c, cap->type);
        if (cap->vm) {
            int t = find_vm(sys, cap->vm);
            if (t < 0)
                FAIL("vm '%s' cap %u: no VM called '%s'", d->name, c, cap->vm);
            if (cap->type == CAP_VCPU && &sys->vms[t] != d)
                FAIL("vm '%s' cap %u: a vCPU cap may only name its own VM", d->name, c);
            target = &sys->vms[t];
        }
        if (cap->vcpu >= target->nvcpus)
            FAIL("vm '%s' cap %u: vm '%s' has no vCPU %u", d->name, c, target->name, cap->vcpu);
        if (cap->type == CAP_VIRQ && cap->line >= MV_VIRQ_LINES)
            FAIL("vm '%s' cap %u: vIRQ line %u out of range (0..%u)", d->name, c, cap->line,
                 MV_VIRQ_LINES - 1);
    }
    return 0;
}

static int validate_vm(const struct sd_system *sys, const struct sd_vm *d, char *err, size_t size) {
    if (strlen(d->name) == 0 || strlen(d->name) >= sizeof vm_table[0].name)
        FAIL("vm name '%s' must have 1 to %u characters", d->name,
             (unsigned)sizeof vm_table[0].name - 1);
    if (find_vm(sys, d->name) != d - sys->vms)
        FAIL("two VMs are called '%s'", d->name);
    if (!d->image)
        FAIL("vm '%s' has no image", d->name);
    if (d->ram_kb < MIN_RAM_KB || d->ram_kb > MAX_RAM_KB || d->ram_kb % 4)
        FAIL("vm '%s': ram_kb %u must be a multiple of 4 in %u..%u", d->name, d->ram_kb,
             MIN_RAM_KB, MAX_RAM_KB);
    if (d->max_prio >= MV_PRIO_LEVELS)
        FAIL("vm '%s': max_prio %u must be below %u", d->name, d->max_prio, MV_PRIO_LEVELS);
    if (d->nvcpus < 1 || d->nvcpus > MV_MAX_VCPUS)
        FAIL("vm '%s': nvcpus %u must be 1..%u", d->name, d->nvcpus, MV_MAX_VCPUS);
    for (uint32_t i = 0; i < d->nvcpus; i++)
        if (d->vcpus[i].prio > d->max_prio)
            FAIL("vm '%s' vcpu %u: priority %u is above the VM's max_prio %u", d->name, i,
                 d->vcpus[i].prio, d->max_prio);
    return validate_caps(sys, d, err, size);
}

int system_validate(const struct sd_system *sys, char *err, size_t size) {
    uint32_t n = vm_entries(sys);
    if (n == 0)
        FAIL("system '%s' has no VMs", sys->name ? sys->name : "?");
    for (uint32_t i = 0; i < n; i++) {
        int rc = validate_vm(sys, &sys->vms[i], err, size);
        if (rc)
            return rc;
    }
    return 0;
}

/* RAM, boot mapping (identity, page 0 left unmapped to catch NULL) and the image. */
static int load_memory(struct vm *vm, const struct sd_vm *d, uint32_t *entry, char *err, size_t size) {
    vm->ram_size = d->ram_kb * 1024u;
    vm->ram_pa = mem_alloc(vm->ram_size, MV_PAGE_SIZE);
    if (!vm->ram_pa || arch_aspace_init(&vm->aspace, vm->index + 1u))
        return ksnprintf(err, size, "vm '%s': out of memory", d->name), MV_ENOMEM;
    for (uint32_t gpa = MV_PAGE_SIZE; gpa < vm->ram_size; gpa += MV_PAGE_SIZE)
        if (vmmu_map(vm, gpa, gpa, MV_MAP_READ | MV_MAP_WRITE | MV_MAP_EXEC))
            return ksnprintf(err, size, "vm '%s': out of memory", d->name), MV_ENOMEM;
    const char *why;
    if (elf_load(d->image->start, (size_t)(d->image->end - d->image->start),
                 arch_phys_to_virt(vm->ram_pa), vm->ram_size, entry, &why))
        FAIL("vm '%s': image '%s': %s", d->name, d->image->name, why);
    return 0;
}

static int load_vcpus(struct vm *vm, const struct sd_vm *d, uint32_t nonce) {
    vm->nvcpus = d->nvcpus;
    for (uint32_t i = 0; i < d->nvcpus; i++) {
        struct vcpu *v = &vm->vcpus[i];
        v->vm = vm;
        v->index = i;
        v->prio = d->vcpus[i].prio;
        v->slice_ns = d->vcpus[i].slice_us ? d->vcpus[i].slice_us * 1000u : MV_DEFAULT_SLICE_NS;
        v->wake_at = UINT64_MAX;
        v->shared_pa = mem_alloc(MV_PAGE_SIZE, MV_PAGE_SIZE);
        if (!v->shared_pa || arch_aspace_map(&vm->aspace, MV_STATE_VA(i), v->shared_pa,
                                             MV_MAP_READ | MV_MAP_WRITE))
            return MV_ENOMEM;
        v->shared = arch_phys_to_virt(v->shared_pa);
        v->shared->magic = MV_STATE_MAGIC;
        v->shared->vcpu_index = i;
        v->shared->boot_nonce = nonce;
    }
    return 0;
}

static void load_caps(const struct sd_system *sys, struct vm *vm, const struct sd_vm *d) {
    for (uint32_t c = 0; c < MV_MAX_CAPS; c++) {
        const struct sd_cap *s = &d->caps[c];
        struct vm *target = s->vm ? &vm_table[find_vm(sys, s->vm)] : vm;
        if (s->type == CAP_NONE)
            continue;
        vm->caps[c] = (struct cap){s->type, s->rights, &target->vcpus[s->vcpu], s->line};
    }
}

int system_load(const struct sd_system *sys, char *err, size_t size) {
    int rc = system_validate(sys, err, size);
    if (rc)
        return rc;
    uint32_t n = vm_entries(sys), nonce = arch_boot_nonce();
    uint32_t entries[MV_MAX_VMS];
    for (uint32_t i = 0; i < n; i++) {
        const struct sd_vm *d = &sys->vms[i];
        struct vm *vm = &vm_table[i];
        memcpy(vm->name, d->name, strlen(d->name) + 1);
        vm->index = i;
        vm->max_prio = d->max_prio;
        vm_count = i + 1;
        if ((rc = load_memory(vm, d, &entries[i], err, size)))
            return rc;
        if (load_vcpus(vm, d, nonce))
            return ksnprintf(err, size, "vm '%s': out of memory", d->name), MV_ENOMEM;
    }
    /* Keep enough memory for every VM's page tables to grow to its bound: then one VM's
     * mappings can never make another VM's ::MV_HC_VMMU_MAP fail. */
    if (mem_free_bytes() / n < arch_aspace_reserve_bytes())
        return ksnprintf(err, size, "out of memory: after loading the VMs, %u KiB are left for "
                         "page tables, but %u VMs need %u KiB each", mem_free_bytes() / 1024u,
                         n, arch_aspace_reserve_bytes() / 1024u), MV_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {   /* caps may name any VM: all must exist first */
        load_caps(sys, &vm_table[i], &sys->vms[i]);
        vcpu_start(&vm_table[i].vcpus[0], entries[i], vm_table[i].ram_size, 0);
    }
    return 0;
}
