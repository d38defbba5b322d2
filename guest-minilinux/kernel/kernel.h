/**
 * @file kernel.h
 * @brief What every file of minilinux's generic kernel uses: kprintf(), kpanic(), the
 *        string functions and a few helpers. The generic kernel reaches the machine only
 *        through port/port.h.
 */
#ifndef MINILINUX_KERNEL_H
#define MINILINUX_KERNEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "minilinux/abi.h"
#include "port/port.h"

/** @brief Round @p x down to a page boundary. */
#define PAGE_DOWN(x) ((uint32_t)(x) & ~(LX_PAGE_SIZE - 1u))
/** @brief Round @p x up to a page boundary. */
#define PAGE_UP(x) (((uint32_t)(x) + LX_PAGE_SIZE - 1u) & ~(LX_PAGE_SIZE - 1u))

/** @brief printf to the console: %d %u %x %s %c %p and %%, with a width and 0 flag
 *  (e.g. %08x). Output is collected into lines of at most 160 bytes. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** @brief kprintf() with a va_list. */
void kvprintf(const char *fmt, va_list ap);
/** @brief Print "minilinux: panic: ..." and stop the guest. */
void kpanic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/** @brief Fill @p n bytes at @p d with @p c. */
void *memset(void *d, int c, size_t n);
/** @brief Copy @p n bytes (not overlapping). */
void *memcpy(void *d, const void *s, size_t n);
/** @brief Compare @p n bytes. */
int memcmp(const void *a, const void *b, size_t n);
/** @brief Length of string @p s. */
size_t strlen(const char *s);
/** @brief Copy string @p s into @p d of @p size bytes, always terminated (truncates). */
void kstrlcpy(char *d, const char *s, size_t size);

#endif
