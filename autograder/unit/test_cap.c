/* test_cap.c - cap_lookup(): the one gate between a guest's cap index and an object. */
#include "unit.h"
#include "core/cap.h"
#include "mv/abi.h"

static struct vm vm;   /* a bare VM: cap_lookup() only reads the cap table */

static void setup_caps(void) {
    vm = (struct vm){0};
    vm.caps[0] = (struct cap){.type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = &vm.vcpus[1]};
    vm.caps[3] = (struct cap){.type = CAP_VIRQ, .rights = CAP_R_RAISE, .vcpu = &vm.vcpus[0],
                              .line = 7};
    vm.caps[4] = (struct cap){.type = CAP_VIRQ, .rights = 0, .vcpu = &vm.vcpus[0], .line = 8};
    vm.caps[MV_MAX_CAPS - 1] = (struct cap){.type = CAP_VCPU, .rights = CAP_R_CONTROL | CAP_R_RAISE,
                                            .vcpu = &vm.vcpus[2]};
}

/* Expect the lookup to fail with @p want, and to say so in err. */
static void expect_fail(uint32_t index, enum cap_type type, uint32_t rights, int want) {
    int err = 12345;
    const struct cap *c = cap_lookup(&vm, index, type, rights, &err);
    ck_assert_msg(c == NULL, "cap %u (type %d, rights 0x%x) should fail", index, type, rights);
    ck_assert_int_eq(err, want);
}

START_TEST(empty_slot_is_ecap) {
    setup_caps();
    expect_fail(1, CAP_VCPU, CAP_R_CONTROL, MV_ECAP);
    expect_fail(1, CAP_VIRQ, 0, MV_ECAP);
    expect_fail(1, CAP_NONE, 0, MV_ECAP);   /* an empty slot is not a "CAP_NONE object" */
}
END_TEST

START_TEST(out_of_range_index_is_ecap) {
    setup_caps();
    const uint32_t bad[] = {MV_MAX_CAPS, MV_MAX_CAPS + 1, 0x7fffffffu, 0x80000000u,
                            0xfffffff0u, 0xffffffffu};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_fail(bad[i], CAP_VCPU, CAP_R_CONTROL, MV_ECAP);
}
END_TEST

START_TEST(wrong_type_is_ecap) {
    setup_caps();
    expect_fail(0, CAP_VIRQ, 0, MV_ECAP);
    expect_fail(3, CAP_VCPU, 0, MV_ECAP);
}
END_TEST

START_TEST(missing_right_is_eperm) {
    setup_caps();
    expect_fail(4, CAP_VIRQ, CAP_R_RAISE, MV_EPERM);
    expect_fail(0, CAP_VCPU, CAP_R_CONTROL | CAP_R_RAISE, MV_EPERM);
    expect_fail(3, CAP_VIRQ, CAP_R_RAISE | CAP_R_CONTROL, MV_EPERM);
}
END_TEST

START_TEST(good_cap_returns_the_object) {
    setup_caps();
    int err = 12345;
    const struct cap *c = cap_lookup(&vm, 0, CAP_VCPU, CAP_R_CONTROL, &err);
    ck_assert_ptr_eq(c, &vm.caps[0]);
    ck_assert_int_eq(err, MV_EOK);
    ck_assert_ptr_eq(c->vcpu, &vm.vcpus[1]);

    c = cap_lookup(&vm, 3, CAP_VIRQ, CAP_R_RAISE, &err);
    ck_assert_ptr_eq(c, &vm.caps[3]);
    ck_assert_uint_eq(c->line, 7);

    c = cap_lookup(&vm, MV_MAX_CAPS - 1, CAP_VCPU, CAP_R_CONTROL, &err);   /* the last slot */
    ck_assert_ptr_eq(c, &vm.caps[MV_MAX_CAPS - 1]);
    ck_assert_ptr_eq(c->vcpu, &vm.vcpus[2]);
}
END_TEST

TCase *cap_tcase(void) {
    TCase *tc = unit_tcase("cap_lookup");
    tcase_add_test(tc, empty_slot_is_ecap);
    tcase_add_test(tc, out_of_range_index_is_ecap);
    tcase_add_test(tc, wrong_type_is_ecap);
    tcase_add_test(tc, missing_right_is_eperm);
    tcase_add_test(tc, good_cap_returns_the_object);
    return tc;
}
