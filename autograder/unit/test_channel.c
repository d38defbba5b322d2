/*
 * test_channel.c - shared memory regions (memory caps) and channels, through
 * hypercall_dispatch(): what one VM may map and send, and what the other sees.
 */
#include <string.h>
#include "unit.h"
#include "core/channel.h"
#include "core/hypercall.h"
#include "core/sched.h"
#include "core/system.h"
#include "core/pagetable.h"
#include "core/vmmu.h"

#define SHM_KB   8u
#define SHM_A    0x100000u   /* where "a" sees the region (RW) ... */
#define SHM_A_RO 0x200000u   /* ... and again, read-only */
#define SHM_B    0x40000u    /* where "b" sees it */
#define LINE_A   2u          /* a's vIRQ line for the channel */
#define LINE_B   3u
enum { A_SHM = 0, A_SHM_RO = 1, A_PIPE = 2, A_PIPE_RECV_ONLY = 3, A_VIRQ = 4 };
enum { B_SHM = 0, B_PIPE = 1 };

static struct vm *a, *b;

static void setup_vms(void) {
    struct sd_system sys = test_system(128, 1);
    sys.vms[0].name = "a";
    struct sd_cap *ca = sys.vms[0].caps;
    ca[A_SHM] = (struct sd_cap){.type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE,
                                .object = "shm", .gpa = SHM_A};
    ca[A_SHM_RO] = (struct sd_cap){.type = CAP_MEMORY, .rights = CAP_R_READ, .object = "shm",
                                   .gpa = SHM_A_RO};
    ca[A_PIPE] = (struct sd_cap){.type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV,
                                 .object = "pipe"};
    ca[A_PIPE_RECV_ONLY] = (struct sd_cap){.type = CAP_CHANNEL, .rights = CAP_R_RECV,
                                           .object = "pipe"};
    ca[A_VIRQ] = (struct sd_cap){.type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "b"};
    sys.vms[1] = (struct sd_vm){.name = "b", .image = test_image(), .ram_kb = 64, .max_prio = 5,
                                .nvcpus = 1, .vcpus = {{.prio = 5}}};
    sys.vms[1].caps[B_SHM] = (struct sd_cap){.type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE,
                                             .object = "shm", .gpa = SHM_B};
    sys.vms[1].caps[B_PIPE] = (struct sd_cap){.type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV,
                                              .object = "pipe"};
    sys.regions[0] = (struct sd_region){.name = "shm", .size_kb = SHM_KB};
    sys.channels[0] = (struct sd_channel){.name = "pipe", .ends = {{.vm = "a", .line = LINE_A},
                                                                   {.vm = "b", .line = LINE_B}}};
    test_load(&sys);
    a = vm_find("a");
    b = vm_find("b");
}

/* Hypercall @p nr made by vCPU 0 of @p vm. */
static int32_t hc(struct vm *vm, uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2) {
    return unit_hypercall(&vm->vcpus[0], nr, a0, a1, a2, 0);
}

__attribute__((unused)) static uint32_t pending(struct vm *vm) { return vm->vcpus[0].shared->virq_pending; }
__attribute__((unused)) static char *at(struct vm *vm, uint32_t gpa) { return test_guest_ptr(vm, gpa); }

START_TEST(shared_region_is_shared) {
    const uint32_t R = MV_MAP_READ, W = MV_MAP_WRITE;
    ck_assert_int_eq(hc(a, MV_HC_VMMU_MAP, 0x300000, SHM_A + MV_PAGE_SIZE, R | W), 0);
    ck_assert_int_eq(hc(b, MV_HC_VMMU_MAP, 0x300000, SHM_B + MV_PAGE_SIZE, R), 0);
    paddr_t pa_a, pa_b;
    uint32_t f;
    ck_assert_int_eq(pt_lookup(vmmu_kernel_space(a), 0x300000, &pa_a, &f), 0);
    ck_assert_int_eq(pt_lookup(vmmu_kernel_space(b), 0x300000, &pa_b, &f), 0);
    ck_assert_uint_eq(pa_a, pa_b);   /* the same physical page */
    ck_assert_uint_eq(pa_a, a->caps[A_SHM].region->pa + MV_PAGE_SIZE);
    ck_assert_uint_eq(f, R);
}
END_TEST

START_TEST(region_rights_and_bounds) {
    const uint32_t R = MV_MAP_READ, W = MV_MAP_WRITE, X = MV_MAP_EXEC;
    ck_assert_int_eq(hc(a, MV_HC_VMMU_MAP, 0x300000, SHM_A, R | X), MV_EPERM);   /* no EXEC right */
    ck_assert_int_eq(hc(a, MV_HC_VMMU_MAP, 0x300000, SHM_A_RO, R | W), MV_EPERM);
    ck_assert_int_eq(hc(a, MV_HC_VMMU_MAP, 0x300000, SHM_A_RO, R), 0);
    ck_assert_int_eq(hc(a, MV_HC_VMMU_MAP, 0x301000, SHM_A + SHM_KB * 1024, R), MV_ERANGE);
    ck_assert_int_eq(hc(a, MV_HC_VMMU_MAP, 0x301000, SHM_A - MV_PAGE_SIZE, R), MV_ERANGE);
    ck_assert_int_eq(hc(a, MV_HC_VMMU_MAP, 0x301000, 0x80000000u, R), MV_ERANGE);
    ck_assert_int_eq(hc(b, MV_HC_VMMU_MAP, 0x301000, SHM_A, R), MV_ERANGE);   /* a's gpa, not b's */
}
END_TEST

TCase *channel_tcase(void) {
    TCase *tc = unit_tcase("channel");
    tcase_add_checked_fixture(tc, setup_vms, NULL);
    tcase_add_test(tc, shared_region_is_shared);
    tcase_add_test(tc, region_rights_and_bounds);
    return tc;
}
