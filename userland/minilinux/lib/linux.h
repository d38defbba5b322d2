/**
 * @file linux.h
 * @brief Raw Linux system calls for minilinux programs (ARM EABI: `svc #0`, the number
 *        in r7), and what crt0 found on the initial stack.
 *
 * This is the user side of guest-minilinux/include/minilinux/abi.h. Programs normally use
 * newlib (printf, malloc, exit) and lib/posix.h, whose functions are built on these calls.
 *
 * Numbering: programs are compiled against newlib's headers, whose errno, signal, open-flag
 * and clock numbers are not Linux's (newlib's SIGCHLD is 20, Linux's 17; newlib's ENOSYS
 * is 88, Linux's 38). The runtime translates at the system-call boundary, so a program sees
 * only newlib's numbers and the kernel only Linux's.
 */
#ifndef MINILINUX_USER_LINUX_H
#define MINILINUX_USER_LINUX_H

#include <stdint.h>
#include "minilinux/abi.h"
#include "minilinux/abi_types.h"

/** @brief System call @p nr with up to six arguments; returns r0 (-errno on failure). */
static inline int32_t lx_syscall6(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
                                  uint32_t a3, uint32_t a4, uint32_t a5) {
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    register uint32_t r4 __asm__("r4") = a4;
    register uint32_t r5 __asm__("r5") = a5;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0"
                     : "+r"(r0)
                     : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
                     : "memory");
    return (int32_t)r0;
}

/** @brief System call @p nr with three arguments; returns r0 (a negative errno on failure). */
static inline int32_t lx_syscall3(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2) {
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
    return (int32_t)r0;
}

/** @brief Shorthand: a call whose arguments are pointers or ints, cast to registers. */
#define LX_SC(nr, a, b, c) lx_syscall3((nr), (uint32_t)(a), (uint32_t)(b), (uint32_t)(c))

/** @brief write(2) without errno: bytes written or -errno. */
static inline int32_t lx_write(int fd, const void *buf, uint32_t n) {
    return lx_syscall3(LX_NR_write, (uint32_t)fd, (uint32_t)buf, n);
}
/** @brief getpid(2). */
static inline int32_t lx_getpid(void) { return lx_syscall3(LX_NR_getpid, 0, 0, 0); }
/** @brief brk(2): the new break, or the old one on failure. */
static inline uint32_t lx_brk(uint32_t addr) { return (uint32_t)lx_syscall3(LX_NR_brk, addr, 0, 0); }
/** @brief exit_group(2). */
static inline __attribute__((noreturn)) void lx_exit_group(int status) {
    lx_syscall3(LX_NR_exit_group, (uint32_t)status, 0, 0);
    for (;;)
        ;
}

/** @brief The auxiliary vector crt0 found (pairs of key and value, ending with LX_AT_NULL). */
extern const uint32_t *lx_auxv;
/** @brief The value of auxv entry @p key, or 0 if there is none. */
uint32_t lx_getauxval(uint32_t key);

/** @brief A raw result as libc returns it: -4095..-1 sets errno (newlib's number) and
 *         gives -1; anything else is returned as is. */
int lx_ret(int32_t rc);
/** @brief newlib's errno number for Linux errno @p lx_err. */
int lx_errno_from_linux(int lx_err);

/** @brief Linux's number of newlib signal @p sig, 0 if Linux has none. */
int lx_sig_to_linux(int sig);
/** @brief newlib's number of Linux signal @p lsig, 0 if newlib has none. */
int lx_sig_from_linux(int lsig);
/** @brief A Linux wait status with its signal numbers translated to newlib's. */
int lx_wstatus_from_linux(int status);

#endif
