/* test_system.c - system_validate() refuses every mistake; system_load() builds the VMs. */
#include <string.h>
#include "unit.h"
#include "core/channel.h"
#include "core/system.h"
#include "core/pagetable.h"
#include "core/vmmu.h"

/* A good two-VM system: "alpha" (2 vCPUs) may control its vCPU 1 and raise a vIRQ on "beta";
 * both map region "shm" and own an end of channel "pipe". */
static struct sd_system good_system(void) {
    struct sd_system sys = test_system(128, 2);
    sys.vms[0].name = "alpha";
    sys.vms[0].caps[0] = (struct sd_cap){.type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1};
    sys.vms[0].caps[1] = (struct sd_cap){.type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "beta",
                                         .vcpu = 0, .line = 4};
    sys.vms[0].caps[2] = (struct sd_cap){.type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE,
                                         .object = "shm", .gpa = 0x100000};
    sys.vms[0].caps[3] = (struct sd_cap){.type = CAP_CHANNEL, .rights = CAP_R_SEND, .object = "pipe"};
    sys.vms[1] = (struct sd_vm){.name = "beta", .image = test_image(), .ram_kb = 64,
                                .max_prio = 31, .nvcpus = 1, .vcpus = {{.prio = 31}}};
    sys.vms[1].caps[0] = (struct sd_cap){.type = CAP_MEMORY, .rights = CAP_R_READ,
                                         .object = "shm", .gpa = 0x10000};
    sys.vms[1].caps[1] = (struct sd_cap){.type = CAP_CHANNEL, .rights = CAP_R_RECV, .object = "pipe"};
    sys.regions[0] = (struct sd_region){.name = "shm", .size_kb = 8};
    sys.channels[0] = (struct sd_channel){.name = "pipe", .ends = {{.vm = "alpha", .line = 1},
                                                                   {.vm = "beta", .line = 2}}};
    return sys;
}

/* ---- validation ---- */

struct bad_system {
    const char *name;
    void (*damage)(struct sd_system *s);
    const char *keyword;   /* the message must name the problem */
};

static struct sd_vm *A(struct sd_system *s) { return &s->vms[0]; }
static void no_vms(struct sd_system *s) { s->vms[0] = s->vms[1] = (struct sd_vm){0}; }
static void duplicate(struct sd_system *s) {   /* (and nothing naming "beta" any more) */
    s->vms[1].name = "alpha", A(s)->caps[1] = (struct sd_cap){0};
    s->channels[0] = (struct sd_channel){0};
}
static void name_long(struct sd_system *s) { A(s)->name = "sixteen-chars-xx"; }
static void name_empty(struct sd_system *s) { A(s)->name = ""; }
static void no_image(struct sd_system *s) { s->vms[1].image = NULL; }
static void ram_odd(struct sd_system *s) { A(s)->ram_kb = 130; }
static void ram_small(struct sd_system *s) { A(s)->ram_kb = 60; }
static void ram_zero(struct sd_system *s) { A(s)->ram_kb = 0; }
static void ram_big(struct sd_system *s) { A(s)->ram_kb = 64 * 1024 + 4; }
static void ram_huge(struct sd_system *s) { A(s)->ram_kb = 0xfffffffcu; }
static void nvcpus0(struct sd_system *s) { A(s)->nvcpus = 0; }
static void nvcpus_many(struct sd_system *s) { A(s)->nvcpus = MV_MAX_VCPUS + 1; }
static void prio_high(struct sd_system *s) { A(s)->vcpus[1].prio = 11; }
static void max_prio32(struct sd_system *s) { s->vms[1].max_prio = 32; }
static void contexts_many(struct sd_system *s) { A(s)->contexts = MV_MAX_CONTEXTS + 1; }
static void pt_kb_huge(struct sd_system *s) { A(s)->pt_kb = MV_MAX_PT_KB + 1; }
static void cap_missing_vm(struct sd_system *s) { A(s)->caps[1].vm = "gamma"; }
static void cap_vcpu_other(struct sd_system *s) { A(s)->caps[0].vm = "beta", A(s)->caps[0].vcpu = 0; }
static void cap_bad_line(struct sd_system *s) { A(s)->caps[1].line = MV_VIRQ_LINES; }
static void cap_bad_vcpu(struct sd_system *s) { A(s)->caps[0].vcpu = 2; }
static void cap_bad_vcpu_other(struct sd_system *s) { A(s)->caps[1].vcpu = 1; }
static void cap_bad_type(struct sd_system *s) { A(s)->caps[5].type = (enum cap_type)7; }
static struct sd_cap *M(struct sd_system *s) { return &A(s)->caps[2]; }   /* alpha's memory cap */
static void mem_no_region(struct sd_system *s) { M(s)->object = "nowhere"; }
static void mem_null_region(struct sd_system *s) { M(s)->object = NULL; }
static void mem_gpa_odd(struct sd_system *s) { M(s)->gpa = 0x100800; }
static void mem_gpa_in_ram(struct sd_system *s) { M(s)->gpa = 0x1f000; }
static void mem_gpa_high(struct sd_system *s) { M(s)->gpa = SD_GPA_LIMIT - 0x1000; }
static void mem_no_read(struct sd_system *s) { M(s)->rights = CAP_R_WRITE; }
static void mem_bad_rights(struct sd_system *s) { M(s)->rights |= CAP_R_RAISE; }
static void mem_overlap(struct sd_system *s) { A(s)->caps[6] = *M(s), A(s)->caps[6].gpa += 0x1000; }
static void region_dup(struct sd_system *s) { s->regions[1] = s->regions[0]; }
static void region_odd(struct sd_system *s) { s->regions[0].size_kb = 6; }
static void region_zero(struct sd_system *s) { s->regions[0].size_kb = 0; }
static void chan_no_vm(struct sd_system *s) { s->channels[0].ends[1].vm = "gamma"; }
static void chan_null_vm(struct sd_system *s) { s->channels[0].ends[0].vm = NULL; }
static void chan_same_vm(struct sd_system *s) {
    s->channels[0].ends[1].vm = "alpha", s->vms[1].caps[1] = (struct sd_cap){0};
}
static void chan_bad_vcpu(struct sd_system *s) { s->channels[0].ends[1].vcpu = 1; }
static void chan_bad_line(struct sd_system *s) { s->channels[0].ends[0].line = MV_VIRQ_LINES; }
static void chan_dup(struct sd_system *s) { s->channels[1] = s->channels[0]; }
static void chancap_missing(struct sd_system *s) { A(s)->caps[3].object = "tube"; }
static void chancap_not_ours(struct sd_system *s) {
    s->vms[2] = s->vms[1], s->vms[2].name = "gamma";   /* a copy of beta, with beta's caps */
}
static void chancap_rights(struct sd_system *s) { A(s)->caps[3].rights |= CAP_R_WRITE; }

