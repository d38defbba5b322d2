/**
 * @file pipe.h
 * @brief Pipes: a 4 KiB ring buffer between a read end and a write end, each an open file.
 */
#ifndef MINILINUX_PIPE_H
#define MINILINUX_PIPE_H

#include "kernel/file.h"

#define PIPE_SIZE 4096u   /**< Bytes a pipe holds (one page); writes up to it are atomic. */

/**
 * @brief A new pipe: *@p rd its read end, *@p wr its write end (one reference each, no
 *        descriptor yet), with LX_O_NONBLOCK from @p flags.
 * @return 0, -LX_ENFILE (no pipe or open file left), -LX_ENOMEM (no page for the ring).
 */
int pipe_create(uint32_t flags, struct file **rd, struct file **wr);

#endif
