/*
 * sc_evict.c - scenario of system test_vmmu_evict (VM "pager"): demand paging from the
 * guest's own page table, while the vMMU keeps evicting.
 *
 * The vMMU is a cache of the guest's translations, like a software-loaded TLB: when the
 * VM's page-table quota is full it may drop a process context's level-2 table, and the
 * guest sees faults on pages it mapped before. A guest kernel handles that the way a MIPS
 * kernel handles a TLB refill: look the faulting page up in *its own* table and insert it
 * again. This scenario is such a kernel.
 *
 * Its process (Thumb assembly below) starts with an empty context: even its code is
 * faulted in. It runs ROUNDS rounds over PAGES data pages, each in its own 1 MiB section
 * (so each needs its own level-2 table): write a value unique to (round, page) into every
 * page, then read every page back and count the words that differ. The quota has 8
 * tables and 2 hold the boot mappings, so most accesses fault, and most faults are on
 * pages that were mapped before (refaults: proof that the vMMU dropped them).
 *
 * Reported (the host test decides what is right): the faults by access type, refaults,
 * faults the guest could not serve, map errors, the process's mismatch count, the
 * mismatched bytes of the backing pages seen from the guest kernel, and whether the
 * process finished.
 */
#include <stdbool.h>
#include <string.h>
#include "scenario_guest.h"

#define PAGES 32u                    /* data pages, one per section */
#define ROUNDS 4u
#define DATA_VA 0x10000000u          /* page i at DATA_VA + i MiB */
#define SECTION 0x100000u
#define VALUE_TAG 0xa5000000u        /* value of (round, page): TAG | round << 16 | page */
#define BACKGROUND 0xc3u             /* what the backing pages hold before the process runs */
#define MODE_USR 0x10u
#define PSR_T 0x20u
#define SYS_DONE 1u                  /* the process's only system call: r0 = mismatches */
#define MAX_REPEATS 3u               /* the same fault again and again: the map did not hold */
#define MAX_ENTRIES 48u

extern const char user_code[], user_code_end[], user_sweep[];
void pager_upcall(uint32_t cause, struct mv_state *s);

/* The process. r0 = DATA_VA, r1 = PAGES, r2 = ROUNDS; page i's word is at offset 4 * i.
 * r3 = round, r5 = page, r6 = page address, r7 = value, r4 = words that read back wrong. */
__asm__(".pushsection .text.user_code, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n"
        "   .global user_code, user_code_end, user_sweep\n"
        "user_code:\n"
        "user_sweep:\n"
        "   movs r4, #0\n"
        "   movs r3, #0\n"
        "1: movs r5, #0\n"                 /* a round: write every page... */
        "2: lsls r6, r5, #20\n   add r6, r6, r0\n"
        "   lsls r7, r3, #16\n   orrs r7, r7, r5\n   orr r7, r7, #0xa5000000\n"
        "   str r7, [r6, r5, lsl #2]\n"
        "   adds r5, #1\n   cmp r5, r1\n   blt 2b\n"
        "   movs r5, #0\n"                 /* ...then read every page back */
        "3: lsls r6, r5, #20\n   add r6, r6, r0\n"
        "   lsls r7, r3, #16\n   orrs r7, r7, r5\n   orr r7, r7, #0xa5000000\n"
        "   ldr r8, [r6, r5, lsl #2]\n"
        "   cmp r8, r7\n   it ne\n   addne r4, r4, #1\n"
        "   adds r5, #1\n   cmp r5, r1\n   blt 3b\n"
        "   adds r3, #1\n   cmp r3, r2\n   blt 1b\n"
        "   mov r0, r4\n"
        "   movs r7, #1\n"                 /* SYS_DONE */
        "   svc #0\n"
        "   b .\n"
        "user_code_end:\n"
        "   .popsection\n");

/* The guest's page table: what the process may see, whether or not the vMMU holds it. */
struct gpte {
    uint32_t va, gpa, flags;
    bool mapped_before;   /* inserted once already: a fault on it is a refault */
};

static struct gpte table[MAX_ENTRIES];
static uint32_t nentries;
static uint8_t backing[PAGES][MV_PAGE_SIZE] __attribute__((aligned(MV_PAGE_SIZE)));
static uint8_t upcall_stack[8192] __attribute__((aligned(8)));
static uint32_t ctx;

/* What the handler saw. */
static uint32_t faults_read, faults_write, faults_exec, refaults, unserved, bad_access;
static uint32_t map_errors, repeats, last_fault = 0xffffffffu;
static int32_t first_map_error;

static void add_range(uint32_t va, uint32_t gpa, uint32_t len, uint32_t flags) {
    for (uint32_t off = 0; off < len && nentries < MAX_ENTRIES; off += MV_PAGE_SIZE)
        table[nentries++] = (struct gpte){va + off, gpa + off, flags, false};
}

static struct gpte *lookup(uint32_t va) {
    for (uint32_t i = 0; i < nentries; i++)
        if (table[i].va == (va & ~(MV_PAGE_SIZE - 1u)))
            return &table[i];
    return NULL;
}

