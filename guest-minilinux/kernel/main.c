/*
 * main.c - minilinux's generic kernel starts here (kern_start(), called by the port once
 * it can take upcalls): the page allocator gets the free RAM, and init is created from
 * the program linked into the kernel image (mk/minilinux.mk puts it there).
 */
#include "kernel/exec.h"
#include "kernel/page.h"

/* The init program's ELF image and name, linked into the kernel image as a blob. */
extern const uint8_t ml_init_image[], ml_init_image_end[];
extern const char ml_init_name[];

struct port_thread *kern_start(uintptr_t free_lo, uintptr_t free_hi) {
    page_init(free_lo, free_hi);
    kprintf("minilinux 0.1: %u KiB of memory free, starting init (%s)\n",
            page_free_count() * (LX_PAGE_SIZE / 1024u), ml_init_name);
    const char *const argv[] = {ml_init_name, NULL};
    const char *const envp[] = {"HOME=/", "TERM=linux", NULL};
    struct proc *p = proc_alloc();
    if (!p)
        kpanic("no process slot for init");
    int rc = exec_image(p, ml_init_image, (uint32_t)(ml_init_image_end - ml_init_image), argv, envp);
    if (rc)
        kpanic("cannot start init: error %d", rc);
    return &p->th;
}
