/*
 * test_vmmu.c - lab 2's graded unit tests: MMU contexts, checked mappings, TLB
 * maintenance, ASIDs and eviction, through hypercall_dispatch() as a guest would call
 * them. "What the process sees" is asked of the arch double's TLB (double_access()),
 * which keeps translations until they are flushed: a missing flush shows up as a stale
 * translation, as it would on the board.
 */
#include <string.h>
#include "unit.h"
#include "core/asid.h"
#include "core/hypercall.h"
#include "core/pagetable.h"
#include "core/sched.h"
#include "core/vmmu.h"

#define RAM_KB      256u
#define RAM_SIZE    (RAM_KB * 1024u)
#define CONTEXTS    3u
#define PT_KB       8u        /* 8 tables: RAM and state pages take 2, 6 are left */
#define KERNEL_TABLES 2u
#define SHM_RW      0x100000u /* where the region is placed with read-write rights ... */
#define SHM_RO      0x200000u /* ... and read-only */
#define SHM_KB      8u
#define R  MV_MAP_READ
#define W  MV_MAP_WRITE
#define X  MV_MAP_EXEC
#define SECTION     (1u << ARCH_SECTION_SHIFT)
#define USER_VA     0x00400000u

static struct vm *os, *other;
static struct vcpu *me;   /* os's vCPU 0, running in guest-kernel mode */

static void setup(void) {
    struct sd_system sys = test_system(RAM_KB, 2);
    sys.vms[0].name = "os";
    sys.vms[0].contexts = CONTEXTS;
    sys.vms[0].pt_kb = PT_KB;
    sys.vms[0].caps[0] = (struct sd_cap){.type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE,
                                         .object = "shm", .gpa = SHM_RW};
    sys.vms[0].caps[1] = (struct sd_cap){.type = CAP_MEMORY, .rights = CAP_R_READ,
                                         .object = "shm", .gpa = SHM_RO};
    sys.vms[1] = (struct sd_vm){.name = "other", .image = test_image(), .ram_kb = 64,
                                .max_prio = 3, .nvcpus = 1, .vcpus = {{.prio = 1}}};
    sys.regions[0] = (struct sd_region){.name = "shm", .size_kb = SHM_KB};
    test_load(&sys);
    os = vm_find("os");
    other = vm_find("other");
    me = &os->vcpus[0];
    ck_assert_ptr_eq(sched_schedule(), me);
}

static int32_t hc(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) {
    return unit_hypercall(me, nr, a0, a1, a2, a3);
}

static int32_t map(uint32_t ctx, uint32_t va, uint32_t gpa, uint32_t flags) {
    return hc(MV_HC_VMMU_MAP, va, gpa, flags, ctx);
}
static int32_t create(void) { return hc(MV_HC_CTX_CREATE, 0, 0, 0, 0); }
static int32_t destroy(uint32_t ctx) { return hc(MV_HC_CTX_DESTROY, ctx, 0, 0, 0); }
static int32_t flush(uint32_t ctx, uint32_t va, uint32_t len) {
    return hc(MV_HC_VMMU_FLUSH, ctx, va, len, 0);
}
static paddr_t ram(uint32_t gpa) { return os->ram_pa + gpa; }

static uint32_t new_context(void) {
    int32_t c = create();
    ck_assert_msg(c > 0, "MV_HC_CTX_CREATE returned %d with contexts free", c);
    return (uint32_t)c;
}

/* What the process in context @p ctx would see at @p va: me enters guest-user mode in it
 * (as MV_HC_RESUME_USER would), the access goes through the TLB, and me comes back. */
static int user_sees(uint32_t ctx, uint32_t va, paddr_t *pa, uint32_t *flags) {
    uint32_t was = me->ctx;
    me->ctx = ctx;
    me->mode = VMODE_USER;
    vmmu_activate(me);
    int rc = double_access(va, pa, flags);
    me->mode = VMODE_KERNEL;
    vmmu_activate(me);
    me->ctx = was;
    return rc;
}

