/** @file lib.h @brief The few C library functions the kernel uses (kernel/lib provides them). */
#ifndef MV_LIB_H
#define MV_LIB_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** @brief Number of elements of a true array. */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/**
 * @brief Keeps a function out of line. The kernel is built with link-time optimisation,
 *        which would otherwise inline these into their only caller: then GDB could not
 *        `break` on them. Used on the few places the handouts tell you to stop.
 */
#define DEBUG_VISIBLE __attribute__((noinline))
#endif
