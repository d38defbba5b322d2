/*
 * test_port_mmu.c - lab 5's graded unit tests of the port's memory side and its tick:
 * port_fault_in() maps what the kernel says, the copies to and from a process go in
 * chunks the microvisor accepts and map the pages they miss (a bounded number of times),
 * and the tick is periodic without drift and without a burst after a long pause.
 */
#include "port_fake.h"

#define VA 0x00403ffcu     /* a user address near the end of its page */
#define PAGE 0x00403000u
#define FRAME 0x00900000u

static void setup(void) { fake_reset(); }

/* ---- lab5_unit_fault_in ---- */

/* port_fault_in(a, VA, PORT_READ) returns @p want, having mapped @p maps pages. */
static void expect_fault_in(int want, unsigned maps, const char *when) {
    enum fake_end end = fake_fault_in(&th_a, VA, PORT_READ);
    expect_end(end, END_RETURNED, "port_fault_in");
    REQUIRE(fake.rc == want, "%s, port_fault_in should return %d but returned %d", when,
            want, fake.rc);
    REQUIRE(fake.log.nmaps == maps, "%s, port_fault_in should call mv_ctx_map %u times, "
            "not %u", when, maps, fake.log.nmaps);
    fake_clear_log();
}

START_TEST(test_fault_in_maps) {
    fake.fault_pa = FRAME, fake.fault_rights = PORT_READ | PORT_EXEC;
    enum fake_end end = fake_fault_in(&th_a, VA, PORT_READ);
    expect_end(end, END_RETURNED, "port_fault_in(a, 0x403ffc, PORT_READ)");
    const struct fake_kcall *k = expect_one_kcall("kern_page_fault", &th_a,
                                                  "in port_fault_in(a, ...)");
    REQUIRE(k->addr == VA && k->access == PORT_READ, "kern_page_fault should get the "
            "address 0x%x and access %u, but got 0x%x and %u", VA, PORT_READ, k->addr,
            k->access);
    const struct fake_map *m = &fake.log.maps[0];
    REQUIRE(fake.log.nmaps == 1 && m->ctx == 1 && m->va == PAGE && m->pa == FRAME &&
            m->rights == 5, "port_fault_in should call mv_ctx_map(1, 0x%x, 0x%x, 5) once "
            "(a's context, the page-aligned address, the kernel's page and rights), but "
            "made %u calls, the first (%u, 0x%x, 0x%x, %u)", PAGE, FRAME, fake.log.nmaps,
            m->ctx, m->va, m->pa, m->rights);
    REQUIRE(fake.rc == 0, "port_fault_in should return 0 once the page is mapped, not %d",
            fake.rc);
}
END_TEST

START_TEST(test_fault_in_kernel_refuses) {
    fake.fault_rc = -LX_EFAULT;
    expect_fault_in(-LX_EFAULT, 0, "when kern_page_fault refuses (-LX_EFAULT)");
    fake.fault_rc = -LX_ENOMEM;
    expect_fault_in(-LX_ENOMEM, 0, "when kern_page_fault has no memory (-LX_ENOMEM)");
}
END_TEST

START_TEST(test_fault_in_map_fails) {
    fake.map_rc = MV_ENOMEM;
    expect_fault_in(-LX_ENOMEM, 1, "when mv_ctx_map fails with MV_ENOMEM (the VM's quota "
                    "of page tables is used up)");
    fake.map_rc = MV_EINVAL;
    expect_fault_in(-LX_EFAULT, 1, "when mv_ctx_map fails with MV_EINVAL");
}
END_TEST

/* ---- lab5_unit_copy_user ---- */

#define UVA 0x00010003u   /* an unaligned user buffer */
#define BIG (2u * MV_COPY_MAX + 100u)
static uint8_t kbuf[BIG];

static const char *dir_name(bool to_user) {
    return to_user ? "port_copy_to_user" : "port_copy_from_user";
}

