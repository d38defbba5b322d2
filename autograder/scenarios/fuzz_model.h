/*
 * fuzz_model.h - the model of abi.h that sc_fuzz.c (VM "fuzzer" of system test_vmmu_fuzz)
 * judges every hypercall against. Only sc_fuzz.c includes it, so its static data and
 * functions are that program's own: one copy, in one program.
 *
 * It keeps what the fuzzer knows about the kernel's state: the live contexts, every
 * mapping it made in the tracked windows (sure or only "maybe", once the vMMU may have
 * evicted a process table), the table bookkeeping behind that, and the bytes that should
 * be behind each page (the shadow of the pool, the victim's pattern in the region). From
 * it come the allowed results of a call (struct want), and call() checks a real call
 * against them. Nothing here draws a random number: every choice is the driver's, so a
 * nonce still replays the same run.
 *
 * The functions are plain statics, as they were inside sc_fuzz.c: a second includer
 * would get its own copies (and -Wunused-function errors), so keep it to sc_fuzz.c.
 */
#ifndef FUZZ_MODEL_H
#define FUZZ_MODEL_H
#include <stdbool.h>
#include <string.h>
#include "scenario_guest.h"

#define REPORT_MAX 8u            /* mismatches printed as result lines */
#define PAGE MV_PAGE_SIZE
#define OFF(x) ((x) & (PAGE - 1u))
#define R MV_MAP_READ
#define W MV_MAP_WRITE
#define RWX (R | W | MV_MAP_EXEC)
#define E(err) (1u << -(err))    /* a set of error codes: bit n stands for -n */

/* What systems/test_vmmu_fuzz.c gives us. */
#define RAM_SIZE 0x80000u        /* ram_kb 512 */
#define NCTX 4u                  /* contexts */
#define NTABLES 16u              /* pt_kb 16: 1 KiB level-2 tables */
#define REGION_GPA 0x01000000u   /* cap 6: region "fzshm", read only; the victim fills it */
#define REGION_SIZE 0x2000u
#define REGION_WORD(i) ((uint32_t)(i) * 0x01000193u ^ 0xfeed5eedu)   /* as sc_fuzz_victim.c */
#define REGION_VA 0x50000000u    /* where we map it to read it */
#define STATE_WINDOW MV_STATE_VA(3)   /* the kernel reserves 4 state pages (MV_MAX_VCPUS) */
#define TEXT_GPA 0x10000u        /* our first two code pages (guest.ld): constant bytes */
#define NCAPS 16u
#define MAX_PRIO 5u
#define SELF_BIT (1u << 2)       /* cap 2 raises our own line 2 */
enum { CAP_V1 = 1, CAP_DONE = 5 };
enum { K_NONE, K_VIRQ, K_VIRQ_SELF, K_VIRQ_NORIGHT, K_VCPU1, K_VCPU_NORIGHT, K_MEM };
static const uint8_t cap_kind[NCAPS] = {K_VIRQ, K_VCPU1, K_VIRQ_SELF, K_VCPU_NORIGHT,
                                        K_VIRQ_NORIGHT, K_VIRQ, K_MEM};

/* Memory the kernel may write for us: pool pages (the only ones ever mapped writable)
 * and kbuf (our side of copies, never mapped anywhere else). */
#define POOL 16u
static uint8_t pool[POOL][PAGE] __attribute__((aligned(PAGE)));
static uint8_t shadow[POOL][PAGE];   /* what the pool should hold */
static uint8_t kbuf[MV_COPY_MAX + PAGE];
static uint32_t region_model[REGION_SIZE / 4];

/* Tracked pages: windows of process contexts (sections 0, 1, 3, 0x400, 0x7ff) and our
 * scratch window (sections 0x400..0x403; 0x404..0x40f in the last tenth of the run). */
struct win { uint32_t base, pages; };
static const struct win uwin[] = {{0x00000000u, 8}, {0x000fc000u, 8}, {0x00300000u, 4},
                                  {0x40000000u, 4}, {0x7fff8000u, 4}};
