/**
 * @file scenario.h
 * @brief Reading what scenario programs report: result lines and kernel lines in a
 *        captured serial log.
 *
 * A scenario program (a trusted guest, see autograder/scenarios/scenario_guest.h)
 * reports each fact as one line
 *
 *     @@ <nonce as 8 hex digits> <key> <value...>
 *
 * which the kernel prints with the VM's name in front: `hc| @@ 1f2e3d4c null_ret 0`.
 * The functions here return a value only from lines that carry the run's nonce; a line
 * with another nonce, no nonce, or any other shape counts as *not seen*. The optional
 * @p vm argument (NULL: any VM) restricts the search to lines printed for that VM.
 *
 * Kernel lines start at column 0 with `[mv] `; guest lines always start with
 * `<vmname>| `, so no guest can print a line that looks like a kernel line.
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "qemu_run.h"

/** @brief Longest key (including the NUL). */
#define SCENARIO_KEY_MAX 32u
/** @brief Longest value kept (including the NUL); longer values are cut. */
#define SCENARIO_VALUE_MAX 128u
/** @brief Longest VM name (including the NUL): the kernel's limit. */
#define SCENARIO_VM_MAX 16u

/** @brief One parsed result line. */
struct scenario_line {
    char vm[SCENARIO_VM_MAX];          /**< The VM that printed it ("" if no prefix). */
    uint32_t nonce;                    /**< The nonce the line carries. */
    char key[SCENARIO_KEY_MAX];        /**< The key. */
    char value[SCENARIO_VALUE_MAX];    /**< The rest of the line (may be empty). */
    size_t offset;                     /**< Byte offset of the line in the output. */
};

/**
 * @brief Parse the next result line at or after byte @p *pos of @p r's output.
 *        Lines that are not result lines are skipped; nonces are not checked here.
 * @return true with @p *line filled and @p *pos moved past it, false at the end.
 */
bool scenario_next(const struct qemu_run_result *r, size_t *pos, struct scenario_line *line);

/** @brief Number of result lines for @p key (from @p vm, NULL: any) carrying @p nonce. */
int scenario_count(const struct qemu_run_result *r, uint32_t nonce, const char *vm, const char *key);

/**
 * @brief Find the first result line for @p key (from @p vm, NULL: any) carrying @p nonce.
 * @return true and the line in @p *line, or false if there is none.
 */
bool scenario_find(const struct qemu_run_result *r, uint32_t nonce, const char *vm, const char *key,
                   struct scenario_line *line);

/** @brief The value of the first matching result line, copied into @p value (NULL if none). */
const char *scenario_get_vm(const struct qemu_run_result *r, uint32_t nonce, const char *vm,
                            const char *key, char *value, size_t size);

/** @brief scenario_get_vm() for any VM. */
const char *scenario_get(const struct qemu_run_result *r, uint32_t nonce, const char *key,
                         char *value, size_t size);

/**
 * @brief The first matching value as an integer (decimal, or hex with 0x, possibly negative).
 * @return true if the line was seen and its whole value is a number.
 */
bool scenario_get_int(const struct qemu_run_result *r, uint32_t nonce, const char *vm, const char *key,
                      long long *value);

/**
 * @brief Find the first line at or after byte @p from that *starts with* @p prefix (use it
 *        for kernel lines, e.g. `[mv] vm 'hc' stopped`). Copies the line, without its
 *        newline and sanitized, into @p line (if not NULL).
 * @return the line's byte offset, or -1 if there is none.
 */
long scenario_find_line(const struct qemu_run_result *r, const char *prefix, size_t from, char *line,
                        size_t size);

#endif /* SCENARIO_H */
