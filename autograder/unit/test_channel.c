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

static uint32_t pending(struct vm *vm) { return vm->vcpus[0].shared->virq_pending; }
static char *at(struct vm *vm, uint32_t gpa) { return test_guest_ptr(vm, gpa); }

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

START_TEST(send_needs_a_posted_buffer) {
    strcpy(at(a, 0x8000), "hello");
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 5), MV_EBUSY);
    ck_assert_uint_eq(pending(b), 0);
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x4000, 64), 0);   /* posts: nothing yet */
    ck_assert_uint_eq(pending(a), 1u << LINE_A);                      /* "you may send" */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 5), 5);
    ck_assert_uint_eq(pending(b), 1u << LINE_B);
    ck_assert_int_eq(memcmp(at(b, 0x4000), "hello", 5), 0);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 5), MV_EBUSY);   /* full */
    strcpy(at(a, 0x8000), "world");
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x5000, 64), 5);   /* takes it, reposts */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 5), 5);
    ck_assert_int_eq(memcmp(at(b, 0x5000), "world", 5), 0);
    ck_assert_int_eq(memcmp(at(b, 0x4000), "hello", 5), 0);   /* the old buffer untouched */
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0, 0), 5);   /* takes it, posts none */
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0, 0), 0);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 5), MV_EBUSY);
}
END_TEST

START_TEST(send_checks_its_arguments) {
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x4000, 16), 0);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 0), MV_EINVAL);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 17), MV_ERANGE);   /* > buffer */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, MV_CHAN_MAX + 1), MV_ERANGE);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x10, 4), MV_EFAULT);          /* page 0 */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0xc0000000u, 4), MV_EFAULT);   /* kernel */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0xfffffffcu, 8), MV_EFAULT);   /* wraps */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE_RECV_ONLY, 0x8000, 4), MV_EPERM);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_SHM, 0x8000, 4), MV_ECAP);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_VIRQ, 0x8000, 4), MV_ECAP);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, 99, 0x8000, 4), MV_ECAP);
    ck_assert_uint_eq(pending(b), 0);   /* nothing was delivered */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 16), 16);
}
END_TEST

START_TEST(recv_checks_its_arguments) {
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x10, 16), MV_EFAULT);
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0xfff0, 64), MV_EFAULT);   /* runs past RAM */
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x4000, MV_CHAN_MAX + 1), MV_ERANGE);
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_SHM, 0x4000, 16), MV_ECAP);
    ck_assert_uint_eq(pending(a), 0);   /* no buffer was posted */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 4), MV_EBUSY);
    ck_assert_int_eq(hc(b, MV_HC_VMMU_MAP, 0x4000, 0x4000, MV_MAP_READ), 0);   /* read-only */
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x4000, 16), MV_EFAULT);
}
END_TEST

/* The receiver may unmap its buffer after posting it: the sender sees no buffer. */
START_TEST(receiver_unmapped_its_buffer) {
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x4000, 16), 0);
    ck_assert_int_eq(hc(b, MV_HC_VMMU_UNMAP, 0x4000, 0, 0), 0);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 8), MV_EBUSY);
    ck_assert_int_eq(hc(b, MV_HC_VMMU_MAP, 0x4000, 0x4000, MV_MAP_READ | MV_MAP_WRITE), 0);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 8), MV_EBUSY);   /* unposted */
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x4000, 16), 0);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 8), 8);
}
END_TEST

/* A long message crossing page boundaries on both sides arrives intact: one copy. */
START_TEST(long_message_crosses_pages) {
    const uint32_t len = 3 * MV_PAGE_SIZE + 100;
    for (uint32_t i = 0; i < len; i++)
        at(a, 0x8010)[i] = (char)test_pattern(9, i);
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x2ff0, len), 0);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8010, len), (int32_t)len);
    ck_assert_int_eq(memcmp(at(b, 0x2ff0), at(a, 0x8010), len), 0);
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0, 0), (int32_t)len);
}
END_TEST

/* Both directions are independent; a stopped peer takes nothing. */
START_TEST(both_directions_and_stopped_peer) {
    ck_assert_int_eq(hc(a, MV_HC_CHAN_RECV, A_PIPE, 0x9000, 8), 0);
    ck_assert_uint_eq(pending(b), 1u << LINE_B);
    strcpy(at(b, 0x6000), "pong");
    ck_assert_int_eq(hc(b, MV_HC_CHAN_SEND, B_PIPE, 0x6000, 4), 4);
    ck_assert_int_eq(memcmp(at(a, 0x9000), "pong", 4), 0);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 4), MV_EBUSY);   /* b posted nothing */
    ck_assert_int_eq(hc(b, MV_HC_CHAN_RECV, B_PIPE, 0x4000, 8), 0);
    vm_stop(b, 0, "test");
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x8000, 4), MV_EBUSY);
}
END_TEST

TCase *channel_tcase(void) {
    TCase *tc = unit_tcase("channel");
    tcase_add_checked_fixture(tc, setup_vms, NULL);
    tcase_add_test(tc, shared_region_is_shared);
    tcase_add_test(tc, region_rights_and_bounds);
    tcase_add_test(tc, send_needs_a_posted_buffer);
    tcase_add_test(tc, send_checks_its_arguments);
    tcase_add_test(tc, recv_checks_its_arguments);
    tcase_add_test(tc, receiver_unmapped_its_buffer);
    tcase_add_test(tc, long_message_crosses_pages);
    tcase_add_test(tc, both_directions_and_stopped_peer);
    return tc;
}