static const struct bad_system bad_systems[] = {
    {"no VMs", no_vms, "no VMs"},
    {"duplicate names", duplicate, "alpha"},
    {"name too long", name_long, "sixteen-chars-xx"},
    {"empty name", name_empty, "name"},
    {"no image", no_image, "image"},
    {"ram_kb not a multiple of 4", ram_odd, "130"},
    {"ram_kb too small", ram_small, "60"},
    {"ram_kb zero", ram_zero, "ram_kb"},
    {"ram_kb too big", ram_big, "65540"},
    {"ram_kb overflowing bytes", ram_huge, "ram_kb"},
    {"nvcpus 0", nvcpus0, "nvcpus"},
    {"nvcpus above max", nvcpus_many, "nvcpus"},
    {"vcpu prio above max_prio", prio_high, "max_prio"},
    {"max_prio 32", max_prio32, "max_prio"},
    {"contexts above the maximum", contexts_many, "contexts 65"},
    {"pt_kb above the maximum", pt_kb_huge, "pt_kb 4097"},
    {"cap naming a missing VM", cap_missing_vm, "gamma"},
    {"vcpu cap naming another VM", cap_vcpu_other, "own VM"},
    {"bad vIRQ line", cap_bad_line, "line"},
    {"cap vcpu index out of range", cap_bad_vcpu, "vCPU 2"},
    {"virq cap vcpu index out of range in the target", cap_bad_vcpu_other, "vCPU 1"},
    {"unknown cap type", cap_bad_type, "type"},
    {"memory cap naming a missing region", mem_no_region, "nowhere"},
    {"memory cap naming no region", mem_null_region, "region"},
    {"memory cap gpa not page aligned", mem_gpa_odd, "0x100800"},
    {"memory cap gpa inside RAM", mem_gpa_in_ram, "above the VM's RAM"},
    {"memory cap ending past the limit", mem_gpa_high, "0x40000000"},
    {"memory cap without read", mem_no_read, "CAP_R_READ"},
    {"memory cap with a non-memory right", mem_bad_rights, "rights"},
    {"memory caps overlapping", mem_overlap, "overlaps cap 2"},
    {"duplicate region names", region_dup, "unique"},
    {"region size not a multiple of 4", region_odd, "size_kb 6"},
    {"region size zero", region_zero, "size_kb 0"},
    {"channel end in a missing VM", chan_no_vm, "gamma"},
    {"channel end naming no VM", chan_null_vm, "(none)"},
    {"channel with both ends in one VM", chan_same_vm, "both ends"},
    {"channel end vCPU out of range", chan_bad_vcpu, "vCPU 1"},
    {"channel end line out of range", chan_bad_line, "line 31"},
    {"duplicate channel names", chan_dup, "unique"},
    {"channel cap naming a missing channel", chancap_missing, "tube"},
    {"channel cap in a VM owning no end", chancap_not_ours, "neither end"},
    {"channel cap with a memory right", chancap_rights, "SEND and RECV"},
};

