/*
 * sc_hypercalls.c - scenario of system test_hypercalls (VM "hc"): every hypercall
 * argument check we can reach from one VM.
 *
 * It reports the result of each call: the console write and its limits, the null
 * hypercall (and that it preserves registers), unknown numbers, caps that are out of
 * range, empty, of the wrong type or without the right, bad pointers, bad vMMU
 * mappings. The other VM ("peer", sc_peer.c) checks its memory before and after; at
 * the end "hc" wakes it through its one good cap.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "scenario_guest.h"

#define HC_RAM 0x100000u            /* ram_kb = 1024 in systems/test_hypercalls.c */
#define ALIAS_VA 0x00400000u        /* a free VA beyond RAM for test mappings */
#define SWEEP_PAGES 1024u           /* 4 MiB of guest-physical space beyond RAM */
#define RW (MV_MAP_READ | MV_MAP_WRITE)

/* Cap slots of "hc" (systems/test_hypercalls.c). */
enum { CAP_PEER_RAISE = 0, CAP_PEER_NORIGHT = 1, CAP_VCPU_CONTROL = 2, CAP_VCPU_NORIGHTS = 3,
       CAP_EMPTY = 7 };

/* null_regs_probe(out): r1..r12 <- known values, r7 = MV_HC_NULL, svc; out[0..12] <- r0..r12. */
void null_regs_probe(uint32_t out[13]);
__asm__(".pushsection .text.null_regs_probe, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n   .global null_regs_probe\n"
        "   .type null_regs_probe, %function\n   .thumb_func\n"
        "null_regs_probe:\n"
        "   push {r4-r11, lr}\n   push {r0}\n"
        "   ldr r1, =0x01010101\n   ldr r2, =0x02020202\n   ldr r3, =0x03030303\n"
        "   ldr r4, =0x04040404\n   ldr r5, =0x05050505\n   ldr r6, =0x06060606\n"
        "   movs r7, #0\n"
        "   ldr r8, =0x08080808\n   ldr r9, =0x09090909\n   ldr r10, =0x0a0a0a0a\n"
        "   ldr r11, =0x0b0b0b0b\n   ldr r12, =0x0c0c0c0c\n   ldr r0, =0xdeadbeef\n"
        "   svc #0\n"
        "   ldr lr, [sp]\n   stmia lr, {r0-r12}\n"
        "   add sp, sp, #4\n   pop {r4-r11, pc}\n"
        "   .ltorg\n   .popsection\n");

/* Fill block with @p lines result lines `@@ <nonce> <key> NN ...` of 64 bytes each. */
static void fill_lines(char *block, int lines, const char *key) {
    int pad = 63 - (16 + (int)strlen(key));   /* "@@ " nonce " " key " " NN " " = 16 + key */
    for (int i = 0; i < lines; i++) {
        snprintf(block + 64 * i, 65, "@@ %08x %s %02d %-*s", sg_nonce(), key, i, pad, "");
        block[64 * i + 63] = '\n';
    }
}

/* 16 lines: MV_CONSOLE_MAX bytes. */
static void fill_block(char *block, const char *key) { fill_lines(block, 16, key); }

static void check_console(void) {
    char line[64], block[MV_CONSOLE_MAX + 1];
    int n = snprintf(line, sizeof line, "@@ %08x cw_line hello\n", sg_nonce());
    sg_int("cw_ret", mv_console_write(line, (uint32_t)n));
    sg_int("cw_zero", mv_console_write(line, 0));
    fill_block(block, "cw_max_line");
    sg_int("cw_max", mv_console_write(block, MV_CONSOLE_MAX));
    fill_block(block, "cw_big_line");   /* one byte too many: none of it may be printed */
    block[MV_CONSOLE_MAX] = '\n';
    sg_int("cw_over", mv_console_write(block, MV_CONSOLE_MAX + 1));
}

static void check_pointers(void) {
    char here;
    sg_hex("stack_page", (uint32_t)&here & ~(MV_PAGE_SIZE - 1u));   /* proves HC_RAM is right */
    sg_int("cw_page0", mv_console_write((const void *)0x100, 8));
    sg_int("cw_beyond_ram", mv_console_write((const void *)(HC_RAM + 0x100), 8));
    sg_int("cw_wrap", mv_console_write((const void *)0xffffff00u, 0x200));
    sg_int("cw_kernel_low", mv_console_write((const void *)0x80000000u, 8));
    sg_int("cw_kernel_image", mv_console_write((const void *)0xc0100000u, 8));
    sg_int("cw_kernel_uart", mv_console_write((const void *)0xf9000000u, 8));
    sg_int("set_entry_kernel", mv_set_entry((void (*)(uint32_t, struct mv_state *))0xc0100000u,
                                            (void *)HC_RAM));
}

static void check_null(void) {
    uint32_t regs[13], clobbered = 0;
    int zeros = 0;
    for (int i = 0; i < 1000; i++)
        zeros += mv_null() == 0;
    sg_int("null_zero_count", zeros);
    null_regs_probe(regs);
    for (uint32_t i = 1; i < 13; i++)
        if (regs[i] != (i == 7 ? 0u : i * 0x01010101u))
            clobbered |= 1u << i;
    sg_hex("null_r0", regs[0]);
    sg_hex("null_clobbered", clobbered);   /* bit i: register ri changed */
    sg_int("enosys_count", mv_hypercall4(MV_HC_COUNT, 0, 0, 0, 0));
    sg_int("enosys_high", mv_hypercall4(0x80000000u, 0, 0, 0, 0));
    sg_int("enosys_max", mv_hypercall4(0xffffffffu, 0, 0, 0, 0));
}