static void expect_user_sees(uint32_t ctx, uint32_t va, paddr_t want, uint32_t flags) {
    paddr_t pa = 0;
    uint32_t f = 0;
    REQUIRE(user_sees(ctx, va, &pa, &f) == 0, "context %u: the process faults at 0x%08x, "
            "which should map physical 0x%08x", ctx, va, want);
    REQUIRE(pa == want && f == flags, "context %u: 0x%08x maps physical 0x%08x with flags %u, "
            "want 0x%08x with flags %u%s", ctx, va, pa, f, want, flags,
            pa != want ? " (a stale TLB entry?)" : "");
}

static void expect_user_fault(uint32_t ctx, uint32_t va, const char *after) {
    paddr_t pa;
    uint32_t f;
    REQUIRE(user_sees(ctx, va, &pa, &f) == MV_EFAULT, "context %u: after %s, the process "
            "still reaches 0x%08x (physical 0x%08x): a stale page table or TLB entry", ctx,
            after, va, pa);
}

/* Whether @p va of context @p ctx is in the page tables (not asking the TLB). */
static bool mapped(uint32_t ctx, uint32_t va) {
    paddr_t pa;
    uint32_t f;
    return pt_lookup(&os->vmmu.spaces[ctx], va, &pa, &f) == 0;
}

/* ---- guest-physical translation ---- */

START_TEST(gpa_translation) {
    uint32_t c = new_context();
    const paddr_t shm = region_table[0].pa;
    ck_assert_int_eq(map(c, USER_VA, 0x3000, R | W), 0);
    expect_user_sees(c, USER_VA, ram(0x3000), R | W);
    ck_assert_int_eq(map(c, USER_VA + 0x1000, RAM_SIZE - 0x1000, R), 0);   /* the last RAM page */
    expect_user_sees(c, USER_VA + 0x1000, ram(RAM_SIZE - 0x1000), R);
    ck_assert_int_eq(map(c, USER_VA + 0x2000, 0, R), 0);   /* guest-physical page 0 is RAM too */
    expect_user_sees(c, USER_VA + 0x2000, ram(0), R);
    ck_assert_int_eq(map(MV_CTX_KERNEL, 0x300000, SHM_RW + 0x1000, R | W), 0);   /* a region */
    ck_assert_uint_eq(pt_lookup(vmmu_kernel_space(os), 0x300123, &(paddr_t){0}, &(uint32_t){0}), 0);
    ck_assert_int_eq(map(c, USER_VA + 0x3000, SHM_RW + 0x1000, R | W), 0);
    expect_user_sees(c, USER_VA + 0x3000, shm + 0x1000, R | W);
    ck_assert_int_eq(map(c, USER_VA + 0x4000, SHM_RO, R), 0);   /* read-only cap: reading is fine */
    expect_user_sees(c, USER_VA + 0x4000, shm, R);
    /* refused: more than the cap grants, or outside RAM and the placed regions */
    ck_assert_int_eq(map(c, USER_VA + 0x5000, SHM_RO, R | W), MV_EPERM);
    ck_assert_int_eq(map(c, USER_VA + 0x5000, SHM_RW, R | X), MV_EPERM);
    const uint32_t outside[] = {RAM_SIZE, RAM_SIZE + 0x1000, SHM_RW - 0x1000, SHM_RW + SHM_KB * 1024u,
                                SHM_RO + SHM_KB * 1024u, 0x40000000u, 0x7ffff000u, 0xfffff000u,
                                (uint32_t)(other->ram_pa - os->ram_pa) & ~0xfffu};
    for (unsigned i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        REQUIRE(map(c, USER_VA + 0x5000, outside[i], R) == MV_ERANGE, "guest-physical 0x%08x is "
                "outside the VM's RAM and regions: want MV_ERANGE, got %d", outside[i],
                (int)me->regs.r[0]);
        REQUIRE(map(MV_CTX_KERNEL, 0x500000, outside[i], R) == MV_ERANGE,
                "context 0, guest-physical 0x%08x: want MV_ERANGE", outside[i]);
    }
    ck_assert_msg(!mapped(c, USER_VA + 0x5000) && !mapped(MV_CTX_KERNEL, 0x500000),
                  "a refused request left a mapping behind");
}
END_TEST

