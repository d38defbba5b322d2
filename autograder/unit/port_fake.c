/*
 * port_fake.c - the fake microvisor and the fake generic kernel around minilinux's port
 * (lab 5's unit tests): each fake records its call in fake.log and answers from the
 * test's script. See port_fake.h.
 */
#include <stdio.h>
#include <string.h>
#include "port_fake.h"

struct port_fake fake;
struct port_thread th_a, th_b, th_c;

/* ---- the loop guard and the jumps back to the test ---- */

static void __attribute__((noreturn)) back_to_test(enum fake_end end) {
    fake.end = end;
    longjmp(fake.jump, 1);
}

/* Every fake counts its call: a port that loops (retries a copy forever, waits with
 * nothing to wait for) is stopped here, and the test says which fake it kept calling. */
static void count_call(const char *fn) {
    if (++fake.log.calls > FAKE_CALLS_MAX) {
        snprintf(fake.stuck, sizeof fake.stuck, "kept calling %s (over %u calls): an "
                 "endless loop?", fn, FAKE_CALLS_MAX);
        back_to_test(END_STUCK);
    }
}

/* ---- the microvisor: the hypercall wrappers of port_fake/mv/guest.h ---- */

struct mv_state *mv_state_page(uint32_t i) {
    ck_assert_msg(i == 0, "the port asked for the state page of vCPU %u: minilinux runs on "
                  "vCPU 0 only", i);
    return &fake.state;
}

int32_t mv_console_write(const void *buf, uint32_t len) {
    struct fake_log *l = &fake.log;
    uint32_t room = sizeof l->console - 1 - l->console_len;
    uint32_t n = len < room ? len : room;
    memcpy(l->console + l->console_len, buf, n);
    l->console_len += n;
    return (int32_t)len;
}

void mv_vm_exit(int32_t code) {
    fake.exit_code = code;
    back_to_test(END_EXITED);
}

int32_t mv_resume_user(void) {
    struct fake_log *l = &fake.log;
    l->resumes++;
    l->resumed_regs = fake.state.user;
    l->resumed_ctx = fake.ctx;
    l->resumed_tls = fake.tls;
    back_to_test(END_RESUMED);
}

int32_t mv_set_entry(void (*entry)(uint32_t, struct mv_state *), void *sp) {
    (void)entry, (void)sp;
    return 0;
}

int32_t mv_ctx_switch(uint32_t ctx) {
    count_call("mv_ctx_switch");
    if (fake.log.ctx_switches < FAKE_LOG_MAX)
        fake.log.switched_to[fake.log.ctx_switches] = ctx;
    fake.log.ctx_switches++;
    fake.ctx = ctx;
    return 0;
}

int32_t mv_set_tls(uint32_t value) {
    count_call("mv_set_tls");
    fake.log.tls_sets++;
    fake.tls = value;
    return 0;
}

static void forget_missing(uint32_t page) {
    for (unsigned i = 0; i < 4; i++)
        if (fake.missing[i] == page)
            fake.missing[i] = 0;
}

int32_t mv_ctx_map(uint32_t ctx, uint32_t va, uint32_t gpa, uint32_t flags) {
    count_call("mv_ctx_map");
    if (fake.log.nmaps < FAKE_LOG_MAX)
        fake.log.maps[fake.log.nmaps] = (struct fake_map){ctx, va, gpa, flags};
    fake.log.nmaps++;
    if (fake.map_rc == 0)
        forget_missing(va);
    return fake.map_rc;
}

/* A copy fails at the first address of a missing page (or at its start, if evicting). */
int32_t mv_copy_ctx(uint32_t nr, uint32_t ctx, uint32_t ctx_va, void *kbuf, uint32_t len,
                    uint32_t *bad) {
    count_call("mv_copy_ctx");
    if (fake.log.ncopies < FAKE_LOG_MAX)
        fake.log.copies[fake.log.ncopies] = (struct fake_copy){nr, ctx, ctx_va, len, kbuf};
    fake.log.ncopies++;
    uint32_t first = fake.evicting ? ctx_va : UINT32_MAX;
    for (unsigned i = 0; i < 4; i++) {
        uint32_t p = fake.missing[i];
        if (p && p < ctx_va + len && p + MV_PAGE_SIZE > ctx_va) {
            uint32_t at = p > ctx_va ? p : ctx_va;
            first = at < first ? at : first;
        }
    }
    if (first == UINT32_MAX)
        return 0;
    if (bad)
        *bad = first;
    return MV_EFAULT;
}

