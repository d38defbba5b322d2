/**
 * @file tty.h
 * @brief The console tty: a line discipline (echo, erase, Ctrl-U, Ctrl-C, Ctrl-D) between
 *        the console's input vIRQ and the processes that read /dev/console, and the
 *        foreground process group that Ctrl-C signals.
 */
#ifndef MINILINUX_TTY_H
#define MINILINUX_TTY_H

#include "kernel/file.h"

/** @brief The operations of an open /dev/console (or /dev/tty): read, write, ioctl. */
extern const struct file_ops tty_ops;

/** @brief Bytes typed on the console (the port got them with the input vIRQ): edit,
 *  echo, signal, and wake readers. */
void tty_input(const char *buf, uint32_t n);

/** @brief Write @p n bytes of kernel memory to the console through the tty's output
 *  processing (kernel messages use it so they look like process output). */
void tty_write_kernel(const char *buf, uint32_t n);

#endif