/* ---- argument checks ---- */

START_TEST(map_checks_arguments) {
    uint32_t c = new_context();
    const uint32_t bad_ctx[] = {c + 1, CONTEXTS, CONTEXTS + 1, MV_MAX_CONTEXTS, 0x80000000u,
                                0xffffffffu};
    for (unsigned i = 0; i < sizeof bad_ctx / sizeof bad_ctx[0]; i++) {
        REQUIRE(map(bad_ctx[i], USER_VA, 0x3000, R) == MV_EINVAL, "map into context %u, which "
                "does not exist: want MV_EINVAL, got %d", bad_ctx[i], (int)me->regs.r[0]);
        REQUIRE(hc(MV_HC_VMMU_UNMAP, USER_VA, bad_ctx[i], 0, 0) == MV_EINVAL,
                "unmap from context %u, which does not exist: want MV_EINVAL", bad_ctx[i]);
    }
    ck_assert_int_eq(map(c + 1, 0x7ffff000u, 0x3000, R), MV_EINVAL);   /* the context first */
    ck_assert_int_eq(map(c, USER_VA + 0x800, 0x3000, R), MV_EINVAL);   /* misaligned va */
    ck_assert_int_eq(map(c, VMMU_STATE_WINDOW + 4, 0x3000, R), MV_EINVAL);   /* alignment first */
    ck_assert_int_eq(map(c, USER_VA, 0x3004, R), MV_EINVAL);           /* misaligned gpa */
    ck_assert_int_eq(map(c, USER_VA, 0x3000, 0), MV_EINVAL);           /* no flags */
    ck_assert_int_eq(map(c, USER_VA, 0x3000, W), MV_EINVAL);           /* no read */
    ck_assert_int_eq(map(c, USER_VA, 0x3000, W | X), MV_EINVAL);
    ck_assert_int_eq(map(c, USER_VA, 0x3000, R | 8), MV_EINVAL);       /* unknown flag */
    ck_assert_int_eq(map(c, USER_VA, RAM_SIZE + 0x4000, 8), MV_EINVAL); /* flags before gpa */
    ck_assert_int_eq(map(c, VMMU_STATE_WINDOW, 0x3004, 0), MV_ERANGE);  /* va before gpa, flags */
    const uint32_t reserved[] = {VMMU_STATE_WINDOW, MV_STATE_VA(0), MV_GUEST_VA_LIMIT,
                                 0xc0000000u, 0xfffff000u};
    for (unsigned i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
        REQUIRE(map(c, reserved[i], 0x3000, R) == MV_ERANGE, "map at 0x%08x (the state window "
                "or the microvisor's half): want MV_ERANGE, got %d", reserved[i], (int)me->regs.r[0]);
        REQUIRE(map(MV_CTX_KERNEL, reserved[i], 0x3000, R) == MV_ERANGE, "context 0: map at "
                "0x%08x: want MV_ERANGE", reserved[i]);
        REQUIRE(hc(MV_HC_VMMU_UNMAP, reserved[i], c, 0, 0) == MV_ERANGE, "unmap 0x%08x: want "
                "MV_ERANGE", reserved[i]);
    }
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, USER_VA + 4, c, 0, 0), MV_EINVAL);
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, USER_VA, c, 0, 0), 0);   /* nothing mapped: fine */
    ck_assert_msg(!mapped(c, USER_VA), "a refused request left a mapping behind");
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, MV_STATE_VA(0), MV_CTX_KERNEL, 0, 0), MV_ERANGE);
    ck_assert_msg(mapped(MV_CTX_KERNEL, MV_STATE_VA(0)), "the state page was unmapped");
}
END_TEST

/* ---- every permission, as mapped and as seen ---- */

