/** @file kprintf.h @brief The kernel's console output: a small printf and panic. */
#ifndef MV_KPRINTF_H
#define MV_KPRINTF_H
#include <stdarg.h>
#include <stddef.h>

/** @brief printf to the console. Supports %s %c %d %u %x %p and a width/zero pad (%08x). */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** @brief Format into @p buf (at most @p size bytes, always NUL-terminated). Returns the length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/** @brief Print "[mv] PANIC: ..." and power off. For kernel bugs, never for guest errors. */
void kpanic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
#endif