/* Copy @p len bytes at @p uva in direction @p to_user; the port returns @p want. */
static void expect_copy(bool to_user, uint32_t uva, uint32_t len, int want, const char *when) {
    enum fake_end end = fake_copy(to_user, &th_a, uva, kbuf, len);
    expect_end(end, END_RETURNED, dir_name(to_user));
    REQUIRE(fake.rc == want, "%s, %s(a, 0x%x, %u bytes) should return %d but returned %d",
            when, dir_name(to_user), uva, len, want, fake.rc);
}

START_TEST(test_copy_in_chunks) {
    for (int to_user = 0; to_user < 2; to_user++) {
        fake_clear_log();
        expect_copy(to_user, UVA, BIG, 0, "with every page mapped");
        uint32_t nr = to_user ? MV_HC_COPY_TO_CTX : MV_HC_COPY_FROM_CTX;
        REQUIRE(fake.log.ncopies == 3, "%s of %u bytes should make 3 copies of at most "
                "MV_COPY_MAX (%u) bytes, but made %u", dir_name(to_user), BIG, MV_COPY_MAX,
                fake.log.ncopies);
        for (uint32_t i = 0, off = 0; i < 3; i++) {
            const struct fake_copy *c = &fake.log.copies[i];
            uint32_t len = i < 2 ? MV_COPY_MAX : 100u;
            REQUIRE(c->nr == nr && c->ctx == 1 && c->uva == UVA + off &&
                    c->kbuf == kbuf + off && c->len == len, "%s: copy %u should be "
                    "mv_copy_ctx(%u, ctx 1, 0x%x, kbuf + %u, %u) but was (%u, ctx %u, 0x%x, "
                    "kbuf + %td, %u)", dir_name(to_user), i, nr, UVA + off, off, len, c->nr,
                    c->ctx, c->uva, (const uint8_t *)c->kbuf - kbuf, c->len);
            off += len;
        }
    }
}
END_TEST

START_TEST(test_copy_faults_pages_in) {
    for (int to_user = 0; to_user < 2; to_user++) {
        fake_clear_log();
        fake.missing[0] = 0x00012000u;   /* in the first chunk, not its first page */
        expect_copy(to_user, UVA, 3 * MV_PAGE_SIZE, 0, "when one page is not mapped yet");
        uint32_t access = to_user ? PORT_WRITE : PORT_READ;
        const struct fake_kcall *k = expect_one_kcall("kern_page_fault", &th_a, "when a copy "
                                                      "meets a page not mapped");
        REQUIRE(k->addr == 0x00012000u && k->access == access, "the copy failed at 0x12000 "
                "(MV_EFAULT, the address in *bad): %s should fault it in with "
                "kern_page_fault(a, 0x12000, %u), not (0x%x, %u)", dir_name(to_user), access,
                k->addr, k->access);
        REQUIRE(fake.log.ncopies == 2 && fake.log.copies[1].uva == UVA &&
                fake.log.copies[1].len == 3 * MV_PAGE_SIZE, "once the page is mapped, %s "
                "should retry the same copy (0x%x, %u bytes) and stop: it made %u copies",
                dir_name(to_user), UVA, 3 * MV_PAGE_SIZE, fake.log.ncopies);
    }
}
END_TEST

START_TEST(test_copy_refused) {
    fake.missing[0] = 0x00012000u;
    fake.fault_rc = -LX_EFAULT;
    expect_copy(false, UVA, 3 * MV_PAGE_SIZE, -LX_EFAULT, "when the kernel refuses the "
                "missing page");
    static const struct { uint32_t uva, len; const char *what; } bad[] = {
        {MV_GUEST_VA_LIMIT - 8u, 16u, "a range that reaches MV_GUEST_VA_LIMIT"},
        {MV_GUEST_VA_LIMIT, 1u, "a kernel address"},
        {0xfffffff0u, 0x20u, "a range that wraps around"},
        {0x1000u, 0xfffff000u, "a range whose end wraps to 0"},
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fake_clear_log();
        expect_copy(true, bad[i].uva, bad[i].len, -LX_EFAULT, bad[i].what);
        REQUIRE(fake.log.ncopies == 0, "for %s (0x%x, %u bytes), the port should return "
                "-LX_EFAULT without a hypercall: it is not user memory", bad[i].what,
                bad[i].uva, bad[i].len);
    }
}
END_TEST

