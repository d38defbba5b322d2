/*
 * test_irq.c - IRQ routes: a hardware interrupt masked and turned into a vIRQ for the
 * VM that owns the device, unmasked when that VM acknowledges it.
 */
#include <string.h>
#include "unit.h"
#include "core/hypercall.h"
#include "core/irq.h"
#include "core/sched.h"
#include "core/system.h"
#include "core/vmmu.h"

#define IRQ  DOUBLE_ROUTABLE_IRQ
#define LINE 6u
enum { A_IRQ = 0, A_IRQ_NORIGHT = 1, A_VCPU = 2 };

static struct vm *a, *b;

static struct sd_system routed_system(void) {
    struct sd_system sys = test_system(64, 1);
    sys.vms[0].name = "a";
    sys.vms[0].caps[A_IRQ] = (struct sd_cap){.type = CAP_IRQ, .rights = CAP_R_ACK, .irq = IRQ};
    sys.vms[0].caps[A_IRQ_NORIGHT] = (struct sd_cap){.type = CAP_IRQ, .irq = IRQ};
    sys.vms[0].caps[A_VCPU] = (struct sd_cap){.type = CAP_VCPU, .rights = CAP_R_CONTROL};
    sys.vms[1] = (struct sd_vm){.name = "b", .image = test_image(), .ram_kb = 64, .max_prio = 5,
                                .nvcpus = 1, .vcpus = {{.prio = 5}}};
    sys.irq_routes[0] = (struct sd_irq_route){.vm = "a", .irq = IRQ, .line = LINE};
    return sys;
}

static void setup_vms(void) {
    struct sd_system sys = routed_system();
    test_load(&sys);
    a = vm_find("a");
    b = vm_find("b");
}

static int32_t hc(struct vm *vm, uint32_t nr, uint32_t a0) {
    return unit_hypercall(&vm->vcpus[0], nr, a0, 0, 0, 0);
}

static bool unmasked(uint32_t irq) { return (double_irq_unmasked >> irq) & 1u; }

START_TEST(route_is_loaded_unmasked_and_owned) {
    ck_assert(unmasked(IRQ));
    ck_assert_uint_eq(irq_route_count, 1);
    ck_assert_ptr_eq(a->caps[A_IRQ].route, &irq_routes[0]);
    ck_assert_uint_ne(vmmu_kernel_space(a)->devices, 0);   /* only the owner may touch the device */
    ck_assert_uint_eq(vmmu_kernel_space(b)->devices, 0);
    ck_assert(irq_waiting());
}
END_TEST

START_TEST(firing_masks_and_raises) {
    sched_block(&a->vcpus[0], 0);   /* waiting with no timeout */
    irq_deliver(IRQ);
    ck_assert(!unmasked(IRQ));
    ck_assert_uint_eq(a->vcpus[0].shared->virq_pending, 1u << LINE);
    ck_assert_int_eq(a->vcpus[0].state, VCPU_RUNNABLE);   /* woken */
    ck_assert(!irq_waiting());   /* masked: nothing more can come until the ack */
    ck_assert_int_eq(hc(a, MV_HC_IRQ_ACK, A_IRQ), 0);
    ck_assert(unmasked(IRQ));
    ck_assert_int_eq(hc(a, MV_HC_IRQ_ACK, A_IRQ), 0);   /* a second ack changes nothing */
    ck_assert(unmasked(IRQ));
}
END_TEST

START_TEST(ack_needs_the_cap) {
    irq_deliver(IRQ);
    ck_assert_int_eq(hc(a, MV_HC_IRQ_ACK, A_IRQ_NORIGHT), MV_EPERM);
    ck_assert_int_eq(hc(a, MV_HC_IRQ_ACK, A_VCPU), MV_ECAP);
    ck_assert_int_eq(hc(a, MV_HC_IRQ_ACK, 99), MV_ECAP);
    ck_assert_int_eq(hc(b, MV_HC_IRQ_ACK, A_IRQ), MV_ECAP);   /* b has no such cap */
    ck_assert(!unmasked(IRQ));
}
END_TEST

START_TEST(unrouted_or_stopped) {
    arch_irq_unmask(40);
    irq_deliver(40);   /* no route: masked for good, and said so */
    ck_assert(!unmasked(40));
    ck_assert_ptr_nonnull(strstr(double_console(), "interrupt 40 has no route"));
    vm_stop(a, 0, "test");
    ck_assert(!irq_waiting());   /* its owner is gone */
    irq_deliver(IRQ);
    ck_assert_uint_eq(a->vcpus[0].shared->virq_pending, 0);
}
END_TEST

/* ---- the description ---- */

static void expect_refused(struct sd_system *sys, const char *keyword) {
    char err[160] = "";
    ck_assert_int_eq(system_validate(sys, err, sizeof err), MV_EINVAL);
    ck_assert_msg(strstr(err, keyword), "message '%s' should mention '%s'", err, keyword);
}

START_TEST(bad_routes_are_refused) {
    struct sd_system sys = routed_system();
    sys.irq_routes[0].vm = "c";
    expect_refused(&sys, "no VM called 'c'");
    sys = routed_system();
    sys.irq_routes[0].irq = 30;   /* the scheduler's timer */
    sys.vms[0].caps[A_IRQ].irq = sys.vms[0].caps[A_IRQ_NORIGHT].irq = 30;
    expect_refused(&sys, "interrupt 30 cannot be routed");
    sys = routed_system();
    sys.irq_routes[1] = sys.irq_routes[0];
    sys.irq_routes[1].vm = "b";
    expect_refused(&sys, "routed twice");
    sys = routed_system();
    sys.irq_routes[0].vcpu = 1;
    expect_refused(&sys, "no vCPU 1");
    sys = routed_system();
    sys.irq_routes[0].line = MV_VIRQ_LINES;
    expect_refused(&sys, "line 31");
    sys = routed_system();
    sys.vms[1].caps[0] = (struct sd_cap){.type = CAP_IRQ, .rights = CAP_R_ACK, .irq = IRQ};
    expect_refused(&sys, "vm 'b' cap 0: interrupt 27 is not routed to this VM");
    sys = routed_system();
    sys.vms[0].caps[A_IRQ].rights |= CAP_R_SEND;
    expect_refused(&sys, "only the ACK right");
}
END_TEST

TCase *irq_tcase(void) {
    TCase *tc = unit_tcase("irq");
    tcase_add_test(tc, bad_routes_are_refused);
    tcase_add_checked_fixture(tc, setup_vms, NULL);
    tcase_add_test(tc, route_is_loaded_unmasked_and_owned);
    tcase_add_test(tc, firing_masks_and_raises);
    tcase_add_test(tc, ack_needs_the_cap);
    tcase_add_test(tc, unrouted_or_stopped);
    return tc;
}
