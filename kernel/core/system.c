/*
 * system.c - the boot-time loader of the static system description.
 *
 * Validation comes first and is complete, so a mistake in a system file is one
 * clear message at boot rather than a VM that misbehaves later.
 */
#include "core/system.h"
#include "core/channel.h"
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

/* The three tables of a system description (vms, regions, channels) have entries that
 * start with their name, and end at the first NULL name or after max entries. */
static const char *name_at(const void *table, size_t stride, uint32_t i) {
    return *(const char *const *)((const char *)table + i * stride);
}

static uint32_t count_named(const void *table, size_t stride, uint32_t max) {
    uint32_t n = 0;
    while (n < max && name_at(table, stride, n))
        n++;
    return n;
}

static int find_named(const void *table, size_t stride, uint32_t max, const char *name) {
    for (uint32_t i = 0; i < count_named(table, stride, max); i++)
        if (strcmp(name_at(table, stride, i), name) == 0)
            return (int)i;
    return -1;
}

#define COUNT(table) count_named((table), sizeof (table)[0], ARRAY_SIZE(table))
#define FIND(table, name) find_named((table), sizeof (table)[0], ARRAY_SIZE(table), (name))

static uint32_t vm_entries(const struct sd_system *sys) { return COUNT(sys->vms); }
static uint32_t region_entries(const struct sd_system *sys) { return COUNT(sys->regions); }
static uint32_t channel_entries(const struct sd_system *sys) { return COUNT(sys->channels); }
static int find_vm(const struct sd_system *sys, const char *name) { return FIND(sys->vms, name); }
static int find_region(const struct sd_system *sys, const char *name) {
    return FIND(sys->regions, name);
}
static int find_channel(const struct sd_system *sys, const char *name) {
    return FIND(sys->channels, name);
}

/* The end of channel @p ch that VM @p vm owns: 0 or 1, -1 if neither. */
static int channel_end_of(const struct sd_channel *ch, const char *vm) {
    for (int e = 0; e < 2; e++)
        if (strcmp(ch->ends[e].vm, vm) == 0)
            return e;
    return -1;
}

static bool name_ok(const char *name) { return strlen(name) > 0 && strlen(name) < 16; }

/* A vCPU cap or a vIRQ cap: a vCPU (and line) of a VM that exists. */
static int validate_vcpu_cap(const struct sd_system *sys, const struct sd_vm *d, uint32_t c,
                             char *err, size_t size) {
    const struct sd_cap *cap = &d->caps[c];
    const struct sd_vm *target = d;
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
    return 0;
}

static uint32_t region_bytes(const struct sd_system *sys, const char *name) {
    return sys->regions[find_region(sys, name)].size_kb * 1024u;
}

/* A memory cap: an existing region, placed page-aligned above RAM, overlapping no other. */
static int validate_memory_cap(const struct sd_system *sys, const struct sd_vm *d, uint32_t c,
                               char *err, size_t size) {
    const struct sd_cap *cap = &d->caps[c];
    if (!cap->object || find_region(sys, cap->object) < 0)
        FAIL("vm '%s' cap %u: no shared region called '%s'", d->name, c,
             cap->object ? cap->object : "(none)");
    if (!(cap->rights & CAP_R_READ) || (cap->rights & ~(CAP_R_READ | CAP_R_WRITE | CAP_R_EXEC)))
        FAIL("vm '%s' cap %u: a memory cap needs CAP_R_READ and only READ/WRITE/EXEC rights",
             d->name, c);
    uint32_t bytes = region_bytes(sys, cap->object);
    if (cap->gpa % MV_PAGE_SIZE || cap->gpa < d->ram_kb * 1024u || cap->gpa > SD_GPA_LIMIT - bytes)
        FAIL("vm '%s' cap %u: gpa 0x%x must be page aligned, above the VM's RAM (0x%x) and end "
             "below 0x%x", d->name, c, cap->gpa, d->ram_kb * 1024u, SD_GPA_LIMIT);
    for (uint32_t o = 0; o < c; o++) {
        const struct sd_cap *other = &d->caps[o];
        if (other->type == CAP_MEMORY && cap->gpa < other->gpa + region_bytes(sys, other->object) &&
            other->gpa < cap->gpa + bytes)
            FAIL("vm '%s' cap %u: region '%s' at gpa 0x%x overlaps cap %u", d->name, c,
                 cap->object, cap->gpa, o);
    }
    return 0;
}

/* A channel cap: an existing channel with exactly one end in this VM. */
static int validate_channel_cap(const struct sd_system *sys, const struct sd_vm *d, uint32_t c,
                                char *err, size_t size) {
    const struct sd_cap *cap = &d->caps[c];
    int ch = cap->object ? find_channel(sys, cap->object) : -1;
    if (ch < 0)
        FAIL("vm '%s' cap %u: no channel called '%s'", d->name, c,
             cap->object ? cap->object : "(none)");
    if (channel_end_of(&sys->channels[ch], d->name) < 0)
        FAIL("vm '%s' cap %u: neither end of channel '%s' belongs to this VM", d->name, c,
             cap->object);
    if (cap->rights & ~(CAP_R_SEND | CAP_R_RECV))
        FAIL("vm '%s' cap %u: a channel cap has only SEND and RECV rights", d->name, c);
    return 0;
}

