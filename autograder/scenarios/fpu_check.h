/**
 * @file fpu_check.h
 * @brief Floating-point checks shared by the guests that test the VFP/NEON switch
 *        (sc_fpu.c on the microvisor, fptest.c in minilinux) and by the host tests.
 *
 * Two checks, each bit for bit:
 * - fpu_hold(): load all 32 double registers and FPSCR with a pattern, spin long enough
 *   to be preempted many times (by another vCPU, another VM, another process), then
 *   store them: every register must come back unchanged;
 * - fpu_series(): a chain of IEEE double operations (multiply, divide, add, square root)
 *   whose exact result the host computes too: the arithmetic itself must be right.
 */
#ifndef FPU_CHECK_H
#define FPU_CHECK_H

#include <stdint.h>
#include <string.h>

/** @brief Operations in each fpu_series() of a round. */
#define FPU_SERIES_N 40u
/** @brief Rounds of each vCPU of sc_fpu.c. */
#define SC_FPU_ROUNDS 400u

/** @brief Processes of minilinux's fptest.c that check at once (init and its children). */
#define FPTEST_WORKERS 4u
/** @brief Rounds of each of them. */
#define FPTEST_ROUNDS 24u
/** @brief Their seed (fpu_round_seed()'s base). */
#define FPTEST_SEED 0x6d6c0000u

/** @brief FPSCR bits a guest may set and read back: N Z C V, QC, AHP, DN, FZ, RMode, and
 *  the cumulative exception flags IDC, IXC, UFC, OFC, DZC, IOC. */
#define FPU_FPSCR_MASK 0xffc0009fu

/** @brief fpu_hold()'s arguments and results (the assembly knows these offsets). */
struct fpu_hold {
    uint64_t pat[32];     /**< [0]: loaded into d0..d31. */
    uint64_t out[32];     /**< [256]: d0..d31 after the spin. */
    uint32_t fpscr_in;    /**< [512]: written to FPSCR before the spin. */
    uint32_t fpscr_out;   /**< [516]: FPSCR after it. */
    uint32_t spins;       /**< [520]: loop iterations (core registers only). */
};

/** @brief The pattern of round @p seed: every register and FPSCR gets a value of its own. */
static inline void fpu_pattern(struct fpu_hold *h, uint32_t seed, uint32_t spins) {
    for (uint32_t i = 0; i < 32; i++) {
        uint32_t lo = seed * 0x9e3779b1u + i * 0x01010101u;
        h->pat[i] = ((uint64_t)(lo ^ 0xdeadbeefu ^ (i << 24)) << 32) | lo;
    }
    h->fpscr_in = (seed * 0x2545f491u) & FPU_FPSCR_MASK;
    h->spins = spins;
}

/** @brief How many of the 32 registers and FPSCR did not come back (0: all did). */
static inline uint32_t fpu_hold_errors(const struct fpu_hold *h) {
    uint32_t bad = (h->fpscr_out & FPU_FPSCR_MASK) != h->fpscr_in;
    for (uint32_t i = 0; i < 32; i++)
        bad += h->out[i] != h->pat[i];
    return bad;
}

#ifdef __arm__
/** @brief Load d0-d31 and FPSCR from @p h, spin, store them back into @p h (see struct
 *  fpu_hold); FPSCR is 0 again on return. Preserves d8-d15 (the AAPCS asks it). */
void fpu_hold(struct fpu_hold *h);
__asm__(".syntax unified\n .thumb\n .fpu neon\n"
        ".global fpu_hold\n .type fpu_hold, %function\n .thumb_func\n"
        "fpu_hold:\n"
        "    vpush {d8-d15}\n"
        "    ldr r1, [r0, #512]\n    vmsr fpscr, r1\n"
        "    vldmia r0, {d0-d15}\n"
        "    add r2, r0, #128\n    vldmia r2, {d16-d31}\n"
        "    ldr r1, [r0, #520]\n"
        "1:  subs r1, r1, #1\n    bne 1b\n"
        "    vmrs r1, fpscr\n    str r1, [r0, #516]\n"
        "    add r2, r0, #256\n    vstmia r2!, {d0-d15}\n    vstmia r2, {d16-d31}\n"
        "    movs r1, #0\n    vmsr fpscr, r1\n"
        "    vpop {d8-d15}\n"
        "    bx lr\n");

/** @brief All 32 double registers and FPSCR as they are now, in @p d and @p fpscr (a fresh
 *  vCPU or process must find zeros: nothing left by anyone else). */
void fpu_peek(uint64_t d[32], uint32_t *fpscr);
__asm__(".syntax unified\n .thumb\n .fpu neon\n"
        ".global fpu_peek\n .type fpu_peek, %function\n .thumb_func\n"
        "fpu_peek:\n"
        "    vstmia r0!, {d0-d15}\n    vstmia r0, {d16-d31}\n"
        "    vmrs r2, fpscr\n    str r2, [r1]\n"
        "    bx lr\n");

/* How many of the registers a program or vCPU finds before its first floating-point
 * instruction are not zero (d0-d31 and FPSCR): anything else leaked from another. */
static inline uint32_t fpu_dirty(void) {
    uint64_t d[32];
    uint32_t fpscr, dirty;
    fpu_peek(d, &fpscr);
    dirty = fpscr != 0;
    for (uint32_t i = 0; i < 32; i++)
        dirty += d[i] != 0;
    return dirty;
}
#endif

/** @brief A chain of @p n IEEE double operations from @p seed; its bits, which the host
 *  computes the same way. (Compile with -ffp-contract=off: no fused multiply-add.) */
static inline uint64_t fpu_series(uint32_t seed, uint32_t n) {
    volatile double x = 1.0 + (double)seed / 4294967296.0;
    for (uint32_t i = 0; i < n; i++)
        x = x * 1.0000001 + 1.0 / (double)(i + 3) - __builtin_sqrt(x) * 0.001;
    double r = x;
    uint64_t bits;
    memcpy(&bits, &r, sizeof bits);
    return bits;
}

/** @brief The seed of round @p round of worker @p id (a vCPU, a process) of a guest whose
 *  own seed is @p base: every worker and round has registers of its own. */
static inline uint32_t fpu_round_seed(uint32_t base, uint32_t id, uint32_t round) {
    return base ^ (id << 28) ^ (round * 0x01000193u);
}

/** @brief What a worker's fpu_series() results XOR to over @p rounds rounds of @p n
 *  operations each (the host recomputes a guest's figure with it). */
static inline uint64_t fpu_series_sum(uint32_t base, uint32_t id, uint32_t rounds, uint32_t n) {
    uint64_t sum = 0;
    for (uint32_t i = 0; i < rounds; i++)
        sum ^= fpu_series(fpu_round_seed(base, id, i), n);
    return sum;
}

#endif /* FPU_CHECK_H */