/* Bytes of the backing pages that are not what the last round left there. */
static uint32_t mismatched_bytes(void) {
    uint32_t bad = 0;
    for (uint32_t i = 0; i < PAGES; i++) {
        uint32_t value = VALUE_TAG | (ROUNDS - 1u) << 16 | i;
        for (uint32_t b = 0; b < MV_PAGE_SIZE; b++) {
            uint32_t word_at = b - 4u * i;   /* byte of the value (little endian), if < 4 */
            uint8_t want = word_at < 4u ? (uint8_t)(value >> (8u * word_at)) : BACKGROUND;
            bad += backing[i][b] != want;
        }
    }
    return bad;
}

static void __attribute__((noreturn)) report_and_exit(int32_t user_mismatch, bool done) {
    sg_int("faults_read", (int32_t)faults_read);
    sg_int("faults_write", (int32_t)faults_write);
    sg_int("faults_exec", (int32_t)faults_exec);
    sg_int("refaults", (int32_t)refaults);
    sg_int("unserved", (int32_t)unserved);
    sg_int("bad_access", (int32_t)bad_access);
    sg_int("map_errors", (int32_t)map_errors);
    sg_int("first_map_error", first_map_error);
    sg_int("user_mismatch", user_mismatch);
    sg_int("mismatch_bytes", (int32_t)mismatched_bytes());
    sg_int("user_done", done);
    mv_vm_exit(0);
}

/* Is @p access (one MV_MAP_* bit) the kind this cause must report? */
static bool access_matches(uint32_t cause, uint32_t access) {
    if (cause == MV_CAUSE_PABT)
        return access == MV_MAP_EXEC;
    return access == MV_MAP_READ || access == MV_MAP_WRITE;
}

static void count_fault(uint32_t access) {
    faults_read += access == MV_MAP_READ;
    faults_write += access == MV_MAP_WRITE;
    faults_exec += access == MV_MAP_EXEC;
}

/* Every upcall: a fault to serve from the table, or the process's final system call. */
void pager_upcall(uint32_t cause, struct mv_state *s) {
    if (cause == MV_CAUSE_SYSCALL && s->user.r[7] == SYS_DONE)
        report_and_exit((int32_t)s->user.r[0], true);
    if ((cause == MV_CAUSE_PABT || cause == MV_CAUSE_DABT) && !access_matches(cause, s->fault_access)) {
        bad_access++;   /* without it a guest cannot tell a write to a read-only page */
        sg_hex("bad_access_value", s->fault_access);
        sg_hex("bad_access_addr", s->fault_addr);
        report_and_exit(-1, false);
    }
    struct gpte *e = lookup(s->fault_addr);
    if ((cause != MV_CAUSE_PABT && cause != MV_CAUSE_DABT) || !e || !(e->flags & s->fault_access)) {
        unserved++;   /* a real segmentation fault: this process has no business there */
        sg_hex("unserved_cause", cause);
        sg_hex("unserved_addr", s->fault_addr);
        report_and_exit(-1, false);
    }
    count_fault(s->fault_access);
    refaults += e->mapped_before;
    e->mapped_before = true;
    repeats = s->fault_addr == last_fault ? repeats + 1 : 0;
    last_fault = s->fault_addr;
    int32_t rc = mv_ctx_map(ctx, e->va, e->gpa, e->flags);
    if (rc || repeats > MAX_REPEATS) {   /* refused, or inserted without effect: give up */
        map_errors++;
        first_map_error = rc;
        sg_hex("stuck_addr", s->fault_addr);
        report_and_exit(-1, false);
    }
    mv_resume_user();   /* the faulting instruction again (state->user.pc points at it) */
    report_and_exit(-1, false);
}

int main(void) {
    sg_int("set_entry", mv_set_entry(pager_upcall, upcall_stack + sizeof upcall_stack));
    memset(backing, BACKGROUND, sizeof backing);
    uint32_t code = (uint32_t)user_code & ~(MV_PAGE_SIZE - 1u);   /* mapped where it is linked */
    add_range(code, code, (uint32_t)user_code_end - code, MV_MAP_READ | MV_MAP_EXEC);
    for (uint32_t i = 0; i < PAGES; i++)   /* the guest kernel's address of a page = its gpa */
        add_range(DATA_VA + i * SECTION, (uint32_t)backing[i], MV_PAGE_SIZE, MV_MAP_READ | MV_MAP_WRITE);
    int32_t c = mv_ctx_create();
    sg_int("ctx_create", c);
    sg_int("ctx_switch", mv_ctx_switch((uint32_t)c));
    ctx = (uint32_t)c;
    struct mv_state *s = mv_state_page(0);   /* an empty context: everything faults in */
    s->user = (struct mv_regs){.r = {DATA_VA, PAGES, ROUNDS}, .pc = (uint32_t)user_sweep,
                               .cpsr = PSR_T | MODE_USR};
    sg_int("resume_returned", mv_resume_user());   /* only on error */
    report_and_exit(-1, false);
}