static const uint32_t usec_of[] = {0x000, 0x001, 0x003, 0x400, 0x7ff};
#define X(k) {0x40400000u + ((k) << 20), 1}
static const struct win kwin[] = {{0x40000000u, 8}, {0x400fc000u, 8}, {0x40200000u, 4},
                                  {0x403fc000u, 4}, X(0), X(1), X(2), X(3), X(4), X(5),
                                  X(6), X(7), X(8), X(9), X(10), X(11)};
static const struct win *const wins[2] = {kwin, uwin};   /* [c != 0] */
static const uint32_t nwins[2] = {16, 5}, npages[2] = {36, 28};
#define NSEC 5u

/* ---- the state: what the kernel holds for us, as far as abi.h lets us know it ---- */
enum { NONE, MAP, MAYBE };   /* a page's mapping; for a table, MAP = "exists" */
struct pte { uint8_t st, flags; uint32_t gpa; };
static struct pte pt[NCTX + 1][36];   /* [c][page index]: context c's tracked pages */
static uint8_t utab[NCTX + 1][NSEC];   /* [c][section]: its tables */
static uint32_t page_va[2][36], kpages_now = 24;
static uint32_t ksecs, ktables = 3;   /* tables of our space: RAM, state pages, region */
/* the rest the driver's calls change: contexts, vCPU 1's, pending lines, TLS, clock */
static bool live[NCTX + 1] = {true}, v1_running;
static uint32_t cur_ctx, v1_ctx, pending, tls;
static uint64_t last_time;
static uint32_t checked, mismatches, evict_points;   /* calls judged, rejected; quota full */

static int idx(uint32_t c, uint32_t va) {   /* the index of VA's page in c's windows, or -1 */
    const struct win *w = wins[c != 0];
    for (uint32_t i = 0, first = 0; i < nwins[c != 0]; first += w[i++].pages)
        if (va - w[i].base < w[i].pages * PAGE)
            return (int)(first + (va - w[i].base) / PAGE);
    return -1;
}
static uint32_t usec(uint32_t va) {   /* va is a tracked process page */
    uint32_t s = 0;
    while (usec_of[s] != va >> 20)
        s++;
    return s;
}
static bool ctx_live(uint32_t c) { return c <= NCTX && live[c]; }
static bool is_pool(uint32_t gpa) { return gpa - (uint32_t)pool < sizeof pool; }
static bool ktable(uint32_t va) { return ksecs >> ((va >> 20) - 0x400) & 1u; }

/* What VA of context c (0: our own space) maps to: its gpa, or ~0 (then *flags = 0). */
static uint32_t lookup(uint32_t c, uint32_t va, uint32_t *flags) {
    int i = idx(c, va);
    const struct pte *p = i < 0 ? NULL : &pt[c][i];
    *flags = c ? 0 : va - REGION_VA < REGION_SIZE ? R : va >= PAGE && va < RAM_SIZE ? RWX : 0;
    if (*flags)   /* the region, or our RAM (page 0 is left unmapped at boot) */
        return *flags == R ? REGION_GPA + va - REGION_VA : va;
    *flags = p && p->st != NONE ? p->flags : 0;
    return *flags ? p->gpa + OFF(va) : ~0u;
}
static uint32_t gpa_of(uint32_t c, uint32_t va) {
    uint32_t flags;
    return lookup(c, va, &flags);
}

/* Where the model keeps the bytes of gpa: the shadow for the pool, the victim's pattern
 * for the region, else the page itself (our code and kbuf). */
static const uint8_t *mem_of(uint32_t gpa) {
    if (is_pool(gpa))
        return &shadow[0][0] + (gpa - (uint32_t)pool);
    if (gpa - REGION_GPA < REGION_SIZE)
        return (const uint8_t *)region_model + (gpa - REGION_GPA);
    return (const uint8_t *)gpa;
}

/* A table is about to be allocated: if the quota may be full, the vMMU may evict any
 * process table, so every process mapping becomes "maybe". */
static void table_alloc(uint32_t c, uint32_t s) {
    uint32_t used = ktables;
    for (uint32_t x = 1; x <= NCTX; x++)
        for (uint32_t y = 0; y < NSEC; y++)
            used += utab[x][y] != NONE && !(x == c && y == s);
    if (used < NTABLES)
        return;
    evict_points++;
    for (uint32_t x = 1; x <= NCTX; x++) {
        for (uint32_t y = 0; y < NSEC; y++)
            utab[x][y] = utab[x][y] == MAP ? MAYBE : utab[x][y];
        for (uint32_t i = 0; i < npages[1]; i++)
            pt[x][i].st = pt[x][i].st == MAP ? MAYBE : pt[x][i].st;
    }
}