START_TEST(bad_system_is_refused) {
    const struct bad_system *bs = &bad_systems[_i];
    struct sd_system sys = good_system();
    char err[160] = "";
    bs->damage(&sys);
    int rc = system_validate(&sys, err, sizeof err);
    ck_assert_msg(rc == MV_EINVAL, "%s: system_validate returned %d", bs->name, rc);
    ck_assert_msg(strstr(err, bs->keyword), "%s: message '%s' should mention '%s'", bs->name,
                  err, bs->keyword);
    /* system_load validates first and creates nothing */
    err[0] = '\0';
    ck_assert_int_eq(system_load(&sys, err, sizeof err), MV_EINVAL);
    ck_assert_uint_eq(vm_count, 0);
    ck_assert_str_ne(err, "");
}
END_TEST

START_TEST(good_systems_are_accepted) {
    char err[160] = "";
    struct sd_system sys = good_system();
    ck_assert_msg(system_validate(&sys, err, sizeof err) == 0, "refused: %s", err);
    sys.channels[0] = (struct sd_channel){0};   /* its ends name VMs renamed below */
    sys.vms[0].caps[3] = sys.vms[1].caps[1] = (struct sd_cap){0};
    sys.vms[0].caps[2].gpa = SD_GPA_LIMIT - 8 * 1024;   /* the highest place it fits */
    /* every limit at its edge */
    sys.vms[0].name = "fifteen-chars-x";
    sys.vms[0].ram_kb = 64 * 1024;
    sys.vms[0].max_prio = 31;
    sys.vms[0].nvcpus = MV_MAX_VCPUS;
    sys.vms[0].vcpus[3].prio = 31;
    sys.vms[0].caps[MV_MAX_CAPS - 1] = (struct sd_cap){.type = CAP_VIRQ, .rights = CAP_R_RAISE,
                                                       .vcpu = 3, .line = MV_VIRQ_LINES - 1};
    sys.vms[1].ram_kb = 64;
    ck_assert_msg(system_validate(&sys, err, sizeof err) == 0, "refused: %s", err);
    for (uint32_t i = 0; i < MV_MAX_VMS; i++) {   /* a full table */
        static char names[MV_MAX_VMS][8];
        memcpy(names[i], "vm-0", 5);
        names[i][3] = (char)('0' + i);
        sys.vms[i] = (struct sd_vm){.name = names[i], .image = test_image(), .ram_kb = 64,
                                    .max_prio = 1, .nvcpus = 1};
    }
    ck_assert_msg(system_validate(&sys, err, sizeof err) == 0, "refused: %s", err);
}
END_TEST

/* ---- loading ---- */

static void expect_mapping(const struct vm *vm, uint32_t va, paddr_t pa, uint32_t flags) {
    paddr_t got_pa = 0;
    uint32_t got_flags = 0;
    REQUIRE(pt_lookup(&vm->vmmu.spaces[MV_CTX_KERNEL], va, &got_pa, &got_flags) == 0,
            "vm '%s': va 0x%08x not mapped", vm->name, va);
    REQUIRE(got_pa == pa && got_flags == flags, "vm '%s': va 0x%08x -> 0x%08x/%x, want "
            "0x%08x/%x", vm->name, va, got_pa, got_flags, pa, flags);
}

static void expect_unmapped(const struct vm *vm, uint32_t va) {
    paddr_t pa;
    uint32_t flags;
    ck_assert_msg(pt_lookup(&vm->vmmu.spaces[MV_CTX_KERNEL], va, &pa, &flags) == MV_EFAULT,
                  "vm '%s': va 0x%08x should be unmapped", vm->name, va);
}

