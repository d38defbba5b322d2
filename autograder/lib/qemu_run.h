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
 *
 * **Console input.** QEMU's serial port is `-serial stdio`: what QEMU reads on its stdin
 * arrives at the guest's PL011 UART. By default stdin is /dev/null. With
 * qemu_run_opts::input_path the bytes of that file are the input, passed through
 * unchanged (every byte value, carriage return, newline and NUL included), in one of
 * two modes:
 *
 * - **whole file** (qemu_run_opts::input_chunk = 0): the file itself is QEMU's stdin.
 *   QEMU only takes a byte when the UART has room (with its FIFO off, one byte), so
 *   nothing is lost inside QEMU; but it refills the UART as fast as the kernel drains
 *   it, host-speed fast, so a kernel that buffers the bytes for a guest can see far more
 *   arrive between two reads of that guest than it can hold. Good for "input must not
 *   break anything"; not for counting exactly what a guest receives.
 * - **paced** (qemu_run_opts::input_chunk = N, qemu_run_opts::input_prompt = P): stdin
 *   is a socket the harness writes to. Nothing is sent at first; each time P appears in
 *   the serial output (counted from the start, each occurrence once) the next N bytes
 *   of the file are sent, and after the last byte the socket is closed. A guest that
 *   prints P only once it has read everything sent so far never has more than N bytes
 *   in flight, whatever the host's speed: no byte can be dropped for lack of room when
 *   N is no more than the kernel's buffer. Put the run's nonce in P, so that nothing
 *   but the scenario's own line can release input.
 *
 * - **line by line** (qemu_run_opts::input_chunk = ::QEMU_RUN_INPUT_LINE): paced, and each
 *   prompt releases one line (up to and including its newline, or a Ctrl-C or Ctrl-D
 *   byte: keys that act at once), like a person typing commands at a shell.
 *
 * The file is read at the start of the run (at most ::QEMU_RUN_INPUT_MAX bytes when
 * paced); a file that cannot be read is a harness error (qemu_run() returns -1).
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
/** @brief qemu_run_opts::input_chunk for paced input one line per prompt. */
#define QEMU_RUN_INPUT_LINE ((size_t)-1)
/** @brief Largest input file for paced input (qemu_run_opts::input_chunk). */
#define QEMU_RUN_INPUT_MAX (1024u * 1024u)

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
    const char *input_path;         /**< Console input: a file whose bytes QEMU's serial port
                                         receives (NULL: none, stdin is /dev/null). See
                                         "Console input" in qemu_run.h. */
    size_t input_chunk;             /**< 0: QEMU reads the whole file as fast as the guest
                                         drains the UART. Else the harness paces it: this
                                         many bytes per @c input_prompt. */
    const char *input_prompt;       /**< With @c input_chunk: each time this text appears in
                                         the serial output, the next chunk is sent. */
    const char *input_prompt2;      /**< Optional: a second text that releases a chunk too
                                         (a program's own prompt beside a shell's). */
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
    size_t input_sent;      /**< Console input given to QEMU: in whole-file mode the
                                 bytes it read from the file (it takes one at reset,
                                 before the guest runs); paced, the bytes written. */
    unsigned input_prompts; /**< Paced input: the prompts seen in the output. */
    char stderr_tail[512];  /**< The end of QEMU's stderr, sanitized. */
    char error[192];        /**< Why the harness itself failed (empty if it did not). */
};

/**
 * @brief Boot @p o->image in QEMU and capture its serial output into @p r.
 *
 * Blocks until QEMU exits, the deadline passes or the byte cap is reached (then QEMU
 * is killed with SIGKILL and reaped). QEMU's stdin is /dev/null unless console input
 * is given (see "Console input" above), and its stderr goes to a temporary
 * file whose end is kept in qemu_run_result::stderr_tail.
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
