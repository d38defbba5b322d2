/*
 * test_hypercall.c - hypercall argument validation, through hypercall_dispatch(), on
 * VMs built by system_load(): every guest-supplied value is checked before use.
 */
#include <string.h>
#include "unit.h"
#include "core/hypercall.h"
#include "core/sched.h"
#include "core/system.h"
#include "core/pagetable.h"
#include "core/vmmu.h"

#define RAM_KB     128u
#define RAM_SIZE   (RAM_KB * 1024u)
#define RWX        (MV_MAP_READ | MV_MAP_WRITE | MV_MAP_EXEC)
#define ALL_RIGHTS (CAP_R_CONTROL | CAP_R_RAISE)

static struct vm *guest, *other;
static struct vcpu *me;   /* the calling vCPU: guest's vCPU 0, running */

/* "guest" (2 vCPUs) and "other" (1 vCPU), with the caps the tests use. */
static void setup_vms(void) {
    struct sd_system sys = test_system(RAM_KB, 2);
    struct sd_cap *caps = sys.vms[0].caps;
    caps[0] = (struct sd_cap){.type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 0};
    caps[1] = (struct sd_cap){.type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 1};
    caps[2] = (struct sd_cap){.type = CAP_VCPU, .rights = CAP_R_RAISE, .vcpu = 1};
    caps[3] = (struct sd_cap){.type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "other", .line = 5};
    caps[4] = (struct sd_cap){.type = CAP_VIRQ, .rights = CAP_R_CONTROL, .vm = "other", .line = 6};
    caps[5] = (struct sd_cap){.type = CAP_VIRQ, .rights = ALL_RIGHTS, .vcpu = 1, .line = 30};
    sys.vms[0].contexts = 4;
    sys.vms[1] = (struct sd_vm){.name = "other", .image = test_image(), .ram_kb = 64,
                                .max_prio = 3, .nvcpus = 1, .vcpus = {{.prio = 1}}};
    test_load(&sys);
    guest = vm_find("guest");
    other = vm_find("other");
    me = &guest->vcpus[0];
    ck_assert_ptr_eq(sched_schedule(), me);
}

/* Make hypercall @p nr from `me` as the trap path does (registers in me->regs). */
static int32_t hc(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) {
    return unit_hypercall(me, nr, a0, a1, a2, a3);
}

/* Give `me` a process context to resume guest-user mode in. */
static void switch_to_new_context(void) {
    int32_t ctx = hc(MV_HC_CTX_CREATE, 0, 0, 0, 0);
    ck_assert_int_gt(ctx, 0);
    ck_assert_int_eq(hc(MV_HC_CTX_SWITCH, (uint32_t)ctx, 0, 0, 0), 0);
}

/* Put @p s at guest-physical (= identity-mapped virtual) address @p gpa. */
static void poke(uint32_t gpa, const char *s) { memcpy(test_guest_ptr(guest, gpa), s, strlen(s)); }

/* Guest VA @p va must map physical @p pa with @p flags. */
static void expect_mapped(uint32_t va, paddr_t pa, uint32_t flags) {
    paddr_t got = 0;
    uint32_t f = 0;
    ck_assert_msg(pt_lookup(vmmu_kernel_space(guest), va, &got, &f) == 0, "0x%08x unmapped", va);
    ck_assert_uint_eq(got, pa);
    ck_assert_uint_eq(f, flags);
}

static paddr_t gpa(uint32_t g) { return guest->ram_pa + g; }

static void expect_unmapped(uint32_t va) {
    paddr_t pa;
    uint32_t f;
    ck_assert_msg(pt_lookup(vmmu_kernel_space(guest), va, &pa, &f) == MV_EFAULT, "0x%08x mapped", va);
}

START_TEST(unknown_number_is_enosys) {
    const uint32_t bad[] = {MV_HC_COUNT, MV_HC_COUNT + 1, 0x7fffffffu, 0x80000000u, 0xffffffffu};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_int_eq(hc(bad[i], 1, 2, 3, 4), MV_ENOSYS);
    ck_assert_int_eq(hc(MV_HC_NULL, 1, 2, 3, 4), 0);
}
END_TEST

