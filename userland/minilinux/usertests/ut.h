/**
 * @file ut.h
 * @brief usertests' framework: a test is a function returning UT_OK, UT_SKIP or, through
 *        UT_CHECK, a failure with a reason. main.c runs each in a child process of its
 *        own, in a fresh directory, so that a crash or a leak fails only that test.
 */
#ifndef UT_H
#define UT_H

#include <errno.h>
#include <string.h>

#define UT_OK 0     /**< Passed. */
#define UT_FAIL -1  /**< Failed: ut_reason says why. */
#define UT_SKIP 1   /**< Not applicable here: ut_reason says why. */

/** @brief Records why the test failed (printf format); returns UT_FAIL. */
int ut_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** @brief Records why the test was skipped; returns UT_SKIP. */
int ut_skip(const char *why);
/** @brief Nonzero when running on minilinux (whose limits some tests check exactly). */
int ut_minilinux(void);

/** @brief Fails the test unless @p cond holds. */
#define UT_CHECK(cond, ...)                 \
    do {                                    \
        if (!(cond))                        \
            return ut_fail(__VA_ARGS__);    \
    } while (0)
/** @brief Fails unless system call @p expr succeeded (>= 0); the reason names it. */
#define UT_SYS(expr) UT_CHECK((expr) >= 0, "%s: %s", #expr, strerror(errno))

/** @brief Forks a child that runs @p fn and exits with its result; -1 on failure. */
int ut_spawn(int (*fn)(void *), void *arg);
/** @brief Waits for @p pid; its raw wait status, or -1. */
int ut_wait(int pid);

/** @name The tests, by module */
/**@{*/
int ut_exitwait(void), ut_manywait(void), ut_exec(void), ut_forks40(void), ut_forkbomb(void);
int ut_sbrk(void), ut_segv(void), ut_efault(void);
int ut_pipe(void), ut_pipeeof(void), ut_sigpipe(void), ut_bigpipe(void);
int ut_files(void), ut_manyfiles(void), ut_dirs(void), ut_dup(void), ut_cloexec(void), ut_emfile(void);
int ut_sighandler(void), ut_sigmask(void), ut_sigkill(void), ut_sigchld(void), ut_sigint(void);
/**@}*/

#endif
