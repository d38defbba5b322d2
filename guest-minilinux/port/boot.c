/*
 * boot.c - minilinux's port: boot, console output, power-off and the port's own errors.
 *
 * port_boot() registers the upcall entry on a stack of its own, hands the free RAM to
 * the generic kernel (kern_start()), starts the tick (tick.c) and runs the first process.
 * From then on the guest kernel runs only in upcalls (upcall.c).
 */
#include "port/port_internal.h"

#define UPCALL_STACK_BYTES 8192u
#define BOOT_STACK_BYTES (16u * 1024u)   /* below the top of RAM: start.S's stack */

extern char end[];   /* the end of the kernel image (userland/lib/guest.ld) */

static uint8_t upcall_stack[UPCALL_STACK_BYTES] __attribute__((aligned(8)));

void port_console_write(const char *buf, uint32_t len) {
    while (len) {
        uint32_t n = len < MV_CONSOLE_MAX ? len : MV_CONSOLE_MAX;
        if (mv_console_write(buf, n) < 0)
            return;   /* our own buffer: cannot fail */
        buf += n;
        len -= n;
    }
}

void port_poweroff(int code) { mv_vm_exit(code); }

uint64_t port_time_ns(void) { return mv_time(); }

uint32_t port_boot_nonce(void) { return port_state()->boot_nonce; }

void port_puts(const char *s) {
    uint32_t len = 0;
    while (s[len])
        len++;
    port_console_write(s, len);
}

void port_panic(const char *what, int32_t rc) {
    static const char msg[] = "minilinux: port panic: ";
    char num[12];
    uint32_t v = rc < 0 ? (uint32_t)-rc : (uint32_t)rc, i = sizeof num;
    do
        num[--i] = (char)('0' + v % 10u);
    while ((v /= 10u) && i > 1);
    if (rc < 0)
        num[--i] = '-';
    port_console_write(msg, sizeof msg - 1);
    port_puts(what);
    port_console_write(" ", 1);
    port_console_write(num + i, sizeof num - i);
    port_console_write("\n", 1);
    mv_vm_exit(-1);
}

void port_not_implemented(const char *what, const char *file) {
    static const char msg[] = "minilinux: lab 5: not implemented: ";
    port_console_write(msg, sizeof msg - 1);
    port_puts(what);
    port_console_write(" (", 2);
    port_puts(file);
    port_console_write(")\n", 2);
    mv_vm_exit(-1);
}

/** @brief The first C code: set up upcalls, start the generic kernel and its first process. */
void port_boot(uintptr_t ram_top) __attribute__((noreturn));
void port_boot(uintptr_t ram_top) {
    int32_t rc = mv_set_entry(port_upcall, upcall_stack + sizeof upcall_stack);
    if (rc)
        port_panic("mv_set_entry", rc);
    uintptr_t lo = ((uintptr_t)end + MV_PAGE_SIZE - 1u) & ~(uintptr_t)(MV_PAGE_SIZE - 1u);
    uintptr_t hi = (ram_top - BOOT_STACK_BYTES) & ~(uintptr_t)(MV_PAGE_SIZE - 1u);
    struct port_thread *first = kern_start(lo, hi);
    port_tick_start();
    port_start(first);
}