int32_t mv_virq_take(uint32_t line, uint32_t *payload) {
    count_call("mv_virq_take");
    if (fake.log.ntakes < FAKE_LOG_MAX)
        fake.log.taken[fake.log.ntakes] = line;
    fake.log.ntakes++;
    int32_t was = (fake.state.virq_pending >> line) & 1u;
    fake.state.virq_pending &= ~(1u << line);
    *payload = 0;
    return was;
}

int32_t mv_virq_ack(uint32_t mask) {
    count_call("mv_virq_ack");
    fake.log.acks++;
    fake.log.acked |= mask;
    fake.state.virq_pending &= ~mask;
    return 0;
}

int32_t mv_vtimer_set(uint64_t deadline, uint32_t line) {
    count_call("mv_vtimer_set");
    fake.log.timer_sets++;
    fake.log.deadline = deadline;
    fake.log.timer_line = line;
    return 0;
}

/* The script's chunks, one a call, then 0 (nothing more was typed). */
int32_t mv_console_read(void *buf, uint32_t max, uint32_t *dropped) {
    count_call("mv_console_read");
    unsigned i = fake.log.reads++;
    *dropped = 0;
    if (i >= 4 || !fake.input[i])
        return 0;
    uint32_t n = (uint32_t)strlen(fake.input[i]);
    ck_assert_msg(n <= max, "mv_console_read() was given room for %u bytes only", max);
    memcpy(buf, fake.input[i], n);
    return (int32_t)n;
}

/* The lines the script raises while the vCPU waits; none left means the port would wait
 * for ever (the test scripted a thread to run before that). */
int32_t mv_wait(uint32_t timeout_ns) {
    (void)timeout_ns;
    count_call("mv_wait");
    unsigned i = fake.log.waits++;
    if (i >= 4 || !fake.wait_pending[i]) {
        snprintf(fake.stuck, sizeof fake.stuck, "waited for a vIRQ (mv_wait) once more, "
                 "after the kernel had returned a thread to run");
        back_to_test(END_STUCK);
    }
    fake.state.virq_pending = fake.wait_pending[i];
    return (int32_t)fake.wait_pending[i];
}

uint64_t mv_time(void) { return fake.now; }
int32_t mv_ctx_unmap(uint32_t ctx, uint32_t va) { return (void)ctx, (void)va, 0; }
int32_t mv_vmmu_flush(uint32_t ctx, uint32_t va, uint32_t len) {
    return (void)ctx, (void)va, (void)len, 0;
}
int32_t mv_ctx_create(void) { return 1; }
int32_t mv_ctx_destroy(uint32_t ctx) { return (void)ctx, 0; }

/* fpu.S, which saves and loads the hardware's registers */
void port_fpu_save(struct port_fpu *f) {
    fake.log.fpu_saves++;
    fake.log.saved_fpu = f;
    fake.log.save_seq = ++fake.log.seq;
}

void port_fpu_load(const struct port_fpu *f) {
    fake.log.fpu_loads++;
    fake.log.loaded_fpu = f;
    fake.log.load_seq = ++fake.log.seq;
}

/* ---- the generic kernel ---- */

/* Log a kern_* call, with the thread's registers as they are now. */
static struct fake_kcall *log_kcall(const char *fn, struct port_thread *t) {
    static struct fake_kcall spare;
    count_call(fn);
    struct fake_log *l = &fake.log;
    struct fake_kcall *k = l->nkcalls < FAKE_LOG_MAX ? &l->kcalls[l->nkcalls] : &spare;
    l->nkcalls++;
    *k = (struct fake_kcall){.fn = fn, .t = t};
    if (t)
        k->regs = t->regs;
    return k;
}

/* The thread the kernel runs next: the script's next, or @p t. */
static struct port_thread *answer(struct port_thread *t) {
    return fake.next_used < fake.nnext ? fake.next[fake.next_used++] : t;
}

struct port_thread *kern_start(uintptr_t lo, uintptr_t hi) {
    (void)lo, (void)hi;
    return &th_a;
}

struct port_thread *kern_syscall(struct port_thread *t) {
    log_kcall("kern_syscall", t);
    if (fake.syscall_sets_r0 && t)
        t->regs.r[0] = fake.syscall_r0;
    return answer(t);
}

int kern_page_fault(struct port_thread *t, uint32_t addr, uint32_t access, uint32_t *pa,
                    uint32_t *rights) {
    struct fake_kcall *k = log_kcall("kern_page_fault", t);
    k->addr = addr, k->access = access;
    *pa = fake.fault_pa;
    *rights = fake.fault_rights;
    return fake.fault_rc;
}

