/*
 * printk.c - the kernel's console output: a small printf that collects a line and hands
 * it to the port in one piece, so a kernel message is never split across writes.
 */
#include "kernel/kernel.h"

#define LINE_MAX 160

struct line {
    char buf[LINE_MAX];
    uint32_t len;
};

static void flush(struct line *l) {
    port_console_write(l->buf, l->len);
    l->len = 0;
}

static void put(struct line *l, char c) {
    if (l->len == LINE_MAX)
        flush(l);
    l->buf[l->len++] = c;
    if (c == '\n')
        flush(l);
}

static void put_num(struct line *l, uint32_t v, uint32_t base, int neg, int width, char pad) {
    char digits[12];
    int n = 0;
    do
        digits[n++] = "0123456789abcdef"[v % base];
    while ((v /= base) != 0);
    if (neg)
        digits[n++] = '-';
    for (; width > n; width--)
        put(l, pad);
    while (n)
        put(l, digits[--n]);
}

void kvprintf(const char *fmt, va_list ap) {
    struct line l = {.len = 0};
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&l, *fmt);
            continue;
        }
        char pad = ' ';
        int width = 0;
        if (*++fmt == '0')
            pad = *fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'd': {
            int v = va_arg(ap, int);
            put_num(&l, v < 0 ? -(uint32_t)v : (uint32_t)v, 10, v < 0, width, pad);
            break;
        }
        case 'u': put_num(&l, va_arg(ap, uint32_t), 10, 0, width, pad); break;
        case 'x': put_num(&l, va_arg(ap, uint32_t), 16, 0, width, pad); break;
        case 'p':
            put(&l, '0');
            put(&l, 'x');
            put_num(&l, (uint32_t)(uintptr_t)va_arg(ap, void *), 16, 0, 8, '0');
            break;
        case 'c': put(&l, (char)va_arg(ap, int)); break;
        case 's':
            for (const char *s = va_arg(ap, const char *); *s; s++)
                put(&l, *s);
            break;
        case '\0': fmt--; break;
        default: put(&l, *fmt); break;
        }
    }
    if (l.len)
        flush(&l);
}

void kprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}

void kpanic(const char *fmt, ...) {
    va_list ap;
    kprintf("minilinux: panic: ");
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    port_poweroff(-1);
}
