/**
 * @file lab.h
 * @brief What a lab stub does in the student starter tree.
 *
 * In the reference every lab region holds working code. In a starter tree each
 * region is replaced by a stub that compiles and stops the machine with a message
 * naming the lab and the function, so a student sees at once what is missing.
 */
#ifndef MV_LAB_H
#define MV_LAB_H
#include "core/kprintf.h"

/** @brief Stop with "lab N: not implemented: WHAT (file)". */
#define LAB_NOT_IMPLEMENTED(lab, what) \
    kpanic("lab %d: not implemented: %s (%s)", (lab), (what), __FILE__)
/** @brief Marks a helper the lab code calls: in a starter tree, where the callers are
 *  stubs, it is unused, and that must not break the -Werror build. */
#define LAB_HELPER __attribute__((unused))
#endif
