/*
 * main.c - minilinux's generic kernel starts here (kern_start(), called by the port once
 * it can take upcalls): the page allocator gets the free RAM, the file tree is unpacked
 * from the initramfs archive linked into the kernel image (mk/minilinux.mk), and init is
 * started from it with the console as its descriptors 0, 1 and 2.
 */
#include "kernel/exec.h"
#include "kernel/page.h"
#include "kernel/vfs.h"

/* The initramfs archive and the path of init in it, linked into the kernel image. */
extern const uint8_t ml_initramfs[], ml_initramfs_end[];
extern const char ml_init_path[];

static void start_init(struct proc *p) {
    static char nonce[] = "MV_BOOT_NONCE=00000000";
    for (uint32_t i = 0, v = port_boot_nonce(); i < 8; i++, v <<= 4)
        nonce[14 + i] = "0123456789abcdef"[v >> 28];
    const char *const argv[] = {ml_init_path, NULL};
    const char *const envp[] = {"HOME=/", "PATH=/bin", "TERM=linux", nonce, NULL};
    const uint8_t *image;
    uint32_t size;
    int rc = vfs_file_image(p, ml_init_path, &image, &size);
    if (!rc)
        rc = exec_image(p, ml_init_path, image, size, argv, envp);
    if (rc)
        kpanic("cannot start init (%s): error %d", ml_init_path, rc);
}

struct port_thread *kern_start(uintptr_t free_lo, uintptr_t free_hi) {
    page_init(free_lo, free_hi);
    kprintf("minilinux 0.2: %u KiB of memory free, starting init (%s)\n",
            page_free_count() * (LX_PAGE_SIZE / 1024u), ml_init_path);
    vfs_init(ml_initramfs, (uint32_t)(ml_initramfs_end - ml_initramfs));
    struct proc *p = proc_alloc();
    if (!p)
        kpanic("no process slot for init");
    p->pgid = p->sid = p->pid;
    sig_init(&p->sig);
    int rc = files_init(&p->files);
    if (rc)
        kpanic("init has no console: error %d", rc);
    start_init(p);
    p->state = PROC_RUNNABLE;
    return &p->th;
}
