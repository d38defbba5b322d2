/*
 * sc_fuzz.c - scenario of system test_vmmu_fuzz (VM "fuzzer"): a random hypercall fuzzer
 * that knows what every answer must be.
 *
 * Seeded by the run's nonce (a replay makes the same calls), it makes FUZZ_CALLS calls
 * in guest-kernel mode, picked among the hypercalls that return, with arguments where
 * bugs live: 0, page edges, the state window, 2 GiB, -1, one past each limit. For each,
 * its MODEL of abi.h gives the set of allowed results (when several errors apply, abi.h
 * does not say which wins: any of them); the call must give one of them and preserve
 * r1..r5. The model tracks the live contexts and each vCPU's, every mapping it made (in
 * its own space only inside a scratch window far from its image, so it never unmaps its
 * code, data or stack; in processes inside a few VA windows), and the bytes behind them.
 * The vMMU may evict a process table whenever its quota is full and abi.h does not say
 * which: then every process mapping is only "maybe" there, a copy may fault on any of
 * them, and the model learns from the answer. Every VERIFY_EVERY calls it reads all its
 * mappings back. "victim" (sc_fuzz_victim.c) checks no other VM is touched.
 *
 * This file is the driver: the PRNG, the choice of arguments, one function per family of
 * calls, and the result lines. The model it judges them with (state, allowed results,
 * call()) is fuzz_model.h.
 */
#include "fuzz_model.h"

#define FUZZ_CALLS 100000u
#define VERIFY_EVERY 4096u
#define PICK(...) \
    pick((const uint32_t[]){__VA_ARGS__}, sizeof((const uint32_t[]){__VA_ARGS__}) / 4u)

static volatile uint32_t v1_ready;   /* set by vCPU 1 (v1_main), read by vCPU 0 */
static volatile int32_t v1_rc;
static uint32_t copies_ok, enomem_seen;   /* reported: the run reached copies and ENOMEM */

/* Every choice of the run comes from this one PRNG, seeded by the nonce, and nothing
 * else (the model draws nothing): so one nonce always makes the same calls. */
static uint32_t seed;
static uint32_t rnd(void) {   /* xorshift32 */
    seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
    return seed;
}
static uint32_t pick(const uint32_t *v, uint32_t n) { return v[rnd() % n]; }

/* ---- arguments ---- */
static uint32_t pick_ctx(void) {
    uint32_t r = rnd() % 16;
    return r < 3 ? 0 : r < 13 ? 1 + rnd() % NCTX : PICK(NCTX + 1, NCTX + 2, ~0u, 0x80000000u);
}
static uint32_t pick_cap(void) {
    uint32_t c = rnd() % 10;
    return rnd() % 4 ? (c == CAP_DONE ? 7 : c) : PICK(NCAPS, NCAPS + 1, 0x80000000u, ~0u);
}
/* A VA of context c: mostly a tracked page, sometimes misaligned, anywhere (process
 * contexts only), or one the kernel must refuse. In our own space, only the scratch. */
static uint32_t pick_va(uint32_t c) {
    uint32_t r = rnd() % 16, skew = r == 11 || r == 12 ? 1 + rnd() % (PAGE - 1) : 0;
    if (r < 13)
        return page_va[c != 0][rnd() % (c ? npages[1] : kpages_now)] + skew;
    if (r < 15 && c)
        return rnd() & 0x7ffff000u;
    return PICK(STATE_WINDOW, MV_STATE_VA(0), 0x80000000u, 0xfffff000u, ~0u, 0x7fffbffcu);
}
static uint32_t pick_gpa(uint32_t flags) {
    uint32_t r = rnd() % 16, g = (uint32_t)pool[rnd() % POOL];
    if (r >= 9)
        g = r < 11 ? TEXT_GPA + rnd() % 2 * PAGE : r < 13 ? REGION_GPA + rnd() % 2 * PAGE
          : PICK(RAM_SIZE, REGION_GPA - PAGE, REGION_GPA + REGION_SIZE, 0x40000000u,
                 0x80000000u, 0xfffff000u, (uint32_t)pool[1] + 4, 1);
    if ((flags & W) && g < RAM_SIZE && !is_pool(g))
        g = (uint32_t)pool[rnd() % POOL];   /* only pool pages are ever writable */
    return g;
}
static uint32_t pick_kbuf(void) {   /* our side of COPY_* and CONSOLE_WRITE */
    uint32_t r = rnd() % 8;
    if (r < 5)
        return (uint32_t)kbuf + rnd() % PAGE;
    if (r < 7)
        return page_va[0][rnd() % kpages_now] + (r == 6 ? rnd() % PAGE : 0);
    return PICK(0, 0x800, RAM_SIZE, REGION_VA, 0x80000000u, 0xfffff000u, ~0u);
}