START_TEST(permissions_as_mapped) {
    const uint32_t flags[] = {R, R | W, R | X, R | W | X};
    uint32_t c = new_context();
    for (unsigned i = 0; i < 4; i++) {
        uint32_t va = USER_VA + i * MV_PAGE_SIZE, gpa = 0x8000 + i * MV_PAGE_SIZE;
        ck_assert_int_eq(map(c, va, gpa, flags[i]), 0);
        paddr_t pa;
        uint32_t f;
        ck_assert_int_eq(pt_lookup(&os->vmmu.spaces[c], va + 0x123, &pa, &f), 0);
        ck_assert_uint_eq(pa, ram(gpa) + 0x123);
        REQUIRE(f == flags[i], "mapped with flags %u, the tables say %u", flags[i], f);
        expect_user_sees(c, va, ram(gpa), flags[i]);
    }
    /* replacing a mapping the process has used: it sees the new one at once */
    ck_assert_int_eq(map(c, USER_VA, 0xc000, R | W), 0);
    expect_user_sees(c, USER_VA, ram(0xc000), R | W);
    ck_assert_int_eq(map(c, USER_VA + MV_PAGE_SIZE, 0x8000 + MV_PAGE_SIZE, R), 0);   /* fewer rights */
    expect_user_sees(c, USER_VA + MV_PAGE_SIZE, ram(0x8000 + MV_PAGE_SIZE), R);
    /* the guest kernel's space is not the process's */
    expect_user_fault(c, 0x3000, "nothing: 0x3000 is mapped only in the guest kernel's space");
    expect_user_fault(c, MV_STATE_VA(0), "nothing: the state page is the guest kernel's");
}
END_TEST

/* ---- contexts ---- */

START_TEST(contexts_are_bounded_and_recycled) {
    for (uint32_t i = 1; i <= CONTEXTS; i++) {
        int32_t c = create();
        REQUIRE(c == (int32_t)i, "context %u of %u: MV_HC_CTX_CREATE returned %d, want %u (the "
                "lowest free index)", i, CONTEXTS, c, i);
    }
    ck_assert_int_eq(create(), MV_ENOMEM);
    ck_assert_int_eq(map(2, USER_VA, 0x3000, R), 0);
    uint32_t free_before = os->vmmu.nfree;
    ck_assert_int_eq(destroy(2), 0);
    ck_assert_uint_eq(os->vmmu.nfree, free_before + 1);   /* its table went back to the quota */
    ck_assert_int_eq(destroy(2), MV_EINVAL);              /* already gone */
    ck_assert_int_eq(hc(MV_HC_CTX_SWITCH, 2, 0, 0, 0), MV_EINVAL);
    ck_assert_int_eq(create(), 2);
    ck_assert_msg(!mapped(2, USER_VA), "a recreated context must start empty");
    const uint32_t bad[] = {MV_CTX_KERNEL, CONTEXTS + 1, 0xffffffffu};
    for (unsigned i = 0; i < 3; i++)
        REQUIRE(destroy(bad[i]) == MV_EINVAL, "destroy context %u: want MV_EINVAL", bad[i]);
}
END_TEST

START_TEST(switch_and_busy_contexts) {
    uint32_t a = new_context(), b = new_context();
    ck_assert_int_eq(hc(MV_HC_CTX_SWITCH, a, 0, 0, 0), 0);
    ck_assert_uint_eq(me->ctx, a);
    ck_assert_int_eq(hc(MV_HC_CTX_SWITCH, CONTEXTS + 1, 0, 0, 0), MV_EINVAL);
    ck_assert_int_eq(hc(MV_HC_CTX_SWITCH, 0xffffffffu, 0, 0, 0), MV_EINVAL);
    ck_assert_uint_eq(me->ctx, a);   /* a refused switch changes nothing */
    ck_assert_int_eq(destroy(a), MV_EBUSY);   /* the running vCPU's context */
    struct vcpu *v1 = &os->vcpus[1];
    v1->ctx = b;
    sched_wake(v1);                           /* runnable, not running */
    ck_assert_int_eq(destroy(b), MV_EBUSY);
    sched_block(v1, 0);                       /* blocked in a wait */
    ck_assert_int_eq(destroy(b), MV_EBUSY);
    sched_stop(v1);                           /* stopped: its context may go */
    ck_assert_int_eq(destroy(b), 0);
    ck_assert_int_eq(hc(MV_HC_CTX_SWITCH, MV_CTX_KERNEL, 0, 0, 0), 0);   /* "no process" */
    ck_assert_uint_eq(me->ctx, MV_CTX_KERNEL);
    ck_assert_int_eq(destroy(a), 0);
}
END_TEST