START_TEST(console_write_checks_the_buffer) {
    poke(0x8000, "hello, world\n");
    ck_assert_str_eq(double_console(), "");
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x8000, 13, 0, 0), 13);
    ck_assert_str_eq(double_console(), "guest| hello, world\n");
    double_console_clear();

    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x10, 4, 0, 0), MV_EFAULT);          /* page 0 */
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, MV_PAGE_SIZE - 2, 4, 0, 0), MV_EFAULT);
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, RAM_SIZE, 4, 0, 0), MV_EFAULT);      /* past RAM */
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x40000000u, 4, 0, 0), MV_EFAULT);
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x80000000u, 4, 0, 0), MV_EFAULT);   /* kernel */
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0xc0001000u, 16, 0, 0), MV_EFAULT);
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0xfffffff0u, 0x20, 0, 0), MV_EFAULT); /* wraps */
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x7ffffff0u, 0x20, 0, 0), MV_EFAULT); /* crosses 2G */
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x8000, MV_CONSOLE_MAX + 1, 0, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x8000, 0xffffffffu, 0, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x8000, 0, 0, 0), 0);
    ck_assert_str_eq(double_console(), "");   /* nothing of the refused writes came out */
}
END_TEST

START_TEST(console_write_crosses_pages) {
    char text[MV_CONSOLE_MAX + 1];
    for (uint32_t i = 0; i < MV_CONSOLE_MAX; i++)
        text[i] = (char)('a' + i % 26);
    text[MV_CONSOLE_MAX - 1] = '\n';
    text[MV_CONSOLE_MAX] = '\0';
    poke(0x9000 - 100, text);   /* straddles a page boundary, several 128-byte chunks */
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x9000 - 100, MV_CONSOLE_MAX, 0, 0), MV_CONSOLE_MAX);
    /* every byte arrived, in order, in lines of at most MV_CONSOLE_LINE bytes */
    const char *out = double_console();
    uint32_t got = 0;
    while (*out) {
        ck_assert_msg(strncmp(out, "guest| ", 7) == 0, "line without prefix: %s", out);
        const char *nl = strchr(out + 7, '\n');
        ck_assert_ptr_nonnull(nl);
        ck_assert_uint_le((uint32_t)(nl - out - 7), MV_CONSOLE_LINE);
        ck_assert_int_eq(memcmp(out + 7, text + got, (size_t)(nl - out - 7)), 0);
        got += (uint32_t)(nl - out - 7);
        out = nl + 1;
    }
    ck_assert_uint_eq(got, MV_CONSOLE_MAX - 1);
}
END_TEST

/* All or nothing: a buffer whose last page is unmapped prints nothing at all. */
START_TEST(console_write_later_page_unmapped) {
    char text[MV_CONSOLE_MAX + 1];
    memset(text, 'x', MV_CONSOLE_MAX);
    text[MV_CONSOLE_MAX] = '\0';
    poke(0xa000 - 600, text);
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, 0xa000, 0, 0, 0), 0);
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0xa000 - 600, MV_CONSOLE_MAX, 0, 0), MV_EFAULT);
    ck_assert_str_eq(double_console(), "");
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0xa000 - 600, 600, 0, 0), 600);   /* up to the hole */
}
END_TEST

/* Copies into a guest are checked whole first, so a fault writes no byte. */
START_TEST(copy_to_guest_all_or_nothing) {
    char buf[64];
    memset(buf, 'z', sizeof buf);
    poke(0x7000 - 32, "untouched");
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x7000, 0x7000, MV_MAP_READ, 0), 0);   /* read-only */
    ck_assert_int_eq(vmmu_copy_to_guest(vmmu_kernel_space(guest), 0x7000 - 32, buf, sizeof buf), MV_EFAULT);
    ck_assert_int_eq(memcmp(test_guest_ptr(guest, 0x7000 - 32), "untouched", 9), 0);
    ck_assert_int_eq(vmmu_copy_to_guest(vmmu_kernel_space(guest), 0x7000 - 16, buf, 16), 0);   /* just below it */
    ck_assert_int_eq(vmmu_copy_to_guest(vmmu_kernel_space(guest), 0x7fffffe0u, buf, sizeof buf), MV_EFAULT);
    ck_assert_int_eq(vmmu_copy_to_guest(vmmu_kernel_space(guest), 0x10, buf, 4), MV_EFAULT);   /* page 0 */
    ck_assert_int_eq(vmmu_copy_to_guest(vmmu_kernel_space(guest), 0x6000 - 8, buf, 16), 0);   /* across pages */
    ck_assert_int_eq(memcmp(test_guest_ptr(guest, 0x6000 - 8), buf, 16), 0);
}
END_TEST