/* ---- the vMMU calls ---- */
static void op_map(uint32_t r) {
    (void)r;
    uint32_t c = pick_ctx(), flags = rnd() % 4 ? PICK(R, R | W, R | MV_MAP_EXEC, RWX) : rnd() % 16;
    uint32_t va = pick_va(c), gpa = pick_gpa(flags), off = rnd() % PAGE;
    struct want w = {0};
    if (c && idx(c, va) < 0 && !OFF(va) && va < STATE_WINDOW)
        va = page_va[1][rnd() % npages[1]];   /* the model tracks only its windows */
    if (!ctx_live(c) || OFF(va) || OFF(gpa) || (flags & ~RWX) || !(flags & R))
        w.errs |= E(MV_EINVAL);
    if (va >= STATE_WINDOW)
        w.errs |= E(MV_ERANGE);
    if (gpa - REGION_GPA < REGION_SIZE)
        w.errs |= flags & ~R ? E(MV_EPERM) : 0;   /* the cap grants reading only */
    else if (gpa >= RAM_SIZE)
        w.errs |= E(MV_ERANGE);
    if (!w.errs && ktables == NTABLES && (c ? utab[c][usec(va)] != MAP : !ktable(va)))
        w.errs = E(MV_ENOMEM);   /* a table is needed and our space holds them all */
    w.oks = !w.errs;
    uint32_t a[6] = {va, gpa, flags, c, rnd(), rnd()};
    call(MV_HC_VMMU_MAP, a, &w);
    enomem_seen += a[0] == (uint32_t)MV_ENOMEM;
    if (a[0] == 0 && w.oks)   /* (w.oks: the model expected it; else it was reported) */
        model_map(c, va, gpa, flags);
    /* read it at once: a stale TLB entry shows the page this VA mapped before */
    if (a[0] == 0 && w.oks && !c && *(volatile uint8_t *)(va + off) != mem_of(gpa)[off])
        report(MV_HC_VMMU_MAP, (uint32_t[4]){va, gpa, flags, c}, "byte %x: not the gpa's", off);
}

static void op_unmap(uint32_t r) {
    (void)r;
    uint32_t c = pick_ctx(), va = pick_va(c), a[6] = {va, c, rnd(), rnd(), rnd(), rnd()};
    struct want w = {0};
    w.errs = (!ctx_live(c) || OFF(va) ? E(MV_EINVAL) : 0) | (va >= STATE_WINDOW ? E(MV_ERANGE) : 0);
    w.oks = !w.errs;
    call(MV_HC_VMMU_UNMAP, a, &w);
    if (a[0] == 0 && w.oks)
        model_clear(c, va, 1);
}

/* In our own space, the lengths keep a valid range inside the scratch window. */
static void op_flush(uint32_t r) {
    (void)r;
    uint32_t c = pick_ctx(), va = pick_va(c), len = rnd() % 0x10000;
    if (rnd() % 4)
        len = c ? PICK(0, 1, PAGE, 3 * PAGE, 0x100000u, 0x7fffc000u, 0x80000000u, ~0u)
                : PICK(0, 1, PAGE, 3 * PAGE, 0x100000u, 0x400000u, 0x40000000u, ~0u);
    struct want w = {0};
    if (!ctx_live(c) || (!len && !c) || (len && OFF(va)))
        w.errs |= E(MV_EINVAL);
    if (len && (va >= STATE_WINDOW || len > STATE_WINDOW - va))
        w.errs |= E(MV_ERANGE);
    w.oks = !w.errs;
    uint32_t a[6] = {c, va, len, rnd(), rnd(), rnd()};
    call(MV_HC_VMMU_FLUSH, a, &w);
    if (a[0] == 0 && w.oks && len)
        model_clear(c, va, len);
    else if (a[0] == 0 && w.oks)
        forget_ctx(c);   /* the whole context: its tables went back to the quota */
}