/* ---- TLB maintenance ---- */

START_TEST(tlb_is_flushed_when_mappings_go) {
    uint32_t c = new_context();
    ck_assert_int_eq(map(c, USER_VA, 0x3000, R | W), 0);
    expect_user_sees(c, USER_VA, ram(0x3000), R | W);   /* now in the TLB */
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, USER_VA, c, 0, 0), 0);
    expect_user_fault(c, USER_VA, "MV_HC_VMMU_UNMAP");
    ck_assert_int_eq(map(c, USER_VA, 0x3000, R | W), 0);
    expect_user_sees(c, USER_VA, ram(0x3000), R | W);
    ck_assert_int_eq(flush(c, USER_VA, MV_PAGE_SIZE), 0);
    expect_user_fault(c, USER_VA, "MV_HC_VMMU_FLUSH of its page");
    ck_assert_int_eq(map(c, USER_VA, 0x3000, R | W), 0);
    expect_user_sees(c, USER_VA, ram(0x3000), R | W);
    ck_assert_int_eq(flush(c, 0, 0), 0);
    expect_user_fault(c, USER_VA, "MV_HC_VMMU_FLUSH of the whole context");
    /* a destroyed context's translations must not reach its successor at that index */
    ck_assert_int_eq(map(c, USER_VA, 0x3000, R | W), 0);
    expect_user_sees(c, USER_VA, ram(0x3000), R | W);
    ck_assert_int_eq(destroy(c), 0);
    ck_assert_int_eq(create(), (int32_t)c);
    expect_user_fault(c, USER_VA, "destroying the context and creating a new one");
    ck_assert_int_eq(map(c, USER_VA, 0x5000, R), 0);
    expect_user_sees(c, USER_VA, ram(0x5000), R);
}
END_TEST

/* Contexts have their own ASIDs: switching between them flushes nothing. */
START_TEST(switching_contexts_flushes_nothing) {
    uint32_t a = new_context(), b = new_context();
    ck_assert_int_eq(map(a, USER_VA, 0x3000, R), 0);
    ck_assert_int_eq(map(b, USER_VA, 0x4000, R), 0);
    expect_user_sees(a, USER_VA, ram(0x3000), R);
    expect_user_sees(b, USER_VA, ram(0x4000), R);
    unsigned flushes = double_tlb_flushes;
    for (uint32_t i = 0; i < 10; i++) {   /* as the guest switches: by hypercall, then resume */
        ck_assert_int_eq(hc(MV_HC_CTX_SWITCH, i % 2 ? a : b, 0, 0, 0), 0);
        expect_user_sees(a, USER_VA, ram(0x3000), R);
        expect_user_sees(b, USER_VA, ram(0x4000), R);
    }
    ck_assert_msg(double_tlb_flushes == flushes, "switching between two live contexts flushed the "
                  "TLB %u times: each context keeps its ASID", double_tlb_flushes - flushes);
    ck_assert_uint_ne(os->vmmu.spaces[a].asid, os->vmmu.spaces[b].asid);
}
END_TEST

/* ---- ASIDs ---- */

START_TEST(asids_are_assigned_in_order) {
    ck_assert_uint_eq(vmmu_kernel_space(os)->asid, 1);   /* fixed: VM index + 1 */
    ck_assert_uint_eq(vmmu_kernel_space(other)->asid, 2);
    uint32_t a = new_context(), b = new_context();
    ck_assert_int_eq(map(a, USER_VA, 0x3000, R), 0);
    ck_assert_int_eq(map(b, USER_VA, 0x4000, R), 0);
    expect_user_sees(a, USER_VA, ram(0x3000), R);
    ck_assert_uint_eq(os->vmmu.spaces[a].asid, ASID_FIRST_CONTEXT);
    expect_user_sees(b, USER_VA, ram(0x4000), R);
    ck_assert_uint_eq(os->vmmu.spaces[b].asid, ASID_FIRST_CONTEXT + 1);
    expect_user_sees(a, USER_VA, ram(0x3000), R);   /* a keeps its ASID */
    ck_assert_uint_eq(os->vmmu.spaces[a].asid, ASID_FIRST_CONTEXT);
    ck_assert_uint_eq(asid_state.next, ASID_FIRST_CONTEXT + 2);
    ck_assert_uint_eq(double_tlb_flush_alls, 0);
}
END_TEST