/* One VM's page tables are bounded by its quota: with only guest-kernel tables in it, a
 * new section gets MV_ENOMEM (nothing may be evicted), and another VM can still map. */
START_TEST(vmmu_page_tables_are_bounded_per_vm) {
    uint32_t va = 0x10000000u, mapped = 0;
    int32_t rc;
    while ((rc = hc(MV_HC_VMMU_MAP, va, 0x3000, MV_MAP_READ, 0)) == 0 && mapped < 4096) {
        va += 1u << 20;   /* a new 1 MiB region: a new level-2 table each time */
        mapped++;
    }
    ck_assert_int_eq(rc, MV_ENOMEM);
    ck_assert_uint_eq(guest->vmmu.nfree, 0);
    ck_assert_uint_eq(guest->vmmu.evictions, 0);
    ck_assert_uint_lt(mapped, MV_DEFAULT_PT_KB * 1024u / ARCH_L2_SIZE);
    expect_unmapped(va);
    ck_assert_int_eq(vmmu_map(other, MV_CTX_KERNEL, 0x10000000u, 0x3000, MV_MAP_READ), 0);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x10000000u, 0x4000, MV_MAP_READ, 0), 0);   /* remap: no table */
}
END_TEST

START_TEST(vmmu_map_checks_arguments) {
    const uint32_t R = MV_MAP_READ, W = MV_MAP_WRITE, X = MV_MAP_EXEC;
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200001, 0x3000, R, 0), MV_EINVAL);   /* misaligned */
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200800, 0x3000, R, 0), MV_EINVAL);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, 0x3004, R, 0), MV_EINVAL);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, 0x3000, 0, 0), MV_EINVAL);   /* flags */
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, 0x3000, W, 0), MV_EINVAL);   /* no READ */
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, 0x3000, W | X, 0), MV_EINVAL);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, 0x3000, R | 8, 0), MV_EINVAL);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, 0x3000, 0xffffffffu, 0), MV_EINVAL);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, RAM_SIZE, R, 0), MV_ERANGE); /* gpa */
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, 0x40000000u, R, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x200000, 0xfffff000u, R, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, VMMU_STATE_WINDOW, 0x3000, R, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, MV_STATE_VA(0), 0x3000, R, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x80000000u, 0x3000, R, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0xfffff000u, 0x3000, R, 0), MV_ERANGE);
    expect_unmapped(0x200000);   /* no refused call left a mapping behind */
    /* the state pages are still the kernel's */
    expect_mapped(MV_STATE_VA(0), me->shared_pa, R | W);
}
END_TEST

START_TEST(vmmu_map_lookup_unmap) {
    poke(0x3000, "mapped!\n");
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x400000, 0x3000, MV_MAP_READ, 0), 0);
    expect_mapped(0x400000, gpa(0x3000), MV_MAP_READ);
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x400000, 8, 0, 0), 8);   /* read through it */
    ck_assert_str_eq(double_console(), "guest| mapped!\n");
    /* the highest page a guest may map, and guest-physical page 0 */
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, VMMU_STATE_WINDOW - MV_PAGE_SIZE, 0, RWX, 0), 0);
    expect_mapped(VMMU_STATE_WINDOW - MV_PAGE_SIZE, gpa(0), RWX);
    ck_assert_int_eq(hc(MV_HC_VMMU_MAP, 0x400000, RAM_SIZE - MV_PAGE_SIZE, RWX, 0), 0); /* remap */
    expect_mapped(0x400000, gpa(RAM_SIZE - MV_PAGE_SIZE), RWX);

    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, 0x400000, 0, 0, 0), 0);
    expect_unmapped(0x400000);
    ck_assert_int_eq(hc(MV_HC_CONSOLE_WRITE, 0x400000, 8, 0, 0), MV_EFAULT);
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, 0x400000, 0, 0, 0), 0);   /* already unmapped */
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, 0x400010, 0, 0, 0), MV_EINVAL);
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, MV_STATE_VA(0), 0, 0, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, 0x80000000u, 0, 0, 0), MV_ERANGE);
    expect_mapped(MV_STATE_VA(0), me->shared_pa, MV_MAP_READ | MV_MAP_WRITE);
    /* unmapping the identity map is allowed: it is the guest's own business */
    ck_assert_int_eq(hc(MV_HC_VMMU_UNMAP, 0x8000, 0, 0, 0), 0);
    expect_unmapped(0x8000);
    expect_mapped(0x9000, gpa(0x9000), RWX);
}
END_TEST