static void op_ctx(uint32_t r) {
    uint32_t which = r % 3;   /* 0 create, 1 destroy, 2 switch */
    uint32_t c = pick_ctx(), a[6] = {c, rnd(), rnd(), rnd(), rnd(), rnd()};
    struct want w = {0};
    for (uint32_t x = 1; which == 0 && x <= NCTX; x++)
        w.oks |= live[x] ? 0 : 1u << x;   /* any free index */
    if (which == 0)
        w.errs = w.oks ? 0 : E(MV_ENOMEM);
    else if (!ctx_live(c) || (which == 1 && !c))
        w.errs = E(MV_EINVAL);
    else if (which == 1 && (c == cur_ctx || (v1_running && c == v1_ctx)))
        w.errs = E(MV_EBUSY);   /* the context of a vCPU that is not stopped */
    else
        w.oks = 1;
    if (!call(MV_HC_CTX_CREATE + which, a, &w) || (int32_t)a[0] < 0)
        return;
    if (which == 2)
        cur_ctx = c;
    else if (which == 1)
        live[c] = false, forget_ctx(c);
    else
        live[a[0]] = true, forget_ctx(a[0]);   /* a new context is empty */
}

/* ---- copies between a process context and our own space ---- */
/* One copy, judged: urange() lists where it may fault; the answer tells the model which
 * "maybe" pages are there after all (or were evicted). verify() uses it too. */
static void do_copy(bool to, uint32_t c, uint32_t u, uint32_t k, uint32_t len) {
    struct want w = {0};
    uint32_t need = to ? W : R, a[6] = {c, u, k, len, rnd(), rnd()};
    bool real = c && ctx_live(c), may_work = real && urange(c, u, len, need, &w);
    w.errs = (real ? 0 : E(MV_EINVAL)) | (len > MV_COPY_MAX ? E(MV_ERANGE) : 0)
           | (krange(k, len, to ? R : W) ? 0 : E(MV_EINVAL));
    w.oks = !w.errs && may_work;
    w.errs |= w.nbad ? E(MV_EFAULT) : 0;
    if (!call(to ? MV_HC_COPY_TO_CTX : MV_HC_COPY_FROM_CTX, a, &w) || !real)
        return;
    if (a[0] == (uint32_t)MV_EFAULT) {
        int i = idx(c, a[1]);
        learn(c, u, a[1] - u);
        if (i >= 0 && pt[c][i].st == MAYBE && (pt[c][i].flags & need) == need)
            pt[c][i].st = NONE;   /* it was evicted */
    } else if (a[0] == 0) {
        learn(c, u, len);
        copies_ok++;
        model_copy(to, c, u, k, len);
    }
}

static void op_copy(uint32_t r) {
    bool to = r & 1;
    uint32_t c = pick_ctx(), u = pick_va(1), k = pick_kbuf(), len = rnd() % (4 * PAGE);
    if (rnd() % 4)
        len = PICK(0, 1, 3, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE + 5, 7 * PAGE, MV_COPY_MAX,
                   MV_COPY_MAX + 1, ~0u);
    if (pool_touched(c, u, len) & pool_touched(0, k, len))
        k = (uint32_t)kbuf + rnd() % PAGE;   /* overlapping copies are not defined: avoid */
    do_copy(to, c, u, k, len);
}

/* ---- everything else that returns ---- */
static uint32_t read_tls(void) {
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));   /* TPIDRURO */
    return v;
}

static void op_console(uint32_t r) {
    (void)r;   /* only writes that must fail, or print nothing */
    uint32_t p = pick_kbuf(), len = PICK(0, 1, 16, MV_CONSOLE_MAX, MV_CONSOLE_MAX + 1, ~0u);
    if (len <= MV_CONSOLE_MAX && krange(p, len, R))
        len = 0;
    struct want w = {0};
    w.errs = (len > MV_CONSOLE_MAX ? E(MV_ERANGE) : 0) | (krange(p, len, R) ? 0 : E(MV_EFAULT));
    w.oks = !w.errs;
    uint32_t a[6] = {p, len, rnd(), rnd(), rnd(), rnd()};
    call(MV_HC_CONSOLE_WRITE, a, &w);
}

static void op_virq(uint32_t r) {
    uint32_t which = r % 3;   /* 0 raise, 1 ack, 2 wait */
    uint32_t cap = pick_cap(), kind = cap < NCAPS ? cap_kind[cap] : K_NONE;
    uint32_t a[6] = {cap, rnd(), rnd(), rnd(), rnd(), rnd()};
    struct want w = {.oks = 1u << pending};   /* ACK and WAIT return the pending lines */
    if (which == 0)
        w = kind == K_VIRQ || kind == K_VIRQ_SELF ? (struct want){.oks = 1}
          : (struct want){.errs = kind == K_VIRQ_NORIGHT ? E(MV_EPERM) : E(MV_ECAP)};
    if (which == 1)
        a[0] = rnd() % 2 ? rnd() : PICK(0, SELF_BIT, ~0u);
    if (which == 2)   /* never block for long: only when a line is pending, or briefly */
        a[0] = pending ? rnd() : PICK(1, 100, 5000);
    uint32_t arg = a[0];
    if (!call(MV_HC_VIRQ_RAISE + which, a, &w))
        return;
    if (which == 0 && kind == K_VIRQ_SELF)
        pending |= SELF_BIT;
    if (which == 1)
        pending &= ~arg;
}

