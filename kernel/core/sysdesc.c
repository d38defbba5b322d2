/*
 * sysdesc.c - reading a static system description: lookups by name, and validation.
 *
 * Validation comes first and is complete, so a mistake in a system file is one
 * clear message at boot rather than a VM that misbehaves later.
 */
#include "core/system.h"
#include "core/kprintf.h"
#include "core/lib.h"
#include "core/vm.h"

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

uint32_t sd_vm_count(const struct sd_system *sys) { return COUNT(sys->vms); }
uint32_t sd_region_count(const struct sd_system *sys) { return COUNT(sys->regions); }
uint32_t sd_channel_count(const struct sd_system *sys) { return COUNT(sys->channels); }
int sd_find_vm(const struct sd_system *sys, const char *name) { return FIND(sys->vms, name); }
int sd_find_region(const struct sd_system *sys, const char *name) {
    return FIND(sys->regions, name);
}
int sd_find_channel(const struct sd_system *sys, const char *name) {
    return FIND(sys->channels, name);
}
/* (an IRQ route's first member is its VM's name: it ends the list like a name does) */
uint32_t sd_route_count(const struct sd_system *sys) { return COUNT(sys->irq_routes); }

int sd_find_route(const struct sd_system *sys, uint32_t irq) {
    for (uint32_t i = 0; i < sd_route_count(sys); i++)
        if (sys->irq_routes[i].irq == irq)
            return (int)i;
    return -1;
}

/* The end of channel @p ch that VM @p vm owns: 0 or 1, -1 if neither. */
int sd_channel_end_of(const struct sd_channel *ch, const char *vm) {
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
        int t = sd_find_vm(sys, cap->vm);
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
    return sys->regions[sd_find_region(sys, name)].size_kb * 1024u;
}

/* A memory cap: an existing region, placed page-aligned above RAM, overlapping no other. */
static int validate_memory_cap(const struct sd_system *sys, const struct sd_vm *d, uint32_t c,
                               char *err, size_t size) {
    const struct sd_cap *cap = &d->caps[c];
    if (!cap->object || sd_find_region(sys, cap->object) < 0)
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
    int ch = cap->object ? sd_find_channel(sys, cap->object) : -1;
    if (ch < 0)
        FAIL("vm '%s' cap %u: no channel called '%s'", d->name, c,
             cap->object ? cap->object : "(none)");
    if (sd_channel_end_of(&sys->channels[ch], d->name) < 0)
        FAIL("vm '%s' cap %u: neither end of channel '%s' belongs to this VM", d->name, c,
             cap->object);
    if (cap->rights & ~(CAP_R_SEND | CAP_R_RECV))
        FAIL("vm '%s' cap %u: a channel cap has only SEND and RECV rights", d->name, c);
    return 0;
}