START_TEST(virq_raise_checks_the_cap) {
    ck_assert_int_eq(hc(MV_HC_VIRQ_RAISE, 7, 0, 0, 0), MV_ECAP);            /* empty */
    ck_assert_int_eq(hc(MV_HC_VIRQ_RAISE, 1, 0, 0, 0), MV_ECAP);            /* a vCPU cap */
    ck_assert_int_eq(hc(MV_HC_VIRQ_RAISE, MV_MAX_CAPS, 0, 0, 0), MV_ECAP);
    ck_assert_int_eq(hc(MV_HC_VIRQ_RAISE, 0xffffffffu, 0, 0, 0), MV_ECAP);
    ck_assert_int_eq(hc(MV_HC_VIRQ_RAISE, 4, 0, 0, 0), MV_EPERM);           /* no RAISE */
    ck_assert_uint_eq(other->vcpus[0].shared->virq_pending, 0);
    ck_assert_int_eq(hc(MV_HC_VIRQ_RAISE, 3, 0, 0, 0), 0);
    ck_assert_uint_eq(other->vcpus[0].shared->virq_pending, 1u << 5);
    ck_assert_int_eq(hc(MV_HC_VIRQ_RAISE, 5, 0, 0, 0), 0);
    ck_assert_uint_eq(guest->vcpus[1].shared->virq_pending, 1u << 30);
    ck_assert_uint_eq(me->shared->virq_pending, 0);
    /* ack works on the caller's own lines only */
    me->shared->virq_pending = 0x11;
    ck_assert_int_eq(hc(MV_HC_VIRQ_ACK, 0x01, 0, 0, 0), 0x11);
    ck_assert_uint_eq(me->shared->virq_pending, 0x10);
}
END_TEST

START_TEST(vcpu_caps_and_priorities) {
    struct vcpu *v1 = &guest->vcpus[1];
    ck_assert_int_eq(hc(MV_HC_VCPU_SET_PRIO, 1, guest->max_prio + 1, 0, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VCPU_SET_PRIO, 1, 0xffffffffu, 0, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VCPU_SET_PRIO, 2, 1, 0, 0), MV_EPERM);   /* no CONTROL */
    ck_assert_int_eq(hc(MV_HC_VCPU_SET_PRIO, 3, 1, 0, 0), MV_ECAP);    /* a vIRQ cap */
    ck_assert_int_eq(hc(MV_HC_VCPU_SET_PRIO, 9, 1, 0, 0), MV_ECAP);    /* empty */
    ck_assert_uint_eq(v1->prio, 5);
    ck_assert_int_eq(hc(MV_HC_VCPU_SET_PRIO, 1, guest->max_prio, 0, 0), 0);
    ck_assert_uint_eq(v1->prio, guest->max_prio);

    ck_assert_int_eq(hc(MV_HC_VCPU_START, 0, 0x10000, 0x8000, 0), MV_EBUSY);   /* myself */
    ck_assert_int_eq(hc(MV_HC_VCPU_START, 2, 0x10000, 0x8000, 0), MV_EPERM);
    ck_assert_int_eq(hc(MV_HC_VCPU_START, 1, 0x80000000u, 0x8000, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_VCPU_START, 1, 0x10000, 0xfffffff0u, 0), MV_ERANGE);
    ck_assert_int_eq(v1->state, VCPU_STOPPED);
    ck_assert_int_eq(hc(MV_HC_VCPU_START, 1, 0x10001, 0x8000, 42), 0);
    ck_assert_int_eq(v1->state, VCPU_RUNNABLE);
    ck_assert_uint_eq(v1->regs.pc, 0x10000);
    ck_assert_uint_eq(v1->regs.cpsr, 0x30);
    ck_assert_uint_eq(v1->regs.sp, 0x8000);
    ck_assert_uint_eq(v1->regs.r[0], 42);
    ck_assert_uint_eq(v1->regs.r[1], MV_STATE_VA(1));
    ck_assert_int_eq(hc(MV_HC_VCPU_START, 1, 0x10000, 0x8000, 0), MV_EBUSY);   /* running */
    ck_assert_int_eq(hc(MV_HC_VCPU_STOP, 2, 0, 0, 0), MV_EPERM);
    ck_assert_int_eq(hc(MV_HC_VCPU_STOP, 1, 0, 0, 0), 0);
    ck_assert_int_eq(v1->state, VCPU_STOPPED);
    ck_assert_int_eq(hc(MV_HC_VCPU_START, 1, 0x10000, 0x8000, 0), 0);   /* restartable */
}
END_TEST