static void op_simple(uint32_t r) {
    static const uint32_t nrs[] = {MV_HC_NULL, MV_HC_YIELD, MV_HC_SET_ENTRY, MV_HC_TIME,
                                   MV_HC_SET_TLS, MV_HC_CHAN_SEND, MV_HC_CHAN_REGISTER,
                                   MV_HC_IRQ_ACK, MV_HC_CHAN_POSTED, MV_HC_COUNT};
    uint32_t nr = nrs[r % (sizeof nrs / sizeof nrs[0])], a[6] = {rnd(), rnd(), rnd(), rnd(), rnd(), rnd()}, in[4];
    struct want w = {.oks = 1};
    if (nr == MV_HC_SET_ENTRY) {
        a[0] = rnd() % 2 ? TEXT_GPA : PICK(0, 0x7ffffffcu, 0x80000000u, ~0u);
        a[1] = rnd() % 2 ? RAM_SIZE : PICK(0, 0x7ffffffcu, 0x80000000u, ~0u);
        if ((a[0] | a[1]) >= MV_GUEST_VA_LIMIT)
            w = (struct want){.errs = E(MV_ERANGE)};
    } else if (nr == MV_HC_TIME) {
        w = (struct want){.any = true, .r1_out = true};
    } else if ((nr >= MV_HC_CHAN_SEND && nr <= MV_HC_IRQ_ACK) || nr == MV_HC_CHAN_POSTED) {
        a[0] = pick_cap();   /* we hold no channel or interrupt caps */
        w = (struct want){.errs = E(MV_ECAP)};
    } else if (nr == MV_HC_COUNT) {
        nr = rnd() % 2 ? MV_HC_COUNT + rnd() % 64 : PICK(0x80000000u, ~0u, 255);
        w = (struct want){.errs = E(MV_ENOSYS)};
    }
    memcpy(in, a, sizeof in);
    if (!call(nr, a, &w))
        return;
    if (nr == MV_HC_SET_TLS && read_tls() != (tls = in[0]))
        report(nr, in, "then TPIDRURO=%x", read_tls());
    if (nr == MV_HC_TIME && ((uint64_t)a[1] << 32 | a[0]) < last_time)
        report(nr, in, "time went back to %x:%x", a[1], a[0]);
    if (nr == MV_HC_TIME)
        last_time = (uint64_t)a[1] << 32 | a[0];
}

/* ---- our second vCPU: started at random, the context it switches to is busy ---- */
static uint64_t v1_stack[128];

static void v1_main(uint32_t ctx) {
    mv_ctx_switch(MV_CTX_KERNEL);   /* a known start, whatever VCPU_START leaves */
    v1_rc = mv_ctx_switch(ctx);
    v1_ready = 1;
    for (;;)
        mv_wait(0);
}

static void v1_started(uint32_t ctx) {
    uint32_t a[6] = {~0u, 0, 0, 0, 0, 0};
    struct want w = {.oks = 1u << pending};
    call(MV_HC_VIRQ_ACK, a, &w);   /* nothing pending: our WAIT blocks, so vCPU 1 runs */
    pending = 0;
    for (uint32_t i = 0; i < 1000 && !v1_ready; i++)
        mv_wait(20000);
    checked++;
    if (v1_rc != (ctx_live(ctx) ? 0 : MV_EINVAL))
        report(MV_HC_CTX_SWITCH, (uint32_t[4]){ctx}, "by vCPU 1: %d", (int)v1_rc);
    v1_running = true;
    v1_ctx = v1_rc == 0 ? ctx : MV_CTX_KERNEL;
}

