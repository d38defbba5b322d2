/**
 * @file systest.h
 * @brief Shared machinery of the system tests: one cached QEMU run per test system, and
 *        assertions whose failure messages say what was expected, what was seen, and
 *        show the end of the serial log.
 *
 * Check forks a child for every test, so main() boots each test system once, in the
 * parent, before running the suites (systest_boot_all()); every test then reads the
 * run it needs with systest_run(). A test asserts on *result lines* (see
 * autograder/lib/scenario.h), which count only with this run's nonce, and on kernel
 * lines (`[mv] ...`), which no guest can forge.
 */
#ifndef SYSTEST_H
#define SYSTEST_H

#include <check.h>
#include <stdio.h>
#include <string.h>
#include "mv/abi.h"
#include "qemu_run.h"
#include "scenario.h"

#ifndef SYSTEST_BUILD_DIR
#define SYSTEST_BUILD_DIR "build"   /**< Where the images are; the Makefile passes $(BUILD). */
#endif
/** @brief Serial logs (and the XML report) are saved here, unless `MV_LOG_DIR` names
 *         another directory (the grader sets it: see systest_log_dir()). */
#define SYSTEST_LOG_DIR SYSTEST_BUILD_DIR "/test-logs"
/** @brief Room for one failure message (Check keeps up to 4 KiB). */
#define SYSTEST_MSG_MAX 3600
/** @brief Lines of the serial log quoted in a failure message. */
#define SYSTEST_TAIL_LINES 12u
/** @brief QEMU deadline of a cached boot before MV_TIMEOUT_SCALE (each normally takes < 0.2 s). */
#define SYSTEST_BOOT_DEADLINE_MS 6000u
/** @brief Check timeout of a test that only reads a cached run, in seconds. */
#define SYSTEST_TIMEOUT_S 10

/** @brief One boot of one test system. */
struct systest_run {
    const char *system;            /**< The system's name, e.g. "test_boot". */
    uint32_t nonce;                /**< This boot's nonce. */
    char image[256];               /**< The image booted. */
    char log_path[512];            /**< Where its serial log was saved. */
    int rc;                        /**< qemu_run()'s result (-1: never ran). */
    struct qemu_run_result r;      /**< What happened. */
};

/** @brief Where serial logs, nonces and the XML report go: `$MV_LOG_DIR` if set (the
 *         grader keeps each submission's logs apart that way), else SYSTEST_LOG_DIR. */
const char *systest_log_dir(void);
/** @brief The paths of system @p system's image and log, in @p run (nothing is booted). */
void systest_prepare(struct systest_run *run, const char *system);
/** @brief Boot @p run's image under @p opts' limits (image, nonce and log are filled in;
 *         the QEMU program is `$MV_QEMU` unless @p opts names one). */
void systest_boot(struct systest_run *run, struct qemu_run_opts opts);

/** @brief Boot every cached system whose suite is selected (CK_RUN_SUITE); call once in main(). */
void systest_boot_all(void);
/** @brief Release every cached run. */
void systest_free_all(void);
/** @brief The cached run of @p system (booted by systest_boot_all()). */
const struct systest_run *systest_run(const char *system);

/** @brief Add a TCase called @p name holding @p test to @p s, with @p tags and a timeout. */
void systest_add(Suite *s, const char *name, const char *tags, const TTest *test, int timeout_s);

/**
 * @brief Format a failure message: the printf-style statement of what went wrong, then
 *        the run's outcome, the log's path and the last lines of the serial log.
 */
