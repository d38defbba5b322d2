/*
 * sc_hostile_vmmu.c - scenario of system test_vmmu_hostile (VM "hostile"): every way the
 * vMMU hypercalls offer to reach memory that is not this VM's own.
 *
 * Its guest-physical space is its 256 KiB of RAM and the region "ro", read-only, at
 * gpa 0x500000 (systems/test_vmmu_hostile.c); quota: 3 contexts, 16 page tables.
 * A VM cannot know where another VM's RAM is, so it guesses: every page just past its
 * RAM, every MiB up to 4 GiB, the gpas where the victim places its regions. It maps at
 * kernel addresses and in the state-page window, in its own space and a process's; it
 * reads through translations it removed (a stale TLB entry), makes the microvisor copy
 * into read-only and kernel memory, names contexts that do not exist, destroys what is in
 * use, and uses up its contexts and its page tables. If the microvisor ever grants a
 * mapping it must refuse, this VM writes a poison pattern through it: the victim VM
 * (sc_victim.c) then finds it.
 *
 * Every call's result is reported, one key per call or, for the sweeps, counts per
 * result; the host test knows which error each must be. "k_" keys are in the guest
 * kernel's space (context 0), "p_" keys in a process context.
 */
#include "scenario_guest.h"

enum { CAP_VICTIM = 0 };             /* systems/test_vmmu_hostile.c */
#define RAM_SIZE (256u * 1024u)
#define RO_GPA 0x500000u             /* our placement of "ro" (16 KiB, read-only) */
#define RO_SIZE (16u * 1024u)
#define VICTIM_SECRET_GPA 0x200000u  /* where the victim places "secret" (no cap here) */
#define VICTIM_RO_GPA 0x300000u      /* ... and "ro" */
#define SCRATCH_VA 0x40000000u       /* where the gpa probes are mapped, in context 0 */
#define QUOTA_CONTEXTS 3u
#define MIB 0x100000u
#define RW (MV_MAP_READ | MV_MAP_WRITE)
#define POISON 0xdeadbeefu
#define BAIT_VALUE 0xba17ba17u

static uint32_t bait[1024] __attribute__((aligned(MV_PAGE_SIZE)));   /* our own pages */
static uint32_t pt_page[1024] __attribute__((aligned(MV_PAGE_SIZE)));
static uint8_t upcall_stack[4096] __attribute__((aligned(8)));
static uint32_t poisoned;            /* pages written through a mapping that was granted wrongly */

#define BAIT ((uint32_t)bait)

/* No user code runs here: an upcall means guest-user mode was resumed when it must not be. */
static void unexpected_upcall(uint32_t cause, struct mv_state *s) {
    sg_hex("unexpected_upcall", cause);
    sg_hex("unexpected_pc", s->user.pc);
    mv_vm_exit(3);
}

static void report(const char *prefix, const char *name, int32_t rc) {
    char key[48];
    snprintf(key, sizeof key, "%s%s", prefix, name);
    sg_int(key, rc);
}

/* Map @p gpa at SCRATCH_VA in context 0; if that was granted and is not our RAM, write
 * poison through it (when writable), then unmap. @return the map's result. */
static int32_t gpa_try(uint32_t gpa, uint32_t flags) {
    int32_t rc = mv_vmmu_map(SCRATCH_VA, gpa, flags);
    if (rc == 0 && gpa >= RAM_SIZE && (flags & MV_MAP_WRITE)) {
        for (uint32_t i = 0; i < MV_PAGE_SIZE / 4u; i++)
            ((volatile uint32_t *)SCRATCH_VA)[i] = POISON;
        poisoned++;
    }
    mv_vmmu_unmap(SCRATCH_VA);
    return rc;
}

