/*
 * sc_regs.c - lab 1: register preservation. Every vCPU repeatedly loads r0-r12, lr, the
 * condition flags and TPIDRURW with a pattern of its own, spins (being preempted all the
 * time by short timeslices), then checks that every value is still there.
 */
#include "scenario_guest.h"

#define ROUNDS 1500
#define SPINS 4000
#define GAP 1500

/* regs_torture(seed, spins, out[14]): r0 = seed, r2..r12 = seed + n, lr = seed + 14,
 * NZCV = seed[31:28]; spin `spins` times without touching them (cbz does not set flags);
 * then store r0..r12 (r1 = APSR) and lr into out. */
void regs_torture(uint32_t seed, uint32_t spins, uint32_t *out);
__asm__(
    ".syntax unified\n .thumb\n .global regs_torture\n .type regs_torture, %function\n"
    ".thumb_func\n"
    "regs_torture:\n"
    "    push {r4-r11, lr}\n"
    "    sub sp, sp, #8\n"
    "    str r2, [sp]\n"
    "    and r3, r0, #0xf0000000\n"
    "    msr APSR_nzcvq, r3\n"
    "    add r2, r0, #2\n    add r3, r0, #3\n    add r4, r0, #4\n    add r5, r0, #5\n"
    "    add r6, r0, #6\n    add r7, r0, #7\n    add r8, r0, #8\n    add r9, r0, #9\n"
    "    add r10, r0, #10\n    add r11, r0, #11\n    add r12, r0, #12\n    add lr, r0, #14\n"
    "1:  sub r1, r1, #1\n"
    "    cbz r1, 2f\n"
    "    b 1b\n"
    "2:  mrs r1, APSR\n"
    "    str lr, [sp, #4]\n"
    "    ldr lr, [sp]\n"
    "    stmia lr, {r0-r12}\n"
    "    ldr r0, [sp, #4]\n"
    "    str r0, [lr, #52]\n"
    "    add sp, sp, #8\n"
    "    pop {r4-r11, pc}\n");

static uint8_t stacks[2][4096] __attribute__((aligned(8)));
static volatile uint32_t errors, preemptions, finished;

static uint32_t check(uint32_t seed, const uint32_t *out) {
    uint32_t bad = (out[0] != seed) + ((out[1] & 0xf0000000u) != (seed & 0xf0000000u))
                 + (out[13] != seed + 14);
    for (uint32_t i = 2; i <= 12; i++)
        bad += out[i] != seed + i;
    return bad;
}

static void torture(uint32_t id) {
    uint32_t out[14], last = mv_cycles();
    for (uint32_t i = 0; i < ROUNDS; i++) {
        uint32_t seed = (id << 28) ^ (i * 0x9e3779b1u) ^ 0x5000u;   /* varies NZCV too */
        uint32_t tls = seed ^ 0xa5a5a5a5u;
        __asm__ volatile("mcr p15, 0, %0, c13, c0, 2" ::"r"(tls));
        regs_torture(seed, SPINS, out);
        uint32_t tls_now;
        __asm__ volatile("mrc p15, 0, %0, c13, c0, 2" : "=r"(tls_now));
        uint32_t now = mv_cycles();
        __atomic_fetch_add(&errors, check(seed, out) + (tls_now != tls), __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&preemptions, now - last > SPINS * 3 + GAP, __ATOMIC_SEQ_CST);
        last = now;
    }
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

static void secondary(uint32_t id) {
    torture(id);
    mv_vcpu_stop(id);
    for (;;)
        ;
}

int main(void) {
    mv_vcpu_start(1, secondary, stacks[1] + sizeof stacks[1], 1);
    torture(0);
    while (finished < 2)
        mv_yield();
    sg_int("reg_errors", (int32_t)errors);
    sg_int("preempted_rounds", (int32_t)preemptions);
    sg_int("rounds", 2 * ROUNDS);
    return 0;
}