/* A PC not aligned for its instruction set would be UNPREDICTABLE on return. */
START_TEST(resume_user_aligns_pc) {
    const struct { uint32_t pc, cpsr, got; } cases[] = {
        {0x10203, 0x10, 0x10200}, {0x10202, 0x10, 0x10200}, {0x10204, 0x10, 0x10204},
        {0x10203, 0x30, 0x10202}, {0x10202, 0x30, 0x10202},
    };
    switch_to_new_context();
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        me->mode = VMODE_KERNEL;
        me->shared->user = (struct mv_regs){.pc = cases[i].pc, .cpsr = cases[i].cpsr};
        hc(MV_HC_RESUME_USER, 0, 0, 0, 0);
        ck_assert_msg(me->regs.pc == cases[i].got, "pc 0x%08x (cpsr 0x%x) became 0x%08x, want "
                      "0x%08x", cases[i].pc, cases[i].cpsr, me->regs.pc, cases[i].got);
    }
}
END_TEST

/* A VM whose vCPUs are all stopped is stopped: no one else could ever restart them. */
START_TEST(stopping_every_vcpu_stops_the_vm) {
    ck_assert_int_eq(hc(MV_HC_VCPU_STOP, 1, 0, 0, 0), 0);   /* vCPU 1 was never started */
    ck_assert_int_eq(guest->state, VM_RUNNING);
    ck_assert_int_eq(hc(MV_HC_VCPU_START, 1, 0x10000, 0x8000, 0), 0);
    ck_assert_int_eq(hc(MV_HC_VCPU_STOP, 0, 0, 0, 0), 0);   /* itself: vCPU 1 still runs */
    ck_assert_int_eq(guest->state, VM_RUNNING);
    me = &guest->vcpus[1];
    ck_assert_int_eq(hc(MV_HC_VCPU_STOP, 1, 0, 0, 0), 0);
    ck_assert_int_eq(guest->state, VM_STOPPED);
    ck_assert_int_eq(guest->exit_code, 0);
    ck_assert_int_eq(other->state, VM_RUNNING);
    ck_assert_uint_eq(vm_live_count(), 1);
}
END_TEST

START_TEST(resume_user_sanitizes_cpsr) {
    const struct { uint32_t asked, got; } cases[] = {
        {0x13, 0x10},                 /* SVC mode: refused */
        {0x1f, 0x10},                 /* System mode */
        {0x1d3, 0x10},                /* A, I, F masked: interrupts stay on */
        {0xf80f0030u, 0xf80f0030u},   /* NZCVQ, GE, Thumb: the guest's to choose */
        {0x01000200u | 0x16, 0x10},   /* J, E, Monitor mode */
        {0x0600fc30u, 0x0600fc30u},   /* Thumb inside an If-Then block: IT state kept */
        {0x0600fc10u, 0x10},          /* IT state in ARM state: meaningless, dropped */
        {0xffffffffu, 0xfe0ffc30u},
    };
    me->shared->user = (struct mv_regs){.pc = 0x10200, .cpsr = 0x10};
    ck_assert_int_eq(hc(MV_HC_RESUME_USER, 0, 0, 0, 0), MV_EBUSY);   /* no process context */
    ck_assert_int_eq(me->mode, VMODE_KERNEL);
    switch_to_new_context();
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        me->mode = VMODE_KERNEL;
        me->shared->user = (struct mv_regs){.r = {1, 2, 3}, .sp = 0x7000, .lr = 0x10101,
                                            .pc = 0x10200, .cpsr = cases[i].asked};
        hc(MV_HC_RESUME_USER, 0, 0, 0, 0);
        ck_assert_msg(me->regs.cpsr == cases[i].got, "cpsr 0x%08x became 0x%08x, want 0x%08x",
                      cases[i].asked, me->regs.cpsr, cases[i].got);
        ck_assert_uint_eq(me->regs.pc, 0x10200);
        ck_assert_uint_eq(me->regs.sp, 0x7000);
        ck_assert_uint_eq(me->regs.r[2], 3);
        ck_assert_uint_eq(me->regs.r[7], 0);   /* the user context, not the hypercall's */
        ck_assert_int_eq(me->mode, VMODE_USER);
    }
}
END_TEST