START_TEST(load_creates_the_vms) {
    struct sd_system sys = good_system();
    test_load(&sys);
    ck_assert_uint_eq(vm_count, 2);
    struct vm *a = vm_find("alpha"), *b = vm_find("beta");
    ck_assert_ptr_eq(a, &vm_table[0]);
    ck_assert_ptr_eq(b, &vm_table[1]);
    ck_assert_uint_eq(a->ram_size, 128 * 1024);
    ck_assert_uint_eq(b->ram_size, 64 * 1024);
    ck_assert_uint_eq(a->nvcpus, 2);
    ck_assert_uint_eq(a->max_prio, 10);
    ck_assert_uint_eq(a->vcpus[1].prio, 5);
    ck_assert_uint_eq(a->vcpus[0].slice_ns, 200000);
    ck_assert_uint_eq(b->vcpus[0].slice_ns, MV_DEFAULT_SLICE_NS);   /* slice_us 0: default */
    ck_assert_uint_ne(a->vmmu.spaces[0].asid, b->vmmu.spaces[0].asid);
    /* RAM of different VMs does not overlap */
    ck_assert(a->ram_pa + a->ram_size <= b->ram_pa || b->ram_pa + b->ram_size <= a->ram_pa);
    /* caps point at the objects the description names */
    ck_assert_int_eq(a->caps[0].type, CAP_VCPU);
    ck_assert_ptr_eq(a->caps[0].vcpu, &a->vcpus[1]);
    ck_assert_int_eq(a->caps[1].type, CAP_VIRQ);
    ck_assert_ptr_eq(a->caps[1].vcpu, &b->vcpus[0]);
    ck_assert_uint_eq(a->caps[1].line, 4);
    ck_assert_int_eq(a->caps[2].type, CAP_MEMORY);   /* both see the one region */
    ck_assert_ptr_eq(a->caps[2].region, b->caps[0].region);
    ck_assert_uint_eq(a->caps[2].region->size, 8 * 1024);
    ck_assert_uint_eq(a->caps[2].gpa, 0x100000);
    ck_assert(a->caps[2].region->pa >= b->ram_pa + b->ram_size ||
              a->caps[2].region->pa + 8 * 1024 <= a->ram_pa);   /* no VM's RAM */
    ck_assert_int_eq(a->caps[3].type, CAP_CHANNEL);   /* the two ends of one channel */
    ck_assert_ptr_eq(a->caps[3].chan->peer, b->caps[1].chan);
    ck_assert_ptr_eq(a->caps[3].chan->owner, &a->vcpus[0]);
    ck_assert_ptr_eq(b->caps[1].chan->owner, &b->vcpus[0]);
    ck_assert_uint_eq(b->caps[1].chan->line, 2);
    ck_assert_int_eq(a->caps[4].type, CAP_NONE);
    /* the image is in guest RAM */
    ck_assert_uint_eq(*(uint8_t *)test_guest_ptr(b, TEST_TEXT_VA), test_pattern(1, 0));
    ck_assert_uint_eq(*(uint8_t *)test_guest_ptr(b, TEST_DATA_VA + 1), test_pattern(3, 1));
    ck_assert_uint_eq(*(uint8_t *)test_guest_ptr(b, TEST_END_VA - 1), 0);   /* bss */
}
END_TEST

START_TEST(load_maps_ram_identity_except_page0) {
    struct sd_system sys = good_system();
    test_load(&sys);
    for (uint32_t i = 0; i < vm_count; i++) {
        const struct vm *vm = &vm_table[i];
        expect_unmapped(vm, 0);
        for (uint32_t gpa = MV_PAGE_SIZE; gpa < vm->ram_size; gpa += MV_PAGE_SIZE)
            expect_mapping(vm, gpa, vm->ram_pa + gpa, MV_MAP_READ | MV_MAP_WRITE | MV_MAP_EXEC);
        expect_unmapped(vm, vm->ram_size);
        expect_unmapped(vm, VMMU_STATE_WINDOW - MV_PAGE_SIZE);
    }
}
END_TEST

START_TEST(load_maps_state_pages) {
    struct sd_system sys = good_system();
    double_boot_nonce = 0x5eedf00du;
    test_load(&sys);
    for (uint32_t i = 0; i < vm_count; i++) {
        const struct vm *vm = &vm_table[i];
        for (uint32_t c = 0; c < vm->nvcpus; c++) {
            const struct vcpu *v = &vm->vcpus[c];
            expect_mapping(vm, MV_STATE_VA(c), v->shared_pa, MV_MAP_READ | MV_MAP_WRITE);
            ck_assert_ptr_eq(v->shared, arch_phys_to_virt(v->shared_pa));
            ck_assert_uint_eq(v->shared->magic, MV_STATE_MAGIC);
            ck_assert_uint_eq(v->shared->vcpu_index, c);
            ck_assert_uint_eq(v->shared->boot_nonce, 0x5eedf00du);
            ck_assert_uint_eq(v->shared->virq_pending, 0);
            /* the state page is not part of guest RAM */
            ck_assert(v->shared_pa + MV_PAGE_SIZE <= vm->ram_pa || v->shared_pa >= vm->ram_pa + vm->ram_size);
        }
        expect_unmapped(vm, MV_STATE_VA(vm->nvcpus));
    }
}
END_TEST

