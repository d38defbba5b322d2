/**
 * @file scenario_guest.h
 * @brief For scenario programs (the trusted guests of the system tests): reporting facts.
 *
 * A scenario reports every fact it observed as one result line
 *
 *     @@ <nonce as 8 hex digits> <key> <value>
 *
 * The nonce is the one the test harness put in memory for this boot (the kernel copies
 * it into every state page as mv_state::boot_nonce). The host side
 * (autograder/lib/scenario.h) accepts only lines with the run's nonce. Scenarios report
 * raw observations (return codes, addresses, times); what the values *should* be is
 * decided by the Check tests on the host, never here.
 *
 * Keep result lines well below the kernel's console line (160 characters).
 */
#ifndef SCENARIO_GUEST_H
#define SCENARIO_GUEST_H

#include <stdarg.h>
#include <stdio.h>
#include "mv/guest.h"

/** @brief This boot's nonce (0 when booted without a harness). */
static inline uint32_t sg_nonce(void) { return mv_state_page(0)->boot_nonce; }

/** @brief Print the result line `@@ <nonce> <key> <printf(fmt, ...)>`. */
static inline __attribute__((format(printf, 2, 3))) void sg_result(const char *key, const char *fmt, ...) {
    va_list ap;
    printf("@@ %08x %s ", sg_nonce(), key);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");   /* stdout is line-buffered: the line leaves in one console write */
}

/** @brief Report a signed number (e.g. a hypercall's result). */
static inline void sg_int(const char *key, int32_t value) { sg_result(key, "%d", (int)value); }

/** @brief Report an address or bit pattern, as 0x%08x. */
static inline void sg_hex(const char *key, uint32_t value) { sg_result(key, "0x%08x", value); }

/** @brief Report a time or another 64-bit count, in decimal (newlib-nano's printf has no
 *  %llu, so it is printed in two parts). */
static inline void sg_time(const char *key, uint64_t t) {
    uint32_t hi = (uint32_t)(t / 1000000000u), lo = (uint32_t)(t % 1000000000u);
    if (hi)
        sg_result(key, "%u%09u", (unsigned)hi, (unsigned)lo);
    else
        sg_result(key, "%u", (unsigned)lo);
}

/** @brief A new context holding user code [@p code, @p code_end) (read, execute) and a stack
 *  [@p stack, @p stack_end) (read, write), made the context of this vCPU's guest-user mode.
 *  Reports `ctx_setup` (0, or the first error). @return the context, or a negative error. */
static inline int32_t sg_user_context(const void *code, const void *code_end, const void *stack,
                                      const void *stack_end) {
    int32_t ctx = mv_ctx_create(), rc = ctx < 0 ? ctx : 0;
    if (!rc)
        rc = mv_ctx_map_same((uint32_t)ctx, code, code_end, MV_MAP_READ | MV_MAP_EXEC);
    if (!rc)
        rc = mv_ctx_map_same((uint32_t)ctx, stack, stack_end, MV_MAP_READ | MV_MAP_WRITE);
    if (!rc)
        rc = mv_ctx_switch((uint32_t)ctx);
    sg_int("ctx_setup", rc);
    return rc ? rc : ctx;
}

#endif /* SCENARIO_GUEST_H */
