/**
 * @file exec.h
 * @brief Starting a program in a process: its ELF image, its stack with Linux's initial
 *        layout (argc, argv, envp, auxv) and its first registers.
 */
#ifndef MINILINUX_EXEC_H
#define MINILINUX_EXEC_H

#include "kernel/proc.h"

/**
 * @brief Load the program in [@p image, @p image + @p size) into @p p (whose memory is
 *        empty) with arguments @p argv and environment @p envp (NULL-terminated kernel
 *        strings), and make it runnable at the program's entry.
 * @return 0; -LX_ENOEXEC (not a static ARM executable), -LX_ENOMEM, -LX_E2BIG (the
 *         strings and vectors do not fit the first stack page).
 */
int exec_image(struct proc *p, const uint8_t *image, uint32_t size, const char *const argv[],
               const char *const envp[]);

#endif