/* Try [from, to) in steps of @p step (read-write); report how many got each result. */
static void gpa_sweep(const char *name, uint32_t from, uint32_t to, uint32_t step) {
    uint32_t ok = 0, erange = 0, eperm = 0, other = 0, first_odd = 0;
    for (uint32_t gpa = from; gpa < to && gpa >= from; gpa += step) {   /* (stops at wrap) */
        int32_t rc = gpa_try(gpa, RW);
        ok += rc == 0;
        erange += rc == MV_ERANGE;
        eperm += rc == MV_EPERM;
        other += rc != 0 && rc != MV_ERANGE && rc != MV_EPERM;
        if (rc != MV_ERANGE && !first_odd)
            first_odd = gpa;
    }
    report(name, "_ok", (int32_t)ok);
    report(name, "_erange", (int32_t)erange);
    report(name, "_eperm", (int32_t)eperm);
    report(name, "_other", (int32_t)other);
    char key[48];
    snprintf(key, sizeof key, "%s_first_odd", name);   /* the first gpa not refused with ERANGE */
    sg_hex(key, first_odd);
}

/* Guest-physical addresses that are not ours, all mapped read-write unless noted. */
static void attack_gpa(void) {
    report("gpa_", "ram_last", gpa_try(RAM_SIZE - MV_PAGE_SIZE, RW));   /* ours: granted */
    report("gpa_", "ram_end", gpa_try(RAM_SIZE, RW));
    report("gpa_", "unaligned", gpa_try(0x1800, RW));
    report("gpa_", "top", gpa_try(0xfffff000u, RW));
    report("gpa_", "2g", gpa_try(0x80000000u, RW));
    report("gpa_", "secret", gpa_try(VICTIM_SECRET_GPA, RW));
    report("gpa_", "victim_ro", gpa_try(VICTIM_RO_GPA, MV_MAP_READ));
    report("gpa_", "ro_read", gpa_try(RO_GPA, MV_MAP_READ));
    report("gpa_", "ro_write", gpa_try(RO_GPA, RW));
    report("gpa_", "ro_exec", gpa_try(RO_GPA, MV_MAP_READ | MV_MAP_EXEC));
    report("gpa_", "ro_last", gpa_try(RO_GPA + RO_SIZE - MV_PAGE_SIZE, MV_MAP_READ));
    report("gpa_", "ro_past", gpa_try(RO_GPA + RO_SIZE, MV_MAP_READ));
    report("gpa_", "ro_below", gpa_try(RO_GPA - MV_PAGE_SIZE, MV_MAP_READ));
    report("flags_", "none", mv_vmmu_map(SCRATCH_VA, BAIT, 0));
    report("flags_", "write_only", mv_vmmu_map(SCRATCH_VA, BAIT, MV_MAP_WRITE));
    report("flags_", "unknown", mv_vmmu_map(SCRATCH_VA, BAIT, MV_MAP_READ | 0x8u));
    if (mv_vmmu_map(SCRATCH_VA, RO_GPA, MV_MAP_READ) == 0)   /* the shared page, as the victim filled it */
        sg_hex("ro_word0", *(volatile uint32_t *)SCRATCH_VA);
    mv_vmmu_unmap(SCRATCH_VA);
    gpa_sweep("sweep_end", RAM_SIZE, RAM_SIZE + 4u * MIB, MV_PAGE_SIZE);   /* just past our RAM */
    gpa_sweep("sweep_mib", MIB, 0xfff00000u + 1u, MIB);                    /* every MiB to 4 GiB */
}

/* A translation the guest removed or replaced must not stay usable from the TLB. Only in
 * context 0 can QEMU show it: its TLB is flushed whenever the ASID changes, and every
 * switch to a process context changes it. Reports the word read after each change. */
