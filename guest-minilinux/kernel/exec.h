/**
 * @file exec.h
 * @brief Starting a program in a process: execve (from a path, with arguments from the
 *        process's memory) and the kernel's own start of init.
 */
#ifndef MINILINUX_EXEC_H
#define MINILINUX_EXEC_H

#include "kernel/proc.h"

#define EXEC_ARGS_MAX 64u      /**< Strings of argv plus envp. */
#define EXEC_ARGS_BYTES 4096u  /**< Their bytes, terminators included (E2BIG beyond). */

/**
 * @brief Replace the program of @p p by the ELF image @p image of @p size bytes, with
 *        arguments @p argv and environment @p envp (kernel strings, NULL-terminated arrays)
 *        and file name @p path (AT_EXECFN, and the process's name). On success @p p has a
 *        new address space, memory and registers; on failure it is unchanged.
 * @return 0, -LX_ENOEXEC (not a static ARM executable), -LX_E2BIG, -LX_ENOMEM.
 */
int exec_image(struct proc *p, const char *path, const uint8_t *image, uint32_t size,
               const char *const argv[], const char *const envp[]);

#endif
