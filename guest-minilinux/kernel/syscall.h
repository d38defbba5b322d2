/**
 * @file syscall.h
 * @brief System calls: the dispatcher's table and the calls themselves, one function
 *        each, named sys_ + Linux's name.
 */
#ifndef MINILINUX_SYSCALL_H
#define MINILINUX_SYSCALL_H

#include "kernel/proc.h"

/** @brief A system call: @p a = r0..r5 of process @p p. Returns r0's new value (a
 *  negative errno on failure). A call that ends @p p sets its state and returns 0. */
typedef int32_t (*syscall_fn)(struct proc *p, const uint32_t a[6]);

int32_t sys_exit(struct proc *p, const uint32_t a[6]);        /**< exit(status). */
int32_t sys_exit_group(struct proc *p, const uint32_t a[6]);  /**< exit_group(status). */
int32_t sys_getpid(struct proc *p, const uint32_t a[6]);      /**< getpid(). */
int32_t sys_brk(struct proc *p, const uint32_t a[6]);         /**< brk(addr). */
int32_t sys_write(struct proc *p, const uint32_t a[6]);       /**< write(fd, buf, count). */

#endif
