/**
 * @file cp15.h
 * @brief Accessors for the ARMv7 system-control coprocessor registers the kernel uses.
 */
#ifndef MV_CP15_H
#define MV_CP15_H

#include <stdint.h>

#define CP15_READ(name, op1, crn, crm, op2)                                      \
    static inline uint32_t name##_read(void) {                                   \
        uint32_t v;                                                              \
        __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2      \
                         : "=r"(v));                                             \
        return v;                                                                \
    }
#define CP15_WRITE(name, op1, crn, crm, op2)                                     \
    static inline void name##_write(uint32_t v) {                                \
        __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2      \
                         :: "r"(v) : "memory");                                  \
    }
#define CP15_RW(name, op1, crn, crm, op2)                                        \
    CP15_READ(name, op1, crn, crm, op2) CP15_WRITE(name, op1, crn, crm, op2)

CP15_RW(ttbr0, 0, c2, c0, 0)
CP15_RW(contextidr, 0, c13, c0, 1)
CP15_READ(dfsr, 0, c5, c0, 0)
CP15_READ(ifsr, 0, c5, c0, 1)
CP15_READ(dfar, 0, c6, c0, 0)
CP15_READ(ifar, 0, c6, c0, 2)
CP15_RW(tpidrurw, 0, c13, c0, 2)
CP15_RW(tpidruro, 0, c13, c0, 3)
CP15_WRITE(tlbimva, 0, c8, c7, 1)       /* invalidate unified TLB entry by MVA + ASID */
CP15_WRITE(tlbiasid, 0, c8, c7, 2)      /* invalidate unified TLB entries by ASID */
CP15_RW(pmcr, 0, c9, c12, 0)
CP15_WRITE(pmcntenset, 0, c9, c12, 1)
CP15_WRITE(pmuserenr, 0, c9, c14, 0)
CP15_READ(cntfrq, 0, c14, c0, 0)
CP15_RW(cntp_ctl, 0, c14, c2, 1)
CP15_WRITE(cntkctl, 0, c14, c1, 0)

static inline uint64_t cntpct_read(void) {
    uint32_t lo, hi;
    __asm__ volatile("isb; mrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));
    return ((uint64_t)hi << 32) | lo;
}
static inline void cntp_cval_write(uint64_t v) {
    __asm__ volatile("mcrr p15, 2, %0, %1, c14" ::"r"((uint32_t)v), "r"((uint32_t)(v >> 32)));
}
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }

#endif