START_TEST(load_starts_vcpu0_at_the_entry) {
    struct sd_system sys = good_system();
    test_load(&sys);
    for (uint32_t i = 0; i < vm_count; i++) {
        const struct vm *vm = &vm_table[i];
        const struct vcpu *v = &vm->vcpus[0];
        ck_assert_int_eq(vm->state, VM_RUNNING);
        ck_assert_int_eq(v->state, VCPU_RUNNABLE);
        ck_assert_int_eq(v->mode, VMODE_KERNEL);
        ck_assert_uint_eq(v->regs.pc, TEST_ENTRY & ~1u);
        ck_assert_uint_eq(v->regs.cpsr, 0x10u | 0x20u);   /* user mode, Thumb */
        ck_assert_uint_eq(v->regs.sp, vm->ram_size);
        ck_assert_uint_eq(v->regs.r[0], 0);
        ck_assert_uint_eq(v->regs.r[1], MV_STATE_VA(0));
        for (uint32_t c = 1; c < vm->nvcpus; c++)
            ck_assert_int_eq(vm->vcpus[c].state, VCPU_STOPPED);
    }
}
END_TEST

START_TEST(load_reports_out_of_memory) {
    struct sd_system sys = test_system(64 * 1024, 1);   /* more than the double's RAM */
    char err[160] = "";
    ck_assert_int_eq(system_load(&sys, err, sizeof err), MV_ENOMEM);
    ck_assert_msg(strstr(err, "guest") && strstr(err, "memory"), "message: %s", err);
}
END_TEST

/* A page-table quota too small for the boot mappings, or for the contexts after them,
 * is refused at boot with a message that names the setting. */
START_TEST(load_refuses_a_quota_too_small) {
    struct sd_system sys = test_system(2048, 1);   /* 2 tables of RAM + 1 of state pages */
    char err[200] = "";
    sys.vms[0].pt_kb = 2;
    ck_assert_int_eq(system_load(&sys, err, sizeof err), MV_ENOMEM);
    ck_assert_msg(strstr(err, "guest") && strstr(err, "pt_kb 2"), "message: %s", err);
    unit_reset();
    sys.vms[0].pt_kb = 6;   /* 3 left: too few for a process to make progress */
    sys.vms[0].contexts = 1;
    ck_assert_int_eq(system_load(&sys, err, sizeof err), MV_ENOMEM);
    ck_assert_msg(strstr(err, "pt_kb 6") && strstr(err, "contexts"), "message: %s", err);
    unit_reset();
    sys.vms[0].pt_kb = 7;
    test_load(&sys);
    ck_assert_uint_eq(vm_table[0].vmmu.nfree, MV_MIN_USER_TABLES);
}
END_TEST

START_TEST(load_reports_a_bad_image) {
    static uint8_t bad[64];
    const struct sd_image img = {"broken", bad, bad + sizeof bad};   /* zeros: no ELF magic */
    struct sd_system sys = test_system(64, 1);
    char err[160] = "";
    sys.vms[0].image = &img;
    ck_assert_int_eq(system_load(&sys, err, sizeof err), MV_EINVAL);
    ck_assert_msg(strstr(err, "guest") && strstr(err, "broken") && strstr(err, "ELF"),
                  "message: %s", err);
}
END_TEST

TCase *system_tcase(void) {
    TCase *tc = unit_tcase("system");
    tcase_add_loop_test(tc, bad_system_is_refused, 0,
                        (int)(sizeof bad_systems / sizeof bad_systems[0]));
    tcase_add_test(tc, good_systems_are_accepted);
    tcase_add_test(tc, load_creates_the_vms);
    tcase_add_test(tc, load_maps_ram_identity_except_page0);
    tcase_add_test(tc, load_maps_state_pages);
    tcase_add_test(tc, load_starts_vcpu0_at_the_entry);
    tcase_add_test(tc, load_reports_out_of_memory);
    tcase_add_test(tc, load_refuses_a_quota_too_small);
    tcase_add_test(tc, load_reports_a_bad_image);
    return tc;
}