START_TEST(set_entry_refuses_kernel_addresses) {
    ck_assert_int_eq(hc(MV_HC_SET_ENTRY, 0x10100, 0x9000, 0, 0), 0);
    ck_assert_uint_eq(me->upcall_pc, 0x10100);
    ck_assert_uint_eq(me->upcall_sp, 0x9000);
    ck_assert_int_eq(hc(MV_HC_SET_ENTRY, 0x80000000u, 0x9000, 0, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_SET_ENTRY, 0xc0008000u, 0x9000, 0, 0), MV_ERANGE);
    ck_assert_int_eq(hc(MV_HC_SET_ENTRY, 0x10100, 0xfffffff0u, 0, 0), MV_ERANGE);
    ck_assert_uint_eq(me->upcall_pc, 0x10100);   /* unchanged by the refused calls */
    ck_assert_uint_eq(me->upcall_sp, 0x9000);
}
END_TEST

START_TEST(time_tls_and_exit) {
    double_now = 0x123456789abull;
    ck_assert_int_eq(hc(MV_HC_TIME, 0, 0, 0, 0), (int32_t)0x456789abu);
    ck_assert_uint_eq(me->regs.r[1], 0x123);
    double_tls_rw = 77;   /* what the guest wrote to TPIDRURW */
    ck_assert_int_eq(hc(MV_HC_SET_TLS, 0xcafe, 0, 0, 0), 0);
    ck_assert_uint_eq(double_tls_ro, 0xcafe);
    ck_assert_uint_eq(double_tls_rw, 77);
    ck_assert_uint_eq(me->tls_ro, 0xcafe);
    hc(MV_HC_VM_EXIT, 7, 0, 0, 0);
    ck_assert_int_eq(guest->state, VM_STOPPED);
    ck_assert_int_eq(guest->exit_code, 7);
    ck_assert_int_eq(me->state, VCPU_STOPPED);
    ck_assert_int_eq(other->state, VM_RUNNING);
    ck_assert_ptr_nonnull(strstr(double_console(), "[mv] vm 'guest' stopped (exit code 7)"));
}
END_TEST

TCase *hypercall_tcase(void) {
    TCase *tc = unit_tcase("hypercall");
    tcase_add_checked_fixture(tc, setup_vms, NULL);
    tcase_add_test(tc, unknown_number_is_enosys);
    tcase_add_test(tc, console_write_checks_the_buffer);
    tcase_add_test(tc, console_write_crosses_pages);
    tcase_add_test(tc, vmmu_map_checks_arguments);
    tcase_add_test(tc, vmmu_map_lookup_unmap);
    tcase_add_test(tc, virq_raise_checks_the_cap);
    tcase_add_test(tc, vcpu_caps_and_priorities);
    tcase_add_test(tc, resume_user_sanitizes_cpsr);
    tcase_add_test(tc, resume_user_aligns_pc);
    tcase_add_test(tc, stopping_every_vcpu_stops_the_vm);
    tcase_add_test(tc, vmmu_page_tables_are_bounded_per_vm);
    tcase_add_test(tc, console_write_later_page_unmapped);
    tcase_add_test(tc, copy_to_guest_all_or_nothing);
    tcase_add_test(tc, set_entry_refuses_kernel_addresses);
    tcase_add_test(tc, time_tls_and_exit);
    return tc;
}
