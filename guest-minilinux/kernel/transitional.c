/*
 * transitional.c - TEMPORARY weak stand-ins for the files, signals and tty parts of the
 * kernel while they are written on other branches; each real definition overrides its
 * stand-in. Deleted when those branches merge.
 */
#include "kernel/proc.h"
#include "kernel/tty.h"
#include "kernel/vfs.h"

#define WEAK __attribute__((weak))

extern const uint8_t ml_initramfs[], ml_initramfs_end[];

WEAK int files_init(struct files *fs) { (void)fs; return 0; }
WEAK int files_fork(struct files *c, const struct files *p) { (void)c, (void)p; return 0; }
WEAK void files_exec(struct files *fs) { (void)fs; }
WEAK void files_close_all(struct files *fs) { (void)fs; }
WEAK void vfs_init(const uint8_t *archive, uint32_t size) { (void)archive, (void)size; }
WEAK int vfs_file_image(struct proc *p, const char *path, const uint8_t **data, uint32_t *size) {
    (void)p, (void)path;
    *data = ml_initramfs;   /* the old blob: the init program itself */
    *size = (uint32_t)(ml_initramfs_end - ml_initramfs);
    return 0;
}