static void op_vcpu(uint32_t r) {
    uint32_t which = r % 3;   /* 0 start, 1 stop, 2 set priority */
    uint32_t cap = rnd() % 2 ? CAP_V1 : pick_cap(), kind = cap < NCAPS ? cap_kind[cap] : K_NONE;
    uint32_t a[6] = {cap, PICK((uint32_t)v1_main, (uint32_t)v1_main, 0x80000000u, ~0u),
                     PICK((uint32_t)(v1_stack + 128), 0xc0000000u), pick_ctx(), rnd(), rnd()};
    struct want w = {0};
    if (which == 2)
        a[1] = rnd() % 2 ? rnd() % (MAX_PRIO + 1) : PICK(MAX_PRIO + 1, 31, 32, ~0u);
    if (kind != K_VCPU1)   /* cap 3 names vCPU 0 without rights: we never stop ourselves */
        w.errs = kind == K_VCPU_NORIGHT ? E(MV_EPERM) : E(MV_ECAP);
    else if (which == 0)
        w.errs = ((a[1] | a[2]) >= MV_GUEST_VA_LIMIT ? E(MV_ERANGE) : 0)
               | (v1_running ? E(MV_EBUSY) : 0);
    else if (which == 2 && a[1] > MAX_PRIO)
        w.errs = E(MV_ERANGE);
    w.oks = !w.errs;
    uint32_t ctx = a[3];
    v1_ready = 0;
    if (!call(MV_HC_VCPU_START + which, a, &w) || a[0] != 0 || kind != K_VCPU1)
        return;
    if (which == 1)
        v1_running = false;
    if (which == 0)
        v1_started(ctx);
}

/* ---- checking the data, and the run ---- */
static void verify(void) {
    uint32_t none[4] = {0};
    for (uint32_t i = 0; i < POOL; i++)
        if (memcmp(pool[i], shadow[i], PAGE))
            report(MV_HC_NULL, none, "pool page %u is not what the copies wrote", i);
    if (memcmp((const void *)REGION_VA, region_model, REGION_SIZE))
        report(MV_HC_NULL, none, "region at %x is not the victim's pattern", REGION_VA);
    for (uint32_t i = 0; i < npages[0]; i++)   /* our own mappings: read them directly */
        if (pt[0][i].st == MAP && memcmp((const void *)page_va[0][i], mem_of(pt[0][i].gpa), PAGE))
            report(MV_HC_NULL, none, "VA %x does not show gpa %x", page_va[0][i], pt[0][i].gpa);
    for (uint32_t c = 1; c <= NCTX; c++)       /* the processes': through COPY_FROM_CTX */
        for (uint32_t i = 0; live[c] && i < npages[1]; i++)
            if (pt[c][i].st != NONE)   /* a "maybe" page: mapped, or the copy faults */
                do_copy(false, c, page_va[1][i], (uint32_t)kbuf, PAGE);
    if (read_tls() != tls)
        report(MV_HC_SET_TLS, none, "TPIDRURO=%x, set %x", read_tls(), tls);
}

/* The mix: each op gets the numbers below its bound out of 64, and picks its variant. */
static void one_call(void) {
    static void (*const ops[])(uint32_t) = {op_map, op_unmap, op_flush, op_copy, op_ctx,
                                            op_virq, op_vcpu, op_console, op_simple};
    static const uint8_t below[] = {16, 22, 26, 34, 43, 49, 52, 54, 64};
    uint32_t r = rnd() % 64, i = 0;
    while (r >= below[i])
        i++;
    ops[i](r);
}

static void init(void) {
    seed = sg_nonce() ? sg_nonce() : 0x2545f491u;   /* xorshift32 must not start at 0 */
    for (uint32_t i = 0; i < sizeof pool / 4; i++)
        ((uint32_t *)pool)[i] = rnd();
    model_init();
    for (uint32_t p = 0; p < REGION_SIZE; p += PAGE) {   /* counted in ktables already */
        uint32_t a[6] = {REGION_VA + p, REGION_GPA + p, R, MV_CTX_KERNEL, 0, 0};
        call(MV_HC_VMMU_MAP, a, &(struct want){.oks = 1});
    }
    for (uint32_t i = 0; i < 100 && ((volatile uint32_t *)REGION_VA)[0] != REGION_WORD(0); i++)
        mv_wait(100000);   /* the victim (higher priority) fills the region as it starts */
}

int main(void) {
    uint32_t n;
    init();
    sg_hex("seed", seed);
    for (n = 0; n < FUZZ_CALLS; n++) {
        if (n == FUZZ_CALLS - FUZZ_CALLS / 10)
            kpages_now = npages[0];   /* the last tenth: our space may take every table */
        if (n % VERIFY_EVERY == 0)
            verify();
        one_call();
    }
    verify();
    sg_int("calls", (int32_t)n);
    sg_int("checked", (int32_t)checked);
    sg_int("copies_ok", (int32_t)copies_ok);
    sg_int("enomem_seen", (int32_t)enomem_seen);
    sg_int("evict_points", (int32_t)evict_points);
    sg_int("mismatches", (int32_t)mismatches);
    sg_int("done_raise", mv_virq_raise(CAP_DONE));
    return 0;
}
