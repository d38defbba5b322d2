/*
 * string.c - the few string functions the generic kernel uses (it has no C library).
 * The compiler may also call memset and memcpy by itself, for struct copies.
 */
#include "kernel/kernel.h"

/* GCC may turn a copy loop back into a call to memcpy (loop distribution): not here. */
#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

/* Word at a time when both pointers are word aligned (struct copies, whole pages: fork
 * copies pages and every page comes zeroed, so these are on the hot paths), else bytes. */
NO_LIBCALL void *memset(void *d, int c, size_t n) {
    unsigned char *p = d;
    if (((uintptr_t)p & 3u) == 0) {
        uint32_t w = (unsigned char)c * 0x01010101u;
        for (; n >= 16; n -= 16, p += 16) {
            uint32_t *q = (uint32_t *)(void *)p;
            q[0] = w, q[1] = w, q[2] = w, q[3] = w;
        }
        for (; n >= 4; n -= 4, p += 4)
            *(uint32_t *)(void *)p = w;
    }
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

NO_LIBCALL void *memcpy(void *d, const void *s, size_t n) {
    unsigned char *p = d;
    const unsigned char *q = s;
    if ((((uintptr_t)p | (uintptr_t)q) & 3u) == 0) {
        for (; n >= 16; n -= 16, p += 16, q += 16) {
            uint32_t *dw = (uint32_t *)(void *)p;
            const uint32_t *sw = (const uint32_t *)(const void *)q;
            uint32_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
            dw[0] = a, dw[1] = b, dw[2] = c, dw[3] = e;
        }
        for (; n >= 4; n -= 4, p += 4, q += 4)
            *(uint32_t *)(void *)p = *(const uint32_t *)(const void *)q;
    }
    while (n--)
        *p++ = *q++;
    return d;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

void kstrlcpy(char *d, const char *s, size_t size) {
    size_t i = 0;
    for (; size && i < size - 1 && s[i]; i++)
        d[i] = s[i];
    if (size)
        d[i] = '\0';
}