/* 600 short-lived contexts beside a long-lived one: two rollovers, and nobody ever sees
 * another context's page through an ASID that changed hands. */
START_TEST(asid_rollover_keeps_contexts_apart) {
    const uint32_t per_generation = ARCH_ASIDS - ASID_FIRST_CONTEXT, rounds = 600;
    uint32_t old = new_context();
    ck_assert_int_eq(map(old, USER_VA, 0x3000, R), 0);
    expect_user_sees(old, USER_VA, ram(0x3000), R);
    for (uint32_t i = 0; i < rounds; i++) {
        uint32_t c = new_context(), gpa = 0x4000 + (i % 32) * MV_PAGE_SIZE;
        ck_assert_int_eq(map(c, USER_VA, gpa, R), 0);
        expect_user_sees(c, USER_VA, ram(gpa), R);
        uint32_t asid = os->vmmu.spaces[c].asid;
        REQUIRE(asid >= ASID_FIRST_CONTEXT && asid < ARCH_ASIDS, "round %u: context ASID %u; "
                "contexts use %u..%u (below: the VMs' kernel spaces)", i, asid,
                ASID_FIRST_CONTEXT, ARCH_ASIDS - 1);
        if (i % 100 == 50)   /* the long-lived context still sees its own page */
            expect_user_sees(old, USER_VA, ram(0x3000), R);
        ck_assert_int_eq(destroy(c), 0);
    }
    expect_user_sees(old, USER_VA, ram(0x3000), R);
    uint32_t want = (rounds + 1 + 3) / per_generation;   /* (+3: old's re-assignments) */
    ck_assert_msg(double_tlb_flush_alls >= 2 && double_tlb_flush_alls <= want,
                  "%u fresh ASIDs need %u or so rollovers, each one whole-TLB flush; saw %u flushes",
                  rounds + 1, want, double_tlb_flush_alls);
    ck_assert_uint_eq(asid_state.generation, 1 + double_tlb_flush_alls);
    /* two live contexts after the rollovers: distinct ASIDs, each its own page */
    uint32_t x = new_context();
    ck_assert_int_eq(map(x, USER_VA, 0x5000, R), 0);
    expect_user_sees(x, USER_VA, ram(0x5000), R);
    expect_user_sees(old, USER_VA, ram(0x3000), R);
    ck_assert_uint_ne(os->vmmu.spaces[x].asid, os->vmmu.spaces[old].asid);
}
END_TEST

/* ---- the page-table quota and eviction ---- */

/* Map one page in each of @p n sections of context @p c, from section @p first on. */
static void map_sections(uint32_t c, uint32_t first, uint32_t n) {
    for (uint32_t s = first; s < first + n; s++)
        REQUIRE(map(c, s * SECTION, 0x3000, R) == 0, "map into section %u: %d", s,
                (int)me->regs.r[0]);
}