/* The microvisor forgets the page at once, each time: the port must give up. */
START_TEST(test_copy_retries_bounded) {
    fake.evicting = true;
    expect_copy(false, UVA, 100u, -LX_EFAULT, "when every copy faults though the kernel "
                "maps the page each time");
    REQUIRE(fake.log.ncopies > 1, "the copy faulted once: the port should fault the page "
            "in and retry before it gives up, but it made %u copy", fake.log.ncopies);
}
END_TEST

/* ---- lab5_unit_tick ---- */

#define T0 5000000123ull   /* mv_time() at port_tick_start */

static void expect_armed(uint64_t deadline, const char *when) {
    REQUIRE(fake.log.timer_sets == 1 && fake.log.deadline == deadline &&
            fake.log.timer_line == PORT_TICK_LINE, "%s, the port should arm the timer once "
            "with mv_vtimer_set(%llu, line %u), but it was set %u times, last (%llu, line "
            "%u)", when, (unsigned long long)deadline, PORT_TICK_LINE, fake.log.timer_sets,
            (unsigned long long)fake.log.deadline, fake.log.timer_line);
}

/* Start the tick at T0, then a tick comes when mv_time() is @p now. */
static void tick_at(uint64_t now) {
    fake.now = T0;
    expect_end(fake_tick_start(), END_RETURNED, "port_tick_start");
    fake_clear_log();
    fake.now = now;
    fake.state.virq_pending = 1u << PORT_TICK_LINE;
    expect_end(fake_tick_rearm(), END_RETURNED, "port_tick_rearm");
    REQUIRE(fake.log.ntakes == 1 && fake.log.taken[0] == PORT_TICK_LINE, "port_tick_rearm "
            "should take the tick's line (mv_virq_take(%u, ...)) once, but took %u lines",
            PORT_TICK_LINE, fake.log.ntakes);
}

START_TEST(test_tick_start) {
    fake.now = T0;
    expect_end(fake_tick_start(), END_RETURNED, "port_tick_start");
    expect_armed(T0 + PORT_TICK_NS, "at port_tick_start (mv_time() = 5000000123)");
    REQUIRE(fake.state.virq_enabled, "port_tick_start should enable vIRQ upcalls "
            "(state->virq_enabled = 1): without it no tick is ever delivered");
}
END_TEST

START_TEST(test_tick_rearm_without_drift) {
    tick_at(T0 + PORT_TICK_NS + 37000u);   /* the upcall came 37 us after the deadline */
    expect_armed(T0 + 2u * PORT_TICK_NS, "at a tick 37 us late");
    fake_clear_log();
    fake.now += PORT_TICK_NS + 5000u;
    expect_end(fake_tick_rearm(), END_RETURNED, "port_tick_rearm");
    expect_armed(T0 + 3u * PORT_TICK_NS, "at the next tick: one period after the previous "
                 "deadline, not after mv_time() (which drifts by each delay)");
}
END_TEST

START_TEST(test_tick_no_burst) {
    uint64_t now = T0 + 10u * PORT_TICK_NS + PORT_TICK_NS / 2u;
    tick_at(now);   /* the VM did not run for 10 periods */
    expect_armed(now + PORT_TICK_NS, "when the next deadline has passed already (10 ticks "
                 "missed), the next tick is one period from now: a missed tick is not made "
                 "up in a burst");
}
END_TEST

void port_mmu_add_tcases(Suite *s) {
    const TTest *const fault_in[] = {test_fault_in_maps, test_fault_in_kernel_refuses,
                                            test_fault_in_map_fails, NULL};
    const TTest *const copy[] = {test_copy_in_chunks, test_copy_faults_pages_in,
                                        test_copy_refused, test_copy_retries_bounded, NULL};
    const TTest *const tick[] = {test_tick_start, test_tick_rearm_without_drift,
                                        test_tick_no_burst, NULL};
    unit_add_tests(s, "lab5_unit_fault_in", "lab5 unit", setup, fault_in);
    unit_add_tests(s, "lab5_unit_copy_user", "lab5 unit", setup, copy);
    unit_add_tests(s, "lab5_unit_tick", "lab5 unit", setup, tick);
}