static void stale_tlb(void) {
    volatile uint32_t *scratch = (volatile uint32_t *)SCRATCH_VA;
    mv_vmmu_map(SCRATCH_VA, RO_GPA, MV_MAP_READ);
    (void)*scratch;                                /* the translation is now in the TLB */
    mv_vmmu_map(SCRATCH_VA, BAIT, MV_MAP_READ);    /* replaced */
    sg_hex("replace_word", *scratch);
    mv_vmmu_map(SCRATCH_VA, RO_GPA, MV_MAP_READ);
    (void)*scratch;
    mv_vmmu_unmap(SCRATCH_VA);                     /* removed; then a new mapping */
    mv_vmmu_map(SCRATCH_VA, BAIT, MV_MAP_READ);
    sg_hex("unmap_word", *scratch);
    mv_vmmu_map(SCRATCH_VA, RO_GPA, MV_MAP_READ);
    (void)*scratch;
    mv_vmmu_flush(MV_CTX_KERNEL, SCRATCH_VA, MV_PAGE_SIZE);   /* removed by a range flush */
    mv_vmmu_map(SCRATCH_VA, BAIT, MV_MAP_READ);
    sg_hex("flush_word", *scratch);
    mv_vmmu_unmap(SCRATCH_VA);
}

/* Virtual addresses no guest may map or unmap, in context @p ctx (report keys @p p...). */
static void attack_va(const char *p, uint32_t ctx) {
    report(p, "va_2g", mv_ctx_map(ctx, 0x80000000u, BAIT, RW));
    report(p, "va_kernel", mv_ctx_map(ctx, 0xc0000000u, BAIT, RW));
    report(p, "va_uart", mv_ctx_map(ctx, 0xf9000000u, BAIT, RW));
    report(p, "va_top", mv_ctx_map(ctx, 0xfffff000u, BAIT, RW));
    report(p, "va_state", mv_ctx_map(ctx, MV_STATE_VA(0), BAIT, RW));
    report(p, "va_window", mv_ctx_map(ctx, MV_STATE_VA(3), BAIT, RW));   /* lowest state VA */
    report(p, "va_below_window", mv_ctx_map(ctx, MV_STATE_VA(4), BAIT, RW));   /* allowed */
    report(p, "va_unaligned", mv_ctx_map(ctx, MV_STATE_VA(4) + 0x800u, BAIT, RW));
    report(p, "unmap_state", mv_ctx_unmap(ctx, MV_STATE_VA(0)));
    report(p, "unmap_2g", mv_ctx_unmap(ctx, 0x80000000u));
    report(p, "flush_window", mv_vmmu_flush(ctx, MV_STATE_VA(4), 2u * MV_PAGE_SIZE));
    report(p, "flush_wrap", mv_vmmu_flush(ctx, MV_STATE_VA(4), 0xfffff000u));
}

/* The context copies make the microvisor touch memory for the guest: it must require the
 * guest's own rights on both sides. A copy that wrongly succeeds into "ro" shows up in the
 * victim's check; the others would read or write the microvisor's memory. */
static void attack_copy(uint32_t p) {
    uint32_t poison[16], word = 0, bad = 0;
    for (uint32_t i = 0; i < 16u; i++)
        poison[i] = POISON;
    mv_ctx_map(p, 0x50000000u, RO_GPA, MV_MAP_READ);   /* "ro", read-only, in the process */
    mv_ctx_map(p, 0x50001000u, BAIT, RW);              /* a page of ours, writable */
    mv_vmmu_map(SCRATCH_VA, RO_GPA, MV_MAP_READ);      /* "ro", read-only, in our space */
    report("copy_", "to_readonly", mv_copy_to_ctx(p, 0x50000000u, poison, sizeof poison, NULL));
    report("copy_", "kbuf_readonly", mv_copy_from_ctx(p, (void *)SCRATCH_VA, 0x50001000u, 64, NULL));
    report("copy_", "from_kernel_va", mv_copy_from_ctx(p, &word, 0xc0000000u, 4, NULL));
    report("copy_", "to_kernel_va", mv_copy_to_ctx(p, 0x80000000u, &word, 4, NULL));
    report("copy_", "kbuf_kernel_va", mv_copy_from_ctx(p, (void *)0xc0000000u, 0x50001000u, 4, NULL));
    report("copy_", "src_kernel_va", mv_copy_to_ctx(p, 0x50001000u, (void *)0xc0100000u, 4, NULL));
    report("copy_", "from_state_va", mv_copy_from_ctx(p, &word, MV_STATE_VA(0), 4, NULL));
    report("copy_", "too_long", mv_copy_from_ctx(p, &word, 0x50001000u, MV_COPY_MAX + 1u, NULL));
    report("copy_", "wrap", mv_copy_from_ctx(p, &word, 0xfffffffcu, 8, NULL));
    report("copy_", "kbuf_wrap", mv_copy_to_ctx(p, 0x50001000u, (void *)0xfffffffcu, 8, NULL));
    report("copy_", "past_page", mv_copy_from_ctx(p, poison, 0x50001ff8u, 16, &bad));
    sg_hex("copy_past_page_bad", bad);   /* the first address that is not mapped */
    mv_vmmu_unmap(SCRATCH_VA);
}