START_TEST(eviction_is_round_robin_over_process_tables) {
    const uint32_t user_tables = PT_KB * 1024u / ARCH_L2_SIZE - KERNEL_TABLES;
    ck_assert_uint_eq(os->vmmu.nfree, user_tables);
    uint32_t c = new_context(), d = new_context();
    map_sections(c, 16, user_tables - 1);   /* sections 16..20 */
    map_sections(d, 16, 1);                 /* the quota is full now */
    ck_assert_uint_eq(os->vmmu.nfree, 0);
    ck_assert_uint_eq(os->vmmu.evictions, 0);
    expect_user_sees(c, 16 * SECTION, ram(0x3000), R);   /* cached in the TLB */
    map_sections(c, 40, 1);   /* needs a table: the oldest process table goes (c's section 16) */
    ck_assert_uint_eq(os->vmmu.evictions, 1);
    ck_assert_msg(!mapped(c, 16 * SECTION), "eviction must take the first process table after "
                  "the hand (the guest kernel's are skipped): section 16 of context %u", c);
    expect_user_fault(c, 16 * SECTION, "its page table was evicted");
    for (uint32_t s = 17; s < 16 + user_tables - 1; s++)
        REQUIRE(mapped(c, s * SECTION), "section %u was evicted out of turn", s);
    map_sections(c, 41, 2);   /* the next two in turn: c's sections 17 and 18 */
    ck_assert_msg(!mapped(c, 17 * SECTION) && !mapped(c, 18 * SECTION) && mapped(c, 19 * SECTION),
                  "evictions must go round the pool in order");
    ck_assert_uint_eq(os->vmmu.evictions, 3);
    for (uint32_t s = 0; s < 3; s++)   /* (a refilled table is the last to go again) */
        REQUIRE(mapped(c, (40 + s) * SECTION), "section %u, just mapped, was evicted", 40 + s);
    ck_assert_msg(mapped(MV_CTX_KERNEL, 0x3000) && mapped(MV_CTX_KERNEL, MV_STATE_VA(0)),
                  "the guest kernel's own mappings must never be evicted");
}
END_TEST

START_TEST(kernel_tables_are_never_evicted) {
    uint32_t c = new_context();
    map_sections(c, 16, 2);
    /* the guest kernel's mappings may evict a process's tables ... */
    uint32_t s = 100;
    while (map(MV_CTX_KERNEL, s * SECTION, 0x3000, R | W) == 0 && s < 200)
        s++;
    ck_assert_int_eq((int32_t)me->regs.r[0], MV_ENOMEM);   /* ... but never each other */
    ck_assert_uint_eq(s - 100, PT_KB * 1024u / ARCH_L2_SIZE - KERNEL_TABLES);
    ck_assert_msg(!mapped(c, 16 * SECTION) && !mapped(c, 17 * SECTION), "the process tables "
                  "should have been evicted for the guest kernel's mappings");
    ck_assert_int_eq(map(c, 16 * SECTION, 0x3000, R), MV_ENOMEM);   /* nothing left to evict */
    for (uint32_t k = 100; k < s; k++)
        REQUIRE(mapped(MV_CTX_KERNEL, k * SECTION), "kernel section %u was evicted", k);
    ck_assert_int_eq(map(MV_CTX_KERNEL, 100 * SECTION + MV_PAGE_SIZE, 0x4000, R), 0);   /* has a table */
}
END_TEST

/* ---- flushing ranges and whole contexts ---- */

