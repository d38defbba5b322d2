/** @file lib.h @brief The few C library functions the kernel uses (kernel/lib provides them). */
#ifndef MV_LIB_H
#define MV_LIB_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** @brief Number of elements of a true array. */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
