/**
 * @file uaccess.h
 * @brief Reading strings and words from a process's memory (on top of port.h's copies):
 *        every pointer a process passes is checked, and a bad one is -LX_EFAULT.
 */
#ifndef MINILINUX_UACCESS_H
#define MINILINUX_UACCESS_H

#include "kernel/kernel.h"

struct proc;

/**
 * @brief Copy the NUL-terminated string at user address @p uva of @p p into @p dst
 *        (@p size bytes, terminator included).
 * @return its length, -LX_EFAULT, or @p too_long (e.g. -LX_ENAMETOOLONG) when it does not fit.
 */
int user_strcpy(struct proc *p, char *dst, uint32_t uva, uint32_t size, int too_long);

/** @brief Read the 32-bit word at user address @p uva into *@p w. @return 0, -LX_EFAULT. */
int user_word(struct proc *p, uint32_t uva, uint32_t *w);

/** @brief Write 32-bit word @p w at user address @p uva (0: nothing to do).
 *  @return 0, -LX_EFAULT. */
int user_put_word(struct proc *p, uint32_t uva, uint32_t w);

#endif