static void forget_ctx(uint32_t c) {   /* no tables, no mappings */
    memset(utab[c], NONE, sizeof utab[c]);
    for (uint32_t i = 0; i < npages[1]; i++)
        pt[c][i].st = NONE;
}

static void model_map(uint32_t c, uint32_t va, uint32_t gpa, uint32_t flags) {
    if (c && utab[c][usec(va)] != MAP)
        table_alloc(c, usec(va)), utab[c][usec(va)] = MAP;
    if (!c && !ktable(va))
        table_alloc(0, 0), ksecs |= 1u << ((va >> 20) - 0x400), ktables++;
    for (uint32_t x = 1; ktables == NTABLES && x <= NCTX; x++)
        forget_ctx(x);   /* our space holds every table: no process has one */
    pt[c][idx(c, va)] = (struct pte){MAP, (uint8_t)flags, gpa};   /* after: it is sure */
}

static void model_clear(uint32_t c, uint32_t va, uint32_t len) {   /* pages in [va, va+len) */
    for (uint32_t i = 0; i < npages[c != 0]; i++)
        if (page_va[c != 0][i] - va < len)
            pt[c][i].st = NONE;
}

/* Start from what boot gives us: no mapping in any window, the pool holding what the
 * driver filled it with (its bytes come from the PRNG, so the driver fills it first). */
static void model_init(void) {
    for (uint32_t s = 0; s < 2; s++)
        for (uint32_t i = 0, n = 0; i < nwins[s]; i++)
            for (uint32_t p = 0; p < wins[s][i].pages; p++)
                page_va[s][n++] = wins[s][i].base + p * PAGE;
    memcpy(shadow, pool, sizeof pool);
    for (uint32_t i = 0; i < REGION_SIZE / 4; i++)
        region_model[i] = REGION_WORD(i);
}

/* ---- making a call and judging it ---- */
struct want {
    uint32_t errs, oks;       /* allowed results: error set E(), and bit v for value v < 32 */
    bool any, r1_out;         /* r0 is not a result, r1 is an output (TIME) */
    uint32_t nbad, bad[12];   /* COPY_*: the first faulting addresses allowed with EFAULT */
};

static const char *const hc_names[] = {"NULL", "CONSOLE_WRITE", "VM_EXIT", "YIELD",
    "SET_ENTRY", "RESUME_USER", "VMMU_MAP", "VMMU_UNMAP", "VIRQ_RAISE", "VIRQ_ACK", "WAIT",
    "TIME", "VCPU_START", "VCPU_STOP", "VCPU_SET_PRIO", "SET_TLS", "CHAN_SEND",
    "CHAN_REGISTER", "IRQ_ACK", "VMMU_FLUSH", "CTX_CREATE", "CTX_DESTROY", "CTX_SWITCH",
    "COPY_FROM_CTX", "COPY_TO_CTX", "VIRQ_TAKE", "VTIMER_SET", "CONSOLE_READ", "CHAN_POSTED"};
_Static_assert(sizeof hc_names / sizeof hc_names[0] == MV_HC_COUNT, "a name for every hypercall");

/* One mismatch; the first REPORT_MAX become result lines: check number, call, r0..r3, what. */
static __attribute__((format(printf, 3, 4))) void report(uint32_t nr, const uint32_t a[4],
                                                         const char *fmt, ...) {
    char what[64];
    va_list ap;
    if (++mismatches > REPORT_MAX)
        return;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    sg_result("mismatch", "#%u %s(%x,%x,%x,%x) %s", checked,
              nr < MV_HC_COUNT ? hc_names[nr] : "unknown", a[0], a[1], a[2], a[3], what);
}

/* Make hypercall nr with a[0..5] in r0..r5 (a[] gets the registers back). True if the
 * result is one w allows. */