struct port_thread *kern_fatal(struct port_thread *t, int sig, uint32_t addr) {
    struct fake_kcall *k = log_kcall("kern_fatal", t);
    k->sig = sig, k->addr = addr;
    return answer(t);
}

struct port_thread *kern_tick(struct port_thread *t) {
    log_kcall("kern_tick", t);
    return answer(t);
}

struct port_thread *kern_console_input(struct port_thread *t, const char *buf, uint32_t n) {
    struct fake_kcall *k = log_kcall("kern_console_input", t);
    k->n = n;
    memcpy(k->bytes, buf, n < sizeof k->bytes ? n : sizeof k->bytes);
    return answer(t);
}

void fake_kernel_returns(struct port_thread *t) {
    ck_assert(fake.nnext < 4);
    fake.next[fake.nnext++] = t;
}

/* ---- fixtures ---- */

void fake_regs(struct uregs *r, uint32_t seed) {
    uint32_t *w = (uint32_t *)r;
    for (uint32_t i = 0; i < sizeof *r / 4; i++)
        w[i] = seed * 0x01010000u + i * 0x11u + 0x100u;
}

static void thread_init(struct port_thread *t, int as, uint32_t tls, uint32_t seed) {
    *t = (struct port_thread){.as = as, .tls = tls};
    fake_regs(&t->regs, seed);
}

void fake_clear_log(void) {
    memset(&fake.log, 0, sizeof fake.log);
    fake.nnext = fake.next_used = 0;
}

/* The vCPU's context and TLS outlive a reset, as the port's memory of them does (its
 * static variables: under CK_FORK=no every test runs in the same process). */
void fake_reset(void) {
    uint32_t ctx = fake.ctx, tls = fake.tls;
    memset(&fake, 0, sizeof fake);
    fake.ctx = ctx, fake.tls = tls;
    fake.state.magic = MV_STATE_MAGIC;
    thread_init(&th_a, 1, 0, 0xa);
    thread_init(&th_b, 2, 0x7b000, 0xb);
    thread_init(&th_c, 1, 0, 0xc);
}

void fake_reset_running(void) {
    fake_reset();
    fake.setup_end = fake_start(&th_a);
    snprintf(fake.setup_text, sizeof fake.setup_text, "%s", fake_end_text(fake.setup_end));
    fake_clear_log();
}

void require_running(void) {
    REQUIRE(fake.setup_end == END_RESUMED, "port_start(thread a) should run thread a "
            "(mv_resume_user), but %s", fake.setup_text);
}

/* ---- calls into the port: each jumps back here when a fake ends it ---- */

static struct {
    uint32_t cause, addr, access, uva, len;
    struct port_thread *t;
    void *buf;
    bool to_user;
} arg;

static enum fake_end run(void (*call)(void)) {
    fake.log.calls = 0;
    if (setjmp(fake.jump))
        return fake.end;
    call();
    return END_RETURNED;
}

static void call_upcall(void) { port_upcall(arg.cause, &fake.state); }
static void call_start(void) { port_start(arg.t); }
static void call_fault_in(void) { fake.rc = port_fault_in(arg.t, arg.addr, arg.access); }
static void call_tick_start(void) { port_tick_start(); }
static void call_tick_rearm(void) { port_tick_rearm(); }
static void call_copy(void) {
    fake.rc = arg.to_user ? port_copy_to_user(arg.t, arg.uva, arg.buf, arg.len)
                          : port_copy_from_user(arg.t, arg.buf, arg.uva, arg.len);
}

enum fake_end fake_upcall(uint32_t cause) {
    fake.state.cause = arg.cause = cause;
    return run(call_upcall);
}

enum fake_end fake_syscall(const struct uregs *regs) {
    memcpy(&fake.state.user, regs, sizeof *regs);
    return fake_upcall(MV_CAUSE_SYSCALL);
}

enum fake_end fake_start(struct port_thread *t) {
    arg.t = t;
    return run(call_start);
}

enum fake_end fake_fault_in(struct port_thread *t, uint32_t addr, uint32_t access) {
    arg.t = t, arg.addr = addr, arg.access = access;
    return run(call_fault_in);
}

enum fake_end fake_copy(bool to_user, struct port_thread *t, uint32_t uva, void *buf,
                        uint32_t len) {
    arg.to_user = to_user, arg.t = t, arg.uva = uva, arg.buf = buf, arg.len = len;
    return run(call_copy);
}

enum fake_end fake_tick_start(void) { return run(call_tick_start); }
enum fake_end fake_tick_rearm(void) { return run(call_tick_rearm); }
