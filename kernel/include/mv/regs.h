/**
 * @file regs.h
 * @brief Copying a saved register context (struct mv_regs) quickly. The microvisor copies
 *        one at every upcall and every resume; a guest kernel copies one each way at every
 *        system call of its processes (minilinux's port): one copy routine for both.
 */
#ifndef MV_REGS_H
#define MV_REGS_H

#include "mv/abi.h"

_Static_assert(sizeof(struct mv_regs) == 17 * 4, "mv_regs_copy() copies 17 words");

/**
 * @brief Copy the 17 words of @p src to @p dst.
 *
 * Two 8-register ldm/stm pairs and one word: a struct copy would call memcpy(), several
 * times the cost on this hot path. Host builds (the unit tests) copy the struct.
 */
static inline void mv_regs_copy(struct mv_regs *dst, const struct mv_regs *src) {
#if defined(__arm__)
    __asm__ volatile("ldmia %1!, {r2-r6, r8, r9, ip}\n\tstmia %0!, {r2-r6, r8, r9, ip}\n\t"
                     "ldmia %1!, {r2-r6, r8, r9, ip}\n\tstmia %0!, {r2-r6, r8, r9, ip}\n\t"
                     "ldr r2, [%1]\n\tstr r2, [%0]"
                     : "+r"(dst), "+r"(src)
                     :
                     : "r2", "r3", "r4", "r5", "r6", "r8", "r9", "ip", "memory");
#else
    *dst = *src;
#endif
}

#endif