static bool call(uint32_t nr, uint32_t a[6], const struct want *w) {
    register uint32_t r0 __asm__("r0") = a[0];
    register uint32_t r1 __asm__("r1") = a[1];
    register uint32_t r2 __asm__("r2") = a[2];
    register uint32_t r3 __asm__("r3") = a[3];
    register uint32_t r4 __asm__("r4") = a[4];
    register uint32_t r5 __asm__("r5") = a[5];
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5)
                     : "r"(r7) : "memory");
    uint32_t in[6], out[6] = {r0, r1, r2, r3, r4, r5}, i = 0;
    memcpy(in, a, sizeof in);
    memcpy(a, out, sizeof out);
    checked++;
    int32_t got = (int32_t)r0;
    bool ok = w->any || (got >= 0 ? got < 32 && (w->oks >> got & 1u)
                                  : got > -32 && (w->errs >> -got & 1u));
    bool fault_r1 = ok && got == MV_EFAULT && w->nbad;
    if (!ok)
        report(nr, in, "got %d want val%x err%x", (int)got, w->oks, w->errs);
    while (fault_r1 && i < w->nbad && w->bad[i] != r1)
        i++;
    if (fault_r1 && !(ok = i < w->nbad))
        report(nr, in, "EFAULT r1=%x want %x (or %u more)", r1, w->bad[0], w->nbad - 1);
    for (i = fault_r1 || w->r1_out ? 2 : 1; i < 6; i++)
        if (out[i] != in[i])
            report(nr, in, "clobbered r%u: %x", i, out[i]);
    return ok;
}

/* ---- copies: where one may fault, and what a finished one changed ---- */
static bool krange(uint32_t k, uint32_t len, uint32_t need) {   /* all mapped with need? */
    uint32_t flags;
    for (uint32_t off = 0; off < len; off += PAGE - OFF(k + off))
        if (k + off < k || (lookup(0, k + off, &flags), flags & need) != need)
            return false;
    return true;
}

/* The first faulting addresses abi.h allows in [u, u+len) of context c: any "maybe" page
 * may be gone; the first page surely unusable ends the list. True if all may be usable. */
static bool urange(uint32_t c, uint32_t u, uint32_t len, uint32_t need, struct want *w) {
    for (uint32_t off = 0; off < len; off += PAGE - OFF(u + off)) {
        int i = idx(c, u + off);
        bool sure = i < 0 || pt[c][i].st == NONE || (pt[c][i].flags & need) != need;
        if (sure || pt[c][i].st == MAYBE)
            w->bad[w->nbad++] = u + off;
        if (sure)
            return false;
    }
    return true;
}

static uint32_t pool_touched(uint32_t c, uint32_t va, uint32_t len) {   /* bit i: pool[i] */
    uint32_t set = 0;
    if (len > MV_COPY_MAX || !ctx_live(c))
        return 0;   /* no copy will happen */
    for (uint32_t off = 0; off < len; off += PAGE - OFF(va + off))
        if (is_pool(gpa_of(c, va + off)))
            set |= 1u << (gpa_of(c, va + off) - (uint32_t)pool) / PAGE;
    return set;
}

/* A copy worked: pool pages written get the source's bytes in the shadow; kbuf, which
 * the kernel wrote, must hold what the model says the source held. */
static void model_copy(bool to, uint32_t c, uint32_t u, uint32_t k, uint32_t len) {
    const uint32_t args[4] = {c, u, k, len};
    for (uint32_t n; len; u += n, k += n, len -= n) {
        uint32_t ug = gpa_of(c, u), kg = gpa_of(0, k), dst = to ? ug : kg;
        n = len < PAGE - OFF(u) ? len : PAGE - OFF(u);
        n = n < PAGE - OFF(k) ? n : PAGE - OFF(k);
        if (is_pool(dst))
            memcpy((uint8_t *)mem_of(dst), mem_of(to ? kg : ug), n);
        else if (memcmp((const void *)dst, mem_of(ug), n))
            report(MV_HC_COPY_FROM_CTX, args, "bytes at %x", k);
    }
}

static void learn(uint32_t c, uint32_t u, uint32_t n) {   /* [u, u+n) turned out mapped */
    for (uint32_t off = 0; off < n; off += PAGE - OFF(u + off)) {
        int i = idx(c, u + off);
        if (i >= 0 && pt[c][i].st == MAYBE)
            pt[c][i].st = MAP, utab[c][usec(u + off)] = MAP;
    }
}

#endif