void systest_explain(const struct systest_run *run, char *msg, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** @brief A result value for a message: "-5 (MV_EFAULT)", "1024 (0x400)", "0". */
const char *systest_describe(long long v, char *buf, size_t size);

/** @brief Fail the test with an explained message when @p cond is false. */
#define EXPECT(run, cond, ...)                                                      \
    do {                                                                            \
        if (!(cond)) {                                                              \
            char m_[SYSTEST_MSG_MAX];                                               \
            systest_explain((run), m_, sizeof m_, __VA_ARGS__);                     \
            ck_abort_msg("%s", m_);                                                 \
        }                                                                           \
    } while (0)

/** @brief Fail unless @p seen, saying that VM @p vm never reported result @p key. */
#define EXPECT_REPORTED(run, vm, key, seen)                                         \
    EXPECT(run, seen, "VM '%s' never reported '%s': no line '%s| @@ %08x %s <number>' " \
           "(lines with another nonce do not count)", (vm), (key), (vm), (run)->nonce, (key))

/** @brief The integer result @p key of VM @p vm (the test fails if it was not reported). */
#define RESULT(run, vm, key)                                                        \
    ({                                                                              \
        long long v_ = 0;                                                           \
        EXPECT_REPORTED(run, vm, key,                                               \
                        scenario_get_int(&(run)->r, (run)->nonce, (vm), (key), &v_)); \
        v_;                                                                         \
    })

/** @brief The byte offset in the log of result line @p key of VM @p vm (to check order). */
#define RESULT_AT(run, vm, key)                                                     \
    ({                                                                              \
        struct scenario_line l_;                                                    \
        EXPECT_REPORTED(run, vm, key, scenario_find(&(run)->r, (run)->nonce, (vm), (key), &l_)); \
        (long)l_.offset;                                                            \
    })

/** @brief Expect result @p key of VM @p vm to equal @p want. */
#define EXPECT_RESULT(run, vm, key, want)                                           \
    do {                                                                            \
        long long w_ = (want), g_ = RESULT(run, vm, key);                           \
        char wd_[48], gd_[48];                                                      \
        EXPECT(run, g_ == w_, "VM '%s' result '%s': expected %s, saw %s", (vm),     \
               (key), systest_describe(w_, wd_, sizeof wd_),                        \
               systest_describe(g_, gd_, sizeof gd_));                              \
    } while (0)

/** @brief Expect result @p key of VM @p vm to equal result @p other_key of the same VM. */
#define EXPECT_RESULTS_EQUAL(run, vm, key, other_key)                               \
    EXPECT_RESULT(run, vm, key, RESULT(run, vm, other_key))

/** @brief Expect the bits @p mask of result @p key of VM @p vm to be @p want. */
#define EXPECT_BITS(run, vm, key, mask, want)                                       \
    do {                                                                            \
        unsigned long long g_ = (unsigned long long)RESULT(run, vm, key);           \
        EXPECT(run, (g_ & (mask)) == (want), "VM '%s' result '%s' is 0x%08llx: its bits " \
               "0x%08llx should be 0x%08llx but are 0x%08llx", (vm), (key), g_,     \
               (unsigned long long)(mask), (unsigned long long)(want),              \
               g_ & (mask));                                                        \
    } while (0)

/** @brief Expect VM @p vm to have printed no result line @p key with this run's nonce. */
#define EXPECT_NO_RESULT(run, vm, key)                                              \
    EXPECT(run, scenario_count(&(run)->r, (run)->nonce, (vm), (key)) == 0,          \
           "VM '%s' reported '%s', which it must never reach", (vm), (key))

/** @brief The offset of the first kernel line starting with @p prefix, copied to @p line;
 *  the test fails if there is none. */
#define KERNEL_LINE(run, prefix, line)                                              \
    ({                                                                              \
        long at_ = scenario_find_line(&(run)->r, (prefix), 0, (line), sizeof(line)); \
        EXPECT(run, at_ >= 0, "no line starting with \"%s\"", (prefix));            \
        at_;                                                                        \
    })

/** @brief Expect the first line at or after byte @p from of the log that starts with
 *  @p want to be exactly @p want (to check a transcript in order). @return its offset. */
long systest_exact_line(const struct systest_run *run, const char *want, long from);

/** @brief Boot @p system with @p script typed at its console, one line per appearance of
 *  @p prompt (or of @p prompt2, if not NULL: a program's own prompt) — the harness's line
 *  mode (QEMU_RUN_INPUT_LINE). Its log is SYSTEM_NAME.log in the log directory. */
void systest_session(struct systest_run *run, const char *system, const char *name,
                     const char *script, const char *prompt, const char *prompt2,
                     unsigned deadline_ms);

/** @brief Expect each of the @p n lines @p lines, in this order, at or after byte @p from
 *  (systest_exact_line(); other lines may come between). @return the last one's offset. */
long systest_expect_lines(const struct systest_run *run, const char *const *lines, size_t n,
                          long from);

/** @brief Expect the @p n lines @p lines one after another in the log, exactly, with
 *  nothing between them: the first wherever it is, then each on the next line (a shell
 *  session's transcript). @return the first one's offset. */
long systest_expect_session(const struct systest_run *run, const char *const *lines, size_t n);

/** @brief Expect VM @p vm to have stopped with exit code @p code. Copies the kernel's
 *  line into @p line (if not NULL) and returns its offset in the log. */
long systest_expect_stopped(const struct systest_run *run, const char *vm, int code, char *line,
                            size_t size);

/** @brief Expect QEMU to have powered off by itself: no timeout, no cap, no crash, no panic. */
void systest_expect_clean_poweroff(const struct systest_run *run);

/* The suites (one file each). */
Suite *suite_boot(void);
Suite *suite_hypercalls(void);
Suite *suite_fault(void);
Suite *suite_upcall(void);
Suite *suite_virq(void);
Suite *suite_channel(void);
Suite *suite_irq(void);
Suite *suite_harness(void);
Suite *suite_sched(void);
Suite *suite_vmmu(void);
Suite *suite_vmmu_stress(void);
Suite *suite_fuzz(void);
Suite *suite_virq3(void);
Suite *suite_console_in(void);
Suite *suite_chan_demo(void);
Suite *suite_chan4(void);
Suite *suite_minilinux(void);
Suite *suite_minilinux_fs(void);
Suite *suite_minilinux_sig(void);
Suite *suite_minilinux_shell(void);
Suite *suite_minilinux_busybox(void);
Suite *suite_minilinux_port(void);
Suite *suite_fpu(void);

#endif /* SYSTEST_H */
