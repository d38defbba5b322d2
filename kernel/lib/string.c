/* string.c - freestanding memory and string functions for the kernel.
 * `used`: the compiler itself emits calls to memcpy/memset (struct copies), which link-time
 * optimisation cannot see, so it must not discard them. */
#include "core/lib.h"

#define LIBFN __attribute__((used))

LIBFN void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

LIBFN void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

/* Overlap is allowed: a channel message may go from a shared region into itself. */
LIBFN void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d <= s) {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    } else {
        while (n--)
            d[n] = s[n];   /* backwards: the tail is read before it is overwritten */
    }
    return dst;
}

LIBFN int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

LIBFN size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

LIBFN int strcmp(const char *a, const char *b) {
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}