START_TEST(flush_removes_exactly_its_range) {
    uint32_t c = new_context();
    for (uint32_t i = 0; i < 6; i++)
        ck_assert_int_eq(map(c, USER_VA + i * MV_PAGE_SIZE, 0x3000, R), 0);
    ck_assert_int_eq(map(c, 0x700000, 0x3000, R), 0);   /* another section, with a gap between */
    for (uint32_t i = 0; i < 6; i++)
        expect_user_sees(c, USER_VA + i * MV_PAGE_SIZE, ram(0x3000), R);
    ck_assert_int_eq(flush(c, USER_VA + MV_PAGE_SIZE, 3 * MV_PAGE_SIZE), 0);
    const bool want[6] = {true, false, false, false, true, true};
    for (uint32_t i = 0; i < 6; i++)
        REQUIRE(mapped(c, USER_VA + i * MV_PAGE_SIZE) == want[i], "after flushing pages 1..3, "
                "page %u is %s", i, want[i] ? "gone" : "still mapped");
    expect_user_fault(c, USER_VA + 2 * MV_PAGE_SIZE, "flushing its range");
    ck_assert_int_eq(flush(c, USER_VA + 4 * MV_PAGE_SIZE, 1), 0);   /* a partial page: all of it */
    ck_assert(!mapped(c, USER_VA + 4 * MV_PAGE_SIZE) && mapped(c, USER_VA + 5 * MV_PAGE_SIZE));
    ck_assert_int_eq(flush(c, USER_VA + 5 * MV_PAGE_SIZE, 0x700000 - USER_VA), 0);   /* across sections */
    ck_assert(!mapped(c, USER_VA + 5 * MV_PAGE_SIZE) && !mapped(c, 0x700000) && mapped(c, USER_VA));
    ck_assert_int_eq(flush(c, USER_VA + 4, MV_PAGE_SIZE), MV_EINVAL);
    ck_assert_int_eq(flush(c, VMMU_STATE_WINDOW - MV_PAGE_SIZE, 2 * MV_PAGE_SIZE), MV_ERANGE);
    ck_assert_int_eq(flush(c, MV_PAGE_SIZE, 0xfffff000u), MV_ERANGE);
    ck_assert_int_eq(flush(CONTEXTS + 1, USER_VA, MV_PAGE_SIZE), MV_EINVAL);
    ck_assert(mapped(c, USER_VA));   /* refused flushes removed nothing */
}
END_TEST

START_TEST(flush_whole_context) {
    uint32_t c = new_context(), free_before = os->vmmu.nfree;
    map_sections(c, 16, 3);
    ck_assert_uint_eq(os->vmmu.nfree, free_before - 3);
    expect_user_sees(c, 17 * SECTION, ram(0x3000), R);
    ck_assert_int_eq(flush(c, USER_VA + 0x123, 0), 0);   /* length 0: all of it, wherever va */
    ck_assert_uint_eq(os->vmmu.nfree, free_before);   /* its tables went back to the quota */
    expect_user_fault(c, 17 * SECTION, "flushing the whole context");
    ck_assert_int_eq(map(c, 16 * SECTION, 0x4000, R), 0);   /* still a context */
    ck_assert_int_eq(flush(MV_CTX_KERNEL, 0, 0), MV_EINVAL);   /* the guest kernel's: never whole */
    ck_assert(mapped(MV_CTX_KERNEL, 0x3000));
    ck_assert_int_eq(map(MV_CTX_KERNEL, 0x500000, 0x3000, R), 0);
    ck_assert_int_eq(flush(MV_CTX_KERNEL, 0x500000, MV_PAGE_SIZE), 0);   /* a kernel range is fine */
    ck_assert(!mapped(MV_CTX_KERNEL, 0x500000) && mapped(MV_CTX_KERNEL, 0x3000));
}
END_TEST

void vmmu_add_tcases(Suite *s) {
    const struct {   /* (not static: a TTest pointer is no constant expression) */
        const char *name;
        const TTest *tests[3];
    } graded[] = {
        {"lab2_unit_gpa_translation", {gpa_translation}},
        {"lab2_unit_map_checks", {map_checks_arguments}},
        {"lab2_unit_permissions", {permissions_as_mapped}},
        {"lab2_unit_contexts", {contexts_are_bounded_and_recycled, switch_and_busy_contexts}},
        {"lab2_unit_tlb_maintenance", {tlb_is_flushed_when_mappings_go,
                                       switching_contexts_flushes_nothing}},
        {"lab2_unit_asid_rollover", {asids_are_assigned_in_order, asid_rollover_keeps_contexts_apart}},
        {"lab2_unit_eviction", {eviction_is_round_robin_over_process_tables,
                                kernel_tables_are_never_evicted}},
        {"lab2_unit_flush", {flush_removes_exactly_its_range, flush_whole_context}},
    };
    for (size_t i = 0; i < sizeof graded / sizeof graded[0]; i++) {
        TCase *tc = unit_tcase_tagged(graded[i].name, "lab2 unit");
        tcase_add_checked_fixture(tc, setup, NULL);
        for (size_t j = 0; j < 3 && graded[i].tests[j]; j++)
            tcase_add_test(tc, graded[i].tests[j]);
        suite_add_tcase(s, tc);
    }
}
