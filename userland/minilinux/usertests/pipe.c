/*
 * pipe.c - usertests of pipes: data arrives whole and in order, readers see end of file
 * once every writer has closed, writers get SIGPIPE (or EPIPE when it is ignored) once
 * every reader has closed, and 1 MiB crosses between two processes intact.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "lib/posix.h"
#include "ut.h"

int ut_pipe(void) {
    int fds[2];
    char buf[64];
    UT_SYS(pipe(fds));
    UT_CHECK(write(fds[1], "hello, pipe", 11) == 11, "write: %s", strerror(errno));
    UT_CHECK(read(fds[0], buf, sizeof buf) == 11 && memcmp(buf, "hello, pipe", 11) == 0, "read back wrong data");
    close(fds[0]);
    close(fds[1]);
    return UT_OK;
}

static int write_and_exit(void *fd) {
    return write((int)(intptr_t)fd, "xyz", 3) == 3 ? 0 : 1;
}

int ut_pipeeof(void) {
    int fds[2];
    char buf[16];
    UT_SYS(pipe(fds));
    int pid = ut_spawn(write_and_exit, (void *)(intptr_t)fds[1]);
    UT_SYS(pid);
    close(fds[1]);
    size_t total = 0;
    ssize_t n;
    while ((n = read(fds[0], buf + total, sizeof buf - total)) > 0)
        total += (size_t)n;
    UT_CHECK(n == 0 && total == 3 && memcmp(buf, "xyz", 3) == 0, "read %d bytes then %d", (int)total, (int)n);
    UT_CHECK(WEXITSTATUS(ut_wait(pid)) == 0, "writer failed");
    close(fds[0]);
    return UT_OK;
}

static int write_to_closed(void *fd) {
    write((int)(intptr_t)fd, "x", 1);
    return 3;   /* SIGPIPE should have killed us */
}

int ut_sigpipe(void) {
    int fds[2];
    UT_SYS(pipe(fds));
    close(fds[0]);
    int st = ut_wait(ut_spawn(write_to_closed, (void *)(intptr_t)fds[1]));
    UT_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "writer's status 0x%x, not SIGPIPE", st);
    signal(SIGPIPE, SIG_IGN);
    UT_CHECK(write(fds[1], "x", 1) < 0 && errno == EPIPE, "with SIGPIPE ignored: errno %d, not EPIPE", errno);
    signal(SIGPIPE, SIG_DFL);
    close(fds[1]);
    return UT_OK;
}

#define BIG (1 << 20)

static unsigned char big_byte(unsigned i) { return (unsigned char)(i * 7 + (i >> 10)); }

static int big_writer(void *fd) {
    static unsigned char buf[4096];
    for (unsigned off = 0; off < BIG; off += sizeof buf) {
        for (unsigned i = 0; i < sizeof buf; i++)
            buf[i] = big_byte(off + i);
        for (unsigned done = 0; done < sizeof buf;) {
            ssize_t n = write((int)(intptr_t)fd, buf + done, sizeof buf - done);
            if (n <= 0)
                return 1;
            done += (unsigned)n;
        }
    }
    return 0;
}

int ut_bigpipe(void) {
    int fds[2];
    static unsigned char buf[3000];   /* not a divisor of the writer's blocks */
    UT_SYS(pipe(fds));
    int pid = ut_spawn(big_writer, (void *)(intptr_t)fds[1]);
    UT_SYS(pid);
    close(fds[1]);
    unsigned total = 0;
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            UT_CHECK(buf[i] == big_byte(total + (unsigned)i), "byte %u is wrong", total + (unsigned)i);
        total += (unsigned)n;
    }
    close(fds[0]);
    UT_CHECK(total == BIG, "received %u bytes, not %u", total, BIG);
    int st = ut_wait(pid);
    UT_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "writer's status 0x%x", st);
    return UT_OK;
}