/* Contexts that do not exist, and operations on contexts in use. */
static void attack_contexts(uint32_t p) {
    uint32_t word = 0, bad[] = {0xffffffffu, QUOTA_CONTEXTS + 1u, 64u, 65u};
    const char *names[] = {"ffffffff", "quota_plus_1", "64", "65"};
    for (uint32_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char what[32];
        snprintf(what, sizeof what, "map_%s", names[i]);
        report("ctx_", what, mv_ctx_map(bad[i], SCRATCH_VA, BAIT, MV_MAP_READ));
    }
    report("ctx_", "unmap_bad", mv_ctx_unmap(0xffffffffu, SCRATCH_VA));
    report("ctx_", "flush_bad", mv_vmmu_flush(0xffffffffu, 0, 0));
    report("ctx_", "switch_bad", mv_ctx_switch(0xffffffffu));
    report("ctx_", "destroy_bad", mv_ctx_destroy(0xffffffffu));
    report("ctx_", "copy_from_bad", mv_copy_from_ctx(0xffffffffu, &word, SCRATCH_VA, 4, NULL));
    report("ctx_", "copy_to_bad", mv_copy_to_ctx(0xffffffffu, SCRATCH_VA, &word, 4, NULL));
    report("ctx_", "copy_from_kernel", mv_copy_from_ctx(MV_CTX_KERNEL, &word, BAIT, 4, NULL));
    report("ctx_", "flush_kernel_all", mv_vmmu_flush(MV_CTX_KERNEL, 0, 0));
    report("ctx_", "destroy_kernel", mv_ctx_destroy(MV_CTX_KERNEL));
    report("ctx_", "switch_p", mv_ctx_switch(p));
    report("ctx_", "destroy_current", mv_ctx_destroy(p));   /* our running vCPU's context */
    report("ctx_", "switch_none", mv_ctx_switch(MV_CTX_KERNEL));
    report("ctx_", "resume_none", mv_resume_user());
}

/* Create contexts until the quota refuses; destroy one and try to use it. */
static void exhaust_contexts(void) {
    int32_t rc, created = 0, highest = 0;
    while ((rc = mv_ctx_create()) > 0 && created < 70) {
        created++;
        highest = rc > highest ? rc : highest;
    }
    report("ctx_", "created", created);
    report("ctx_", "highest", highest);
    report("ctx_", "create_full", rc);
    uint32_t word = 0, doomed = 2u;
    report("ctx_", "map_before_destroy", mv_ctx_map(doomed, SCRATCH_VA, BAIT, RW));
    report("ctx_", "destroy", mv_ctx_destroy(doomed));
    report("ctx_", "map_destroyed", mv_ctx_map(doomed, SCRATCH_VA, BAIT, RW));
    report("ctx_", "unmap_destroyed", mv_ctx_unmap(doomed, SCRATCH_VA));
    report("ctx_", "switch_destroyed", mv_ctx_switch(doomed));
    report("ctx_", "copy_destroyed", mv_copy_from_ctx(doomed, &word, SCRATCH_VA, 4, NULL));
    report("ctx_", "destroy_again", mv_ctx_destroy(doomed));
    report("ctx_", "recreate", mv_ctx_create());   /* the lowest free index again: 2 */
    report("ctx_", "recreated_empty", mv_copy_from_ctx(doomed, &word, SCRATCH_VA, 4, NULL));
}

