/*
 * test_channel.c - shared memory regions (memory caps) and channels, through
 * hypercall_dispatch(): what one VM may map and send, and what the other sees. The
 * receive rings here are written by hand (test_ring_post()), so these tests need the
 * microvisor's side of channels only, not the guest ring library.
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
enum { A_SHM = 0, A_SHM_RO = 1, A_PIPE = 2, A_PIPE_RECV_ONLY = 3, A_VIRQ = 4,
       A_PIPE_SEND_ONLY = 5 };
#define RING_B 0x8000u   /* a receive ring (b's; a's at the same address) */
#define RING_N 4u
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
    ca[A_PIPE_SEND_ONLY] = (struct sd_cap){.type = CAP_CHANNEL, .rights = CAP_R_SEND,
                                           .object = "pipe"};
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

/* ---- the rings of the tests: written as the receiver's library would ---- */

struct mv_chan_ring *test_ring_init(const struct vm *vm, uint32_t gpa, uint32_t n) {
    struct mv_chan_ring *r = test_guest_ptr(vm, gpa);
    memset(r, 0, MV_CHAN_RING_BYTES(n));
    return r;
}

void test_ring_post(struct mv_chan_ring *r, uint32_t n, uint32_t addr, uint32_t size) {
    r->desc[r->posted & (n - 1)] = (struct mv_chan_desc){.addr = addr, .size = size};
    r->posted++;
}

/* @p vm's ring, registered through its cap @p cap, with one buffer of 64 bytes at @p buf
 * posted. */
static struct mv_chan_ring *ring_with_buffer(struct vm *vm, uint32_t cap, uint32_t buf) {
    struct mv_chan_ring *r = test_ring_init(vm, RING_B, RING_N);
    ck_assert_int_eq(hc(vm, MV_HC_CHAN_REGISTER, cap, RING_B, RING_N), 0);
    test_ring_post(r, RING_N, buf, 64);
    return r;
}

START_TEST(register_checks_ring) {
    const uint32_t REG = MV_HC_CHAN_REGISTER;
    const uint32_t bad_counts[] = {0, 3, MV_CHAN_RING_MAX + 1, 6, 2 * MV_CHAN_RING_MAX};
    for (unsigned i = 0; i < sizeof bad_counts / sizeof bad_counts[0]; i++)
        ck_assert_int_eq(hc(b, REG, B_PIPE, RING_B, bad_counts[i]), MV_EINVAL);
    ck_assert_int_eq(hc(b, REG, B_PIPE, RING_B + 2, RING_N), MV_EINVAL);
    ck_assert_int_eq(hc(b, REG, B_PIPE, 0x10, RING_N), MV_EFAULT);          /* page 0 */
    ck_assert_int_eq(hc(b, REG, B_PIPE, 0xfff0, RING_N), MV_EFAULT);        /* past RAM */
    ck_assert_int_eq(hc(b, REG, B_PIPE, 0xc0000000u, RING_N), MV_EFAULT);
    ck_assert_int_eq(hc(b, MV_HC_VMMU_MAP, 0x9000, 0x9000, MV_MAP_READ), 0);
    ck_assert_int_eq(hc(b, REG, B_PIPE, 0x9000, RING_N), MV_EFAULT);        /* read-only */
    ck_assert_int_eq(hc(b, REG, B_PIPE, 0x9000 - 16, RING_N), MV_EFAULT);   /* runs into it */
    ck_assert_int_eq(hc(b, MV_HC_CHAN_POSTED, B_PIPE, 0, 0), MV_EBUSY);   /* still no ring */
    struct mv_chan_ring *big = test_ring_init(b, 0xa000, MV_CHAN_RING_MAX);
    big->filled = 7;   /* stale: registering resets it */
    ck_assert_int_eq(hc(b, REG, B_PIPE, 0xa000, MV_CHAN_RING_MAX), 0);
    ck_assert_uint_eq(big->filled, 0);
    ck_assert_int_eq(hc(b, REG, B_PIPE, 0, 0), 0);                         /* unregistered */
    ck_assert_int_eq(hc(b, MV_HC_CHAN_POSTED, B_PIPE, 0, 0), MV_EBUSY);
}
END_TEST