/* An IRQ cap: a route of that interrupt to this very VM. */
static int validate_irq_cap(const struct sd_system *sys, const struct sd_vm *d, uint32_t c,
                            char *err, size_t size) {
    const struct sd_cap *cap = &d->caps[c];
    int r = sd_find_route(sys, cap->irq);
    if (r < 0 || strcmp(sys->irq_routes[r].vm, d->name) != 0)
        FAIL("vm '%s' cap %u: interrupt %u is not routed to this VM", d->name, c, cap->irq);
    if (cap->rights & ~CAP_R_ACK)
        FAIL("vm '%s' cap %u: an IRQ cap has only the ACK right", d->name, c);
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
        case CAP_IRQ: rc = validate_irq_cap(sys, d, c, err, size); break;
        default: FAIL("vm '%s' cap %u: unknown type %u", d->name, c, d->caps[c].type);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int validate_regions(const struct sd_system *sys, char *err, size_t size) {
    for (uint32_t i = 0; i < sd_region_count(sys); i++) {
        const struct sd_region *r = &sys->regions[i];
        if (!name_ok(r->name) || sd_find_region(sys, r->name) != (int)i)
            FAIL("region '%s': names must be unique, 1 to 15 characters", r->name);
        if (r->size_kb < 4 || r->size_kb > MAX_RAM_KB || r->size_kb % 4)
            FAIL("region '%s': size_kb %u must be a multiple of 4 in 4..%u", r->name,
                 r->size_kb, MAX_RAM_KB);
    }
    return 0;
}

static int validate_channels(const struct sd_system *sys, char *err, size_t size) {
    for (uint32_t i = 0; i < sd_channel_count(sys); i++) {
        const struct sd_channel *ch = &sys->channels[i];
        if (!name_ok(ch->name) || sd_find_channel(sys, ch->name) != (int)i)
            FAIL("channel '%s': names must be unique, 1 to 15 characters", ch->name);
        for (int e = 0; e < 2; e++) {
            const struct sd_chan_end *end = &ch->ends[e];
            int vm = end->vm ? sd_find_vm(sys, end->vm) : -1;
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

static int validate_routes(const struct sd_system *sys, char *err, size_t size) {
    for (uint32_t i = 0; i < sd_route_count(sys); i++) {
        const struct sd_irq_route *r = &sys->irq_routes[i];
        int vm = sd_find_vm(sys, r->vm);
        if (vm < 0)
            FAIL("irq route %u: no VM called '%s'", i, r->vm);
        if (!arch_irq_routable(r->irq))
            FAIL("irq route %u: interrupt %u cannot be routed to a VM on this platform", i,
                 r->irq);
        if (sd_find_route(sys, r->irq) != (int)i)
            FAIL("irq route %u: interrupt %u is routed twice", i, r->irq);
        if (r->vcpu >= sys->vms[vm].nvcpus || r->line >= MV_VIRQ_LINES)
            FAIL("irq route %u: vm '%s' has no vCPU %u with vIRQ line %u", i, r->vm, r->vcpu,
                 r->line);
    }
    return 0;
}

static int validate_console_input(const struct sd_system *sys, char *err, size_t size) {
    const struct sd_console_input *c = &sys->console_input;
    if (!c->vm)
        return 0;
    int vm = sd_find_vm(sys, c->vm);
    if (vm < 0)
        FAIL("console_input: no VM called '%s'", c->vm);
    if (c->vcpu >= sys->vms[vm].nvcpus || c->line >= MV_VIRQ_LINES)
        FAIL("console_input: vm '%s' has no vCPU %u with vIRQ line %u", c->vm, c->vcpu, c->line);
    return 0;
}

static int validate_vm(const struct sd_system *sys, const struct sd_vm *d, char *err, size_t size) {
    if (!name_ok(d->name))
        FAIL("vm name '%s' must have 1 to %u characters", d->name,
             (unsigned)sizeof vm_table[0].name - 1);
    if (sd_find_vm(sys, d->name) != d - sys->vms)
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
    if (d->contexts > MV_MAX_CONTEXTS)
        FAIL("vm '%s': contexts %u must be at most %u", d->name, d->contexts, MV_MAX_CONTEXTS);
    if (d->pt_kb > MV_MAX_PT_KB || d->pt_kb * 1024u % ARCH_L2_SIZE)
        FAIL("vm '%s': pt_kb %u must be a multiple of %u, at most %u", d->name, d->pt_kb,
             ARCH_L2_SIZE / 1024u, MV_MAX_PT_KB);
    return 0;
}

int system_validate(const struct sd_system *sys, char *err, size_t size) {
    uint32_t n = sd_vm_count(sys);
    if (n == 0)
        FAIL("system '%s' has no VMs", sys->name ? sys->name : "?");
    int rc = 0;   /* in dependency order: channels and routes name VMs, caps name them all */
    for (uint32_t i = 0; i < n && !rc; i++)
        rc = validate_vm(sys, &sys->vms[i], err, size);
    if (!rc)
        rc = validate_regions(sys, err, size);
    if (!rc)
        rc = validate_channels(sys, err, size);
    if (!rc)
        rc = validate_routes(sys, err, size);
    if (!rc)
        rc = validate_console_input(sys, err, size);
    for (uint32_t i = 0; i < n && !rc; i++)
        rc = validate_caps(sys, &sys->vms[i], err, size);
    return rc;
}

