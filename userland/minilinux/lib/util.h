/**
 * @file util.h
 * @brief What minilinux's utilities (echo, cat, ls...) share: coreutils-style error
 *        messages, whole writes, copying between descriptors and option parsing.
 */
#ifndef MINILINUX_USER_UTIL_H
#define MINILINUX_USER_UTIL_H

#include <stddef.h>

/** @brief The program's name for messages (argv[0]'s last component); util_init sets it. */
extern const char *util_prog;
/** @brief Records the program's name from @p argv0. */
void util_init(const char *argv0);
/** @brief Prints "prog: what: strerror(errno)" on stderr. */
void util_perror(const char *what);
/** @brief Prints "prog: " and the formatted message and a newline on stderr. */
void util_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** @brief Writes all @p n bytes of @p buf to @p fd (retrying short writes); 0 or -1. */
int util_write_all(int fd, const void *buf, size_t n);
/** @brief Copies @p in to @p out until end of file; 0, or -1 with errno. */
int util_copy_fd(int in, int out);
/** @brief Parses decimal @p s into @p out; 0, or -1 if @p s is not a number. */
int util_parse_uint(const char *s, unsigned long *out);
/** @brief Parses options: each argv[i] starting with '-' (until "--" or a non-option)
 *         has its letters checked against @p allowed and set in @p flags['a'..'z'];
 *         returns the index of the first operand, or -1 after printing a usage error. */
int util_flags(int argc, char **argv, const char *allowed, char flags[128]);
/** @brief Reads the whole of @p fd into a malloc'd, NUL-terminated buffer; NULL on error. */
char *util_read_all(int fd, size_t *len);
/** @brief Where mv/cp put @p src when told @p dst: @p dst itself, or, when @p dst is a
 *         directory, dst/basename(src) built in @p buf of @p n bytes. */
const char *util_into_dir(const char *dst, const char *src, char *buf, size_t n);

#endif