/* (Without a send or a POSTED that reaches a ring: these hold without lab 4.) */
START_TEST(channel_caps_and_rights) {
    ck_assert_int_eq(hc(a, MV_HC_CHAN_REGISTER, A_PIPE_SEND_ONLY, RING_B, RING_N), MV_EPERM);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_POSTED, A_PIPE_SEND_ONLY, 0, 0), MV_EPERM);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE_RECV_ONLY, 0x8000, 4), MV_EPERM);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_REGISTER, A_SHM, RING_B, RING_N), MV_ECAP);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_POSTED, A_VIRQ, 0, 0), MV_ECAP);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_SHM, 0x8000, 4), MV_ECAP);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, 99, 0x8000, 4), MV_ECAP);
    ck_assert_int_eq(hc(a, MV_HC_CHAN_POSTED, A_PIPE_RECV_ONLY, 0, 0), MV_EBUSY);   /* RECV is */
    ck_assert_int_eq(hc(a, MV_HC_CHAN_REGISTER, A_PIPE_RECV_ONLY, RING_B, RING_N), 0); /* enough */
}
END_TEST

/* @p from sends @p text on its cap @p cap: it lands in @p to's buffer @p buf, the first
 * descriptor of ring @p r. */
static void expect_sent(struct vm *from, uint32_t cap, const char *text, struct vm *to,
                        uint32_t buf, const struct mv_chan_ring *r) {
    int32_t len = (int32_t)strlen(text);
    strcpy(at(from, 0x7000), text);
    ck_assert_int_eq(hc(from, MV_HC_CHAN_SEND, cap, 0x7000, (uint32_t)len), len);
    ck_assert_int_eq(memcmp(at(to, buf), text, (size_t)len), 0);
    ck_assert_uint_eq(r->filled, 1);
    ck_assert_int_eq(r->desc[0].len, len);
}

/* Each end has its own ring: a message goes into the peer's, never back into one's own;
 * the SEND right is enough to send. */
START_TEST(round_trip_both_directions) {
    struct mv_chan_ring *rb = ring_with_buffer(b, B_PIPE, 0x9000);
    struct mv_chan_ring *ra = ring_with_buffer(a, A_PIPE_RECV_ONLY, 0xa000);
    expect_sent(a, A_PIPE_SEND_ONLY, "ping", b, 0x9000, rb);
    ck_assert_uint_eq(ra->filled, 0);
    expect_sent(b, B_PIPE, "pong!", a, 0xa000, ra);
    ck_assert_uint_eq(rb->filled, 1);
    ck_assert_uint_eq(pending(a) | pending(b), 0);   /* neither asked for a vIRQ */
}
END_TEST

START_TEST(stopped_peer_takes_nothing) {
    struct mv_chan_ring *rb = ring_with_buffer(b, B_PIPE, 0x9000);
    memset(at(b, 0x9000), 0, 64);
    vm_stop(b, 0, "test");
    ck_assert_int_eq(hc(a, MV_HC_CHAN_SEND, A_PIPE, 0x7000, 4), MV_EBUSY);
    ck_assert_uint_eq(rb->filled, 0);
    ck_assert_uint_eq(at(b, 0x9000)[0], 0);
}
END_TEST

TCase *channel_tcase(void) {
    TCase *tc = unit_tcase("channel");
    tcase_add_checked_fixture(tc, setup_vms, NULL);
    tcase_add_test(tc, shared_region_is_shared);
    tcase_add_test(tc, region_rights_and_bounds);
    tcase_add_test(tc, register_checks_ring);
    tcase_add_test(tc, channel_caps_and_rights);
    tcase_add_test(tc, round_trip_both_directions);
    tcase_add_test(tc, stopped_peer_takes_nothing);
    return tc;
}
