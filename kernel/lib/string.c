/* string.c - freestanding memory and string functions for the kernel.
 * `used`: the compiler itself emits calls to memcpy/memset (struct copies), which link-time
 * optimisation cannot see, so it must not discard them. */
#include "core/lib.h"
#include "arch.h"

/* (and GCC must not turn these loops back into calls to themselves) */
#define LIBFN __attribute__((used, optimize("no-tree-loop-distribute-patterns")))

/* Word-sized accesses that may alias anything. Most copies in the kernel are of
 * word-aligned objects (trap frames, page pieces): a struct mv_regs is 17 words, so a
 * word loop is four times shorter than a byte loop, and it runs on every upcall. */
typedef uint32_t __attribute__((may_alias)) word_t;
#define WORD_ALIGNED(a, b) (((uintptr_t)(a) | (uintptr_t)(b)) % sizeof(word_t) == 0)

LIBFN void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    if (WORD_ALIGNED(d, 0))
        for (word_t w = 0x01010101u * (unsigned char)c; n >= sizeof w; n -= sizeof w, d += sizeof w)
            *(word_t *)d = w;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

/* Forwards: 32-byte blocks by the architecture's bulk copy while both are aligned, then
 * words, then bytes. Also right for an overlapping destination below the source (each
 * block is read before it is written). Channel messages and page pieces go through
 * here, so its speed is the channel's. */
static inline void copy_forwards(unsigned char *d, const unsigned char *s, size_t n) {
    if (WORD_ALIGNED(d, s)) {
        size_t bulk = n & ~(size_t)31;
        if (bulk) {
            arch_copy_blocks(d, s, bulk / 32);
            d += bulk, s += bulk, n -= bulk;
        }
        for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t))
            *(word_t *)d = *(const word_t *)s;
    }
    while (n--)
        *d++ = *s++;
}

/* Backwards, for a destination that overlaps the source from above. */
static inline void copy_backwards(unsigned char *d, const unsigned char *s, size_t n) {
    if (WORD_ALIGNED(d + n, s + n))
        for (; n >= sizeof(word_t); n -= sizeof(word_t))
            *(word_t *)(d + n - sizeof(word_t)) = *(const word_t *)(s + n - sizeof(word_t));
    while (n--)
        d[n] = s[n];   /* the tail is read before it is overwritten */
}

LIBFN void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    copy_forwards(dst, src, n);
    return dst;
}

/* Overlap is allowed: a channel message may go from a shared region into itself. Only
 * a destination that starts inside the source needs the backwards copy. */
LIBFN void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d > s && d < s + n)
        copy_backwards(d, s, n);
    else
        copy_forwards(d, s, n);
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
