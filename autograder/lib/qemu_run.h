/**
 * @file qemu_run.h
 * @brief Boot one microvisor image in QEMU, deterministically, and capture its serial output.
 *
 * The system tests boot an image, wait until it powers off, and then look at what it
 * printed. This library does the booting, and does it defensively, because the kernel
 * under test may be broken in any way: it may never power off, flood the serial line,
 * or print terminal control sequences. So every run has
 *
 * - a **deadline** in host wall-clock milliseconds (scaled by the environment variable
 *   `MV_TIMEOUT_SCALE`, a positive multiplier: 3 on a slow machine), after which QEMU
 *   is killed;
 * - a **byte cap**: QEMU is killed once that much output has been read;
 * - a per-run **nonce** written into guest memory with QEMU's loader device, which
 *   scenario programs copy into their result lines (see scenario.h), so a line from an
 *   earlier run or one made up by a kernel without reading memory does not count.
 *
 * QEMU runs under `-icount shift=0,sleep=off`: one guest instruction is one virtual
 * nanosecond, so a run's output does not depend on the host's speed.
 *
 * Only the QEMU process this library started is ever signalled, and it stays in the
 * caller's process group (no setsid), so a test framework that kills the group on a
 * timeout (Check does) also kills QEMU.
 */
#ifndef QEMU_RUN_H
#define QEMU_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** @brief Deadline used when qemu_run_opts::deadline_ms is 0 (before scaling). */
#define QEMU_RUN_DEFAULT_DEADLINE_MS 10000u
/** @brief Byte cap used when qemu_run_opts::byte_cap is 0. */
#define QEMU_RUN_DEFAULT_CAP (256u * 1024u)

/** @brief What to run and the limits to run it under. Zeroed fields take the defaults. */
struct qemu_run_opts {
    const char *image;              /**< The ELF to boot (`-kernel`). Required. */
    uint32_t nonce;                 /**< Boot nonce to place in guest memory (0: none). */
    unsigned deadline_ms;           /**< Host wall-clock limit before scaling (0: default). */
    size_t byte_cap;                /**< Most serial bytes read before QEMU is killed (0: default). */
    const char *log_path;           /**< Save the captured serial output here (NULL: do not). */
    const char *const *extra_args;  /**< More QEMU arguments, NULL-terminated (NULL: none),
                                         e.g. `{"-S", "-gdb", "tcp::26000", NULL}`. */
    const char *qemu;               /**< The QEMU program (NULL: `qemu-system-arm` from PATH). */
};

/** @brief What happened. Release with qemu_run_free(). */
struct qemu_run_result {
    char *output;           /**< Serial output, NUL-terminated; raw bytes (see qemu_run_tail()). */
    size_t len;             /**< Bytes in @c output (it may also contain NUL bytes). */
    int exit_status;        /**< QEMU's exit code, or -1 if it did not exit by itself. */
    int signal;             /**< The signal that ended QEMU (0: none). */
    int pid;                /**< QEMU's process id (0: never started); reaped when qemu_run() returns. */
    bool timed_out;         /**< The deadline passed; QEMU was killed. */
    bool truncated;         /**< The byte cap was reached; QEMU was killed. */
    bool crashed;           /**< QEMU failed: nonzero exit, a signal we did not send, or
                                 it could not be started. */
    unsigned deadline_ms;   /**< The deadline that applied (after scaling). */
    unsigned elapsed_ms;    /**< Host wall-clock time of the run. */
    char stderr_tail[512];  /**< The end of QEMU's stderr, sanitized. */
    char error[192];        /**< Why the harness itself failed (empty if it did not). */
};

/**
 * @brief Boot @p o->image in QEMU and capture its serial output into @p r.
 *
 * Blocks until QEMU exits, the deadline passes or the byte cap is reached (then QEMU
 * is killed with SIGKILL and reaped). QEMU's stdin is /dev/null and its stderr goes
 * to a temporary file whose end is kept in qemu_run_result::stderr_tail.
 *
 * @return 0 when QEMU ran (whatever the guest did: look at @p r), -1 when the harness
 *         could not run it at all (qemu_run_result::error says why). Either way @p r
 *         must be released with qemu_run_free().
 */
int qemu_run(const struct qemu_run_opts *o, struct qemu_run_result *r);

/** @brief Release what qemu_run() allocated in @p r (safe on a zeroed result, and twice). */
void qemu_run_free(struct qemu_run_result *r);

/**
 * @brief The last @p lines lines of @p r's output, made safe for a failure message:
 *        control bytes other than newline and tab, and non-ASCII bytes, become '?', and
 *        over-long lines are cut. Always NUL-terminates @p buf.
 * @return @p buf.
 */
const char *qemu_run_tail(const struct qemu_run_result *r, unsigned lines, char *buf, size_t size);

/**
 * @brief Copy @p len bytes of @p src to @p dst as safe text (the rules of qemu_run_tail(),
 *        newlines kept), cut to fit @p size. Always NUL-terminates @p dst.
 * @return the length written.
 */
size_t qemu_run_sanitize(char *dst, size_t size, const char *src, size_t len);

/** @brief A random nonzero nonce (getrandom(), falling back to /dev/urandom, then the clock). */
uint32_t qemu_run_random_nonce(void);

/** @brief The number in `MV_TIMEOUT_SCALE`, e.g. 3 or 0.5 (1 if unset, or not a number
 *         from 0.01 to 1000). */
double qemu_run_timeout_scale(void);

#endif /* QEMU_RUN_H */
