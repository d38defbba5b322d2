/* kprintf.c - a small printf for the console: enough for messages and panics. */
#include <stdarg.h>
#include "arch/arch.h"
#include "core/console.h"
#include "core/kprintf.h"
#include "core/lib.h"

struct sink {
    char *buf;       /* NULL: write to the console */
    size_t size, len;
};

static void put(struct sink *s, char c) {
    if (!s->buf)
        arch_console_putc(c);
    else if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void put_uint(struct sink *s, uint32_t v, unsigned base, int width, char pad) {
    char digits[11];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (width-- > n)
        put(s, pad);
    while (n)
        put(s, digits[--n]);
}

static void format(struct sink *s, const char *fmt, va_list ap) {
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(s, *fmt);
            continue;
        }
        char pad = ' ';
        int width = 0;
        if (*++fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'd': {
            int v = va_arg(ap, int);
            if (v < 0)
                put(s, '-');
            put_uint(s, v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, width, pad);
            break;
        }
        case 'u': put_uint(s, va_arg(ap, unsigned), 10, width, pad); break;
        case 'x': put_uint(s, va_arg(ap, unsigned), 16, width, pad); break;
        case 'p': put(s, '0'), put(s, 'x');
                  put_uint(s, (uint32_t)(uintptr_t)va_arg(ap, void *), 16, 8, '0'); break;
        case 'c': put(s, (char)va_arg(ap, int)); break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            for (str = str ? str : "(null)"; *str; str++)
                put(s, *str);
            break;
        }
        case '\0': return;
        default: put(s, '%'), put(s, *fmt); break;
        }
    }
}

void kprintf(const char *fmt, ...) {
    struct sink s = {0};
    console_break_line();   /* not in the middle of the console owner's line */
    va_list ap;
    va_start(ap, fmt);
    format(&s, fmt, ap);
    va_end(ap);
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...) {
    struct sink s = {buf, size, 0};
    va_list ap;
    va_start(ap, fmt);
    format(&s, fmt, ap);
    va_end(ap);
    if (size)
        buf[s.len < size ? s.len : size - 1] = '\0';
    return (int)s.len;
}

void kpanic(const char *fmt, ...) {
    struct sink s = {0};
    va_list ap;
    kprintf("[mv] PANIC: ");
    va_start(ap, fmt);
    format(&s, fmt, ap);
    va_end(ap);
    kprintf("\n");
    arch_poweroff();
}