static int validate_caps(const struct sd_system *sys, const struct sd_vm *d, char *err, size_t size) {
    for (uint32_t c = 0; c < MV_MAX_CAPS; c++) {
        int rc;
        switch (d->caps[c].type) {
        case CAP_NONE: rc = 0; break;
        case CAP_VCPU:
        case CAP_VIRQ: rc = validate_vcpu_cap(sys, d, c, err, size); break;
        case CAP_MEMORY: rc = validate_memory_cap(sys, d, c, err, size); break;
        case CAP_CHANNEL: rc = validate_channel_cap(sys, d, c, err, size); break;
        default: FAIL("vm '%s' cap %u: unknown type %u", d->name, c, d->caps[c].type);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int validate_regions(const struct sd_system *sys, char *err, size_t size) {
    for (uint32_t i = 0; i < region_entries(sys); i++) {
        const struct sd_region *r = &sys->regions[i];
        if (!name_ok(r->name) || find_region(sys, r->name) != (int)i)
            FAIL("region '%s': names must be unique, 1 to 15 characters", r->name);
        if (r->size_kb < 4 || r->size_kb > MAX_RAM_KB || r->size_kb % 4)
            FAIL("region '%s': size_kb %u must be a multiple of 4 in 4..%u", r->name,
                 r->size_kb, MAX_RAM_KB);
    }
    return 0;
}

static int validate_channels(const struct sd_system *sys, char *err, size_t size) {
    for (uint32_t i = 0; i < channel_entries(sys); i++) {
        const struct sd_channel *ch = &sys->channels[i];
        if (!name_ok(ch->name) || find_channel(sys, ch->name) != (int)i)
            FAIL("channel '%s': names must be unique, 1 to 15 characters", ch->name);
        for (int e = 0; e < 2; e++) {
            const struct sd_chan_end *end = &ch->ends[e];
            int vm = end->vm ? find_vm(sys, end->vm) : -1;
            if (vm < 0)
                FAIL("channel '%s' end %d: no VM called '%s'", ch->name, e,
                     end->vm ? end->vm : "(none)");
            if (end->vcpu >= sys->vms[vm].nvcpus || end->line >= MV_VIRQ_LINES)
                FAIL("channel '%s' end %d: vm '%s' has no vCPU %u with vIRQ line %u", ch->name,
                     e, end->vm, end->vcpu, end->line);
        }
        if (strcmp(ch->ends[0].vm, ch->ends[1].vm) == 0)
            FAIL("channel '%s': both ends are in vm '%s' (a channel joins two VMs)", ch->name,
                 ch->ends[0].vm);
    }
    return 0;
}

static int validate_vm(const struct sd_system *sys, const struct sd_vm *d, char *err, size_t size) {
    if (!name_ok(d->name))
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
    return 0;
}

int system_validate(const struct sd_system *sys, char *err, size_t size) {
    uint32_t n = vm_entries(sys);
    if (n == 0)
        FAIL("system '%s' has no VMs", sys->name ? sys->name : "?");
    int rc = 0;   /* in dependency order: channels name VMs, caps name all three */
    for (uint32_t i = 0; i < n && !rc; i++)
        rc = validate_vm(sys, &sys->vms[i], err, size);
    if (!rc)
        rc = validate_regions(sys, err, size);
    if (!rc)
        rc = validate_channels(sys, err, size);
    for (uint32_t i = 0; i < n && !rc; i++)
        rc = validate_caps(sys, &sys->vms[i], err, size);
    return rc;
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

static int load_regions(const struct sd_system *sys, char *err, size_t size) {
    memset(region_table, 0, sizeof region_table);
    region_count = region_entries(sys);
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
    return &vm_table[find_vm(sys, e->vm)].vcpus[e->vcpu];
}

static void load_channels(const struct sd_system *sys) {
    memset(chan_table, 0, sizeof chan_table);
    chan_count = channel_entries(sys);
    for (uint32_t i = 0; i < chan_count; i++) {
        const struct sd_channel *d = &sys->channels[i];
        memcpy(chan_table[i].name, d->name, strlen(d->name) + 1);
        chan_init(&chan_table[i], end_vcpu(sys, &d->ends[0]), d->ends[0].line,
                  end_vcpu(sys, &d->ends[1]), d->ends[1].line);
    }
}

static struct cap load_cap(const struct sd_system *sys, struct vm *vm, const struct sd_cap *s) {
    struct cap c = {.type = s->type, .rights = s->rights};
    if (s->type == CAP_VCPU || s->type == CAP_VIRQ) {
        struct vm *target = s->vm ? &vm_table[find_vm(sys, s->vm)] : vm;
        c.vcpu = &target->vcpus[s->vcpu];
        c.line = s->line;
    } else if (s->type == CAP_MEMORY) {
        c.region = &region_table[find_region(sys, s->object)];
        c.gpa = s->gpa;
    } else if (s->type == CAP_CHANNEL) {
        int ch = find_channel(sys, s->object);
        c.chan = &chan_table[ch].ends[channel_end_of(&sys->channels[ch], vm->name)];
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
    uint32_t n = vm_entries(sys), nonce = arch_boot_nonce();
    uint32_t entries[MV_MAX_VMS];
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
        if (load_vcpus(vm, d, nonce))
            return ksnprintf(err, size, "vm '%s': out of memory", d->name), MV_ENOMEM;
    }
    /* Keep enough memory for every VM's page tables to grow to its bound: then one VM's
     * mappings can never make another VM's ::MV_HC_VMMU_MAP fail. */
    if (mem_free_bytes() / n < arch_aspace_reserve_bytes())
        return ksnprintf(err, size, "out of memory: after loading the VMs, %u KiB are left for "
                         "page tables, but %u VMs need %u KiB each", mem_free_bytes() / 1024u,
                         n, arch_aspace_reserve_bytes() / 1024u), MV_ENOMEM;
    load_channels(sys);   /* channels and caps may name any VM: all must exist first */
    for (uint32_t i = 0; i < n; i++) {
        load_caps(sys, &vm_table[i], &sys->vms[i]);
        vcpu_start(&vm_table[i].vcpus[0], entries[i], vm_table[i].ram_size, 0);
    }
    return 0;
}