/* Page tables: many sections in process context @p p (evictions, it keeps working),
 * then in our own space until the quota holds nothing but guest-kernel tables. */
static void exhaust_tables(uint32_t p) {
    uint32_t ok = 0, copied = 0, present = 0, wrong = 0, last = 0, word;
    for (uint32_t i = 0; i < 64u; i++) {   /* the same page everywhere, word i at offset 4 i */
        ok += mv_ctx_map(p, 0x10000000u + i * MIB, (uint32_t)pt_page, RW) == 0;
        copied += mv_copy_to_ctx(p, 0x10000000u + i * MIB + 4u * i, &i, 4, NULL) == 0;
    }
    for (uint32_t i = 0; i < 64u; i++) {
        if (mv_copy_from_ctx(p, &word, 0x10000000u + i * MIB + 4u * i, 4, NULL) != 0)
            continue;   /* its table was evicted */
        present++;
        wrong += word != i;
        last = i;
    }
    report("pt_", "map_ok", (int32_t)ok);
    report("pt_", "copy_ok", (int32_t)copied);
    report("pt_", "present", (int32_t)present);
    report("pt_", "wrong", (int32_t)wrong);
    report("pt_", "last_present", (int32_t)last);
    int32_t rc, kernel = 0;
    while ((rc = mv_vmmu_map(0x20000000u + (uint32_t)kernel * MIB, BAIT, MV_MAP_READ)) == 0 && kernel < 64)
        kernel++;
    report("pt_", "kernel_sections", kernel);
    report("pt_", "kernel_full", rc);
    uint32_t readable = 0;   /* guest-kernel tables are never evicted */
    for (int32_t i = 0; i < kernel; i++)
        readable += *(volatile uint32_t *)(0x20000000u + (uint32_t)i * MIB) == BAIT_VALUE;
    report("pt_", "kernel_readable", (int32_t)readable);
    report("pt_", "process_after_full", mv_ctx_map(p, 0x30000000u, BAIT, MV_MAP_READ));
    present = 0;
    for (uint32_t i = 0; i < 64u; i++)
        present += mv_copy_from_ctx(p, &word, 0x10000000u + i * MIB + 4u * i, 4, NULL) == 0;
    report("pt_", "present_after_full", (int32_t)present);
}

int main(void) {
    mv_set_entry(unexpected_upcall, upcall_stack + sizeof upcall_stack);
    bait[0] = BAIT_VALUE;
    int32_t bits = mv_wait(0);   /* the victim has filled its memory */
    mv_virq_ack((uint32_t)bits);
    sg_hex("filled_bits", (uint32_t)bits);
    report("", "resume_no_ctx", mv_resume_user());   /* no process context yet */
    report("", "map_uncreated", mv_ctx_map(1, SCRATCH_VA, BAIT, MV_MAP_READ));
    attack_gpa();
    stale_tlb();
    int32_t p = mv_ctx_create();
    report("", "ctx_p", p);
    attack_va("k_", MV_CTX_KERNEL);
    attack_va("p_", (uint32_t)p);
    sg_hex("state_magic", mv_state_page(0)->magic);   /* still ours, still mapped */
    attack_copy((uint32_t)p);
    attack_contexts((uint32_t)p);
    exhaust_contexts();
    exhaust_tables((uint32_t)p);
    sg_int("poisoned", (int32_t)poisoned);
    sg_int("raise_done", mv_virq_raise(CAP_VICTIM));
    return 0;
}