static void check_caps(void) {
    sg_int("cap_raise_noright", mv_virq_raise(CAP_PEER_NORIGHT));
    sg_int("cap_raise_wrongtype", mv_virq_raise(CAP_VCPU_CONTROL));
    sg_int("cap_raise_empty", mv_virq_raise(CAP_EMPTY));
    sg_int("cap_raise_range", mv_virq_raise(16));
    sg_int("cap_raise_huge", mv_virq_raise(0xffffffffu));
    sg_int("cap_prio_noright", mv_vcpu_set_prio(CAP_VCPU_NORIGHTS, 1));
    sg_int("cap_prio_wrongtype", mv_vcpu_set_prio(CAP_PEER_RAISE, 1));
    sg_int("cap_stop_empty", mv_vcpu_stop(CAP_EMPTY));
}

static void check_vmmu(void) {
    volatile uint32_t *alias = (volatile uint32_t *)ALIAS_VA, *page1 = (volatile uint32_t *)0x1000;
    sg_int("map_ok", mv_vmmu_map(ALIAS_VA, 0x1000, RW));
    *alias = 0x600dcafeu;   /* through the new mapping ... */
    sg_hex("map_alias_readback", *page1);   /* ... seen at the page it maps */
    sg_int("unmap_ok", mv_vmmu_unmap(ALIAS_VA));
    sg_int("cw_unmapped", mv_console_write((const void *)ALIAS_VA, 4));
    sg_int("map_va_align", mv_vmmu_map(ALIAS_VA + 0x800, 0x1000, RW));
    sg_int("map_gpa_align", mv_vmmu_map(ALIAS_VA, 0x1004, RW));
    sg_int("map_flags_none", mv_vmmu_map(ALIAS_VA, 0x1000, 0));
    sg_int("map_flags_write_only", mv_vmmu_map(ALIAS_VA, 0x1000, MV_MAP_WRITE));
    sg_int("map_flags_unknown", mv_vmmu_map(ALIAS_VA, 0x1000, MV_MAP_READ | 0x8u));
    sg_int("map_beyond_ram", mv_vmmu_map(ALIAS_VA, HC_RAM, RW));
    sg_int("map_gpa_huge", mv_vmmu_map(ALIAS_VA, 0xfffff000u, RW));
    sg_int("map_state_page", mv_vmmu_map(MV_STATE_VA(0), 0x1000, RW));
    sg_int("map_state_window_low", mv_vmmu_map(MV_STATE_VA(3), 0x1000, RW));
    sg_int("map_kernel_va", mv_vmmu_map(0xc0000000u, 0x1000, RW));
    sg_int("unmap_state_page", mv_vmmu_unmap(MV_STATE_VA(0)));
    sg_int("unmap_align", mv_vmmu_unmap(ALIAS_VA + 4));
    sg_hex("state_magic_after", mv_state_page(0)->magic);
}

/* What an attacker would do: map every page past our RAM and, if the kernel lets us, write. */
static void attack_beyond_ram(void) {
    int refused = 0;
    for (uint32_t i = 0; i < SWEEP_PAGES; i++) {
        int32_t rc = mv_vmmu_map(ALIAS_VA, HC_RAM + i * MV_PAGE_SIZE, RW);
        refused += rc == MV_ERANGE;
        if (rc == 0)
            memset((void *)ALIAS_VA, 0xa5, MV_PAGE_SIZE);
    }
    sg_int("sweep_refused", refused);
}

static volatile int32_t other_stack_malloc = -100;   /* -100: vCPU 1 has not reported */
static uint64_t vcpu1_stack[256];                      /* in .bss: far below the heap's top */

static void vcpu1_malloc(uint32_t arg) {
    (void)arg;
    void *p = malloc(1024);
    other_stack_malloc = p != NULL;
    free(p);
    mv_vcpu_stop(CAP_VCPU_CONTROL);   /* stops itself: never returns */
}

/* The newlib runtime (userland/lib/syscalls.c): long writes, heap limits, other stacks. */
static void check_libc(void) {
    static char block[3 * MV_CONSOLE_MAX];   /* 48 lines: more than one console hypercall */
    fill_lines(block, 48, "libc_long_line");
    sg_int("libc_write", (int32_t)write(1, block, sizeof block));
    sg_int("malloc_too_big_null", malloc(HC_RAM) == NULL);
    void *p = malloc(64 * 1024);
    sg_int("malloc_64k_ok", p != NULL);
    free(p);
    sg_int("vcpu1_start", mv_vcpu_start(CAP_VCPU_CONTROL, vcpu1_malloc, vcpu1_stack + 256, 0));
    for (int i = 0; i < 1000 && other_stack_malloc == -100; i++)
        mv_yield();
    sg_int("malloc_other_stack", other_stack_malloc);
}

int main(void) {
    check_console();
    check_pointers();
    check_null();
    check_caps();
    check_vmmu();
    attack_beyond_ram();
    check_libc();
    sg_int("virq_raise_ok", mv_virq_raise(CAP_PEER_RAISE));   /* wakes "peer" */
    sg_int("done", 1);
    return 0;
}
