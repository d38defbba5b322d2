/*
 * fstest.c - minilinux's files, seen from a process (it runs as init in the system
 * test_minilinux_fs): the read-only tree from the initramfs, files in /tmp (holes,
 * O_TRUNC, O_APPEND, the size limit), directories (getdents64, mkdir, rmdir, rename,
 * chdir, getcwd), descriptors (dup*, fcntl, close-on-exec bits), pipes (EOF, EAGAIN, EPIPE,
 * blocking both ways between two processes), the devices, symbolic links, and the error
 * paths (EFAULT, ENAMETOOLONG, ENOTDIR...). Raw system calls only, so the kernel is all
 * that is tested.
 * Each failed check prints a FAIL line; the last line counts the checks.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "lib/linux.h"
#include "minilinux/abi_types.h"

#define BAD 0x10u   /* an address no process can read or write */

static int32_t sys(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4) {
    register uint32_t r0 __asm__("r0") = a0, r1 __asm__("r1") = a1, r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3, r4 __asm__("r4") = a4, r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r7) : "memory");
    return (int32_t)r0;
}
#define S(nr, ...) sys(LX_NR_##nr, __VA_ARGS__)
#define P(s) ((uint32_t)(s))

static int32_t xopen(const char *path, uint32_t flags, uint32_t mode) { return S(open, P(path), flags, mode, 0, 0); }
static int32_t xread(int32_t fd, void *buf, uint32_t n) { return S(read, (uint32_t)fd, P(buf), n, 0, 0); }
static int32_t xwrite(int32_t fd, const void *buf, uint32_t n) { return S(write, (uint32_t)fd, P(buf), n, 0, 0); }
static int32_t xclose(int32_t fd) { return S(close, (uint32_t)fd, 0, 0, 0, 0); }
static int32_t xlseek(int32_t fd, int32_t off, uint32_t whence) { return S(lseek, (uint32_t)fd, (uint32_t)off, whence, 0, 0); }
static int32_t xfstat(int32_t fd, struct lx_stat64 *st) { return S(fstat64, (uint32_t)fd, P(st), 0, 0, 0); }
static int32_t xstat(const char *path, struct lx_stat64 *st) { return S(stat64, P(path), P(st), 0, 0, 0); }

static int checks, failed;

/* One check: @p got must be @p want. */
static void expect(const char *what, int32_t got, int32_t want) {
    checks++;
    if (got != want) {
        failed++;
        printf("fstest: FAIL %s -> %d, want %d\n", what, (int)got, (int)want);
    }
}

static void readonly_tree(void) {
    char buf[64] = {0};
    int32_t fd = xopen("/etc/motd", LX_O_RDONLY, 0);
    expect("open /etc/motd", fd >= 3, 1);
    expect("read /etc/motd", xread(fd, buf, 20), 20);
    printf("fstest: /etc/motd starts \"%s\"\n", buf);
    expect("write to a read-only descriptor", xwrite(fd, "x", 1), -LX_EBADF);
    expect("read into a bad pointer", xread(fd, (void *)BAD, 4), -LX_EFAULT);
    expect("ioctl on a file", S(ioctl, (uint32_t)fd, LX_TCGETS, 0, 0, 0), -LX_ENOTTY);
    xclose(fd);
    expect("open /etc/motd for writing", xopen("/etc/motd", LX_O_WRONLY, 0), -LX_EROFS);
    expect("create in /etc", xopen("/etc/new", LX_O_CREAT | LX_O_WRONLY, 0644), -LX_EROFS);
    expect("unlink /bin/init", S(unlink, P("/bin/init"), 0, 0, 0, 0), -LX_EROFS);
    expect("mkdir /etc/d", S(mkdir, P("/etc/d"), 0755, 0, 0, 0), -LX_EROFS);
    struct lx_stat64 st;
    expect("stat /bin/fstest", xstat("/bin/fstest", &st), 0);
    expect("/bin/fstest is 0755", (int32_t)st.st_mode, (int32_t)(LX_S_IFREG | 0755));
    expect("stat /tmp", xstat("/tmp", &st), 0);
    expect("/tmp is 01777", (int32_t)st.st_mode, (int32_t)(LX_S_IFDIR | 01777));
    expect("access /bin/fstest X_OK", S(access, P("/bin/fstest"), 1, 0, 0, 0), 0);
    expect("access /etc/motd X_OK", S(access, P("/etc/motd"), 1, 0, 0, 0), -LX_EACCES);
    expect("access /etc/motd W_OK", S(access, P("/etc/motd"), 2, 0, 0, 0), -LX_EROFS);
    expect("access /tmp W_OK", S(access, P("/tmp"), 2, 0, 0, 0), 0);
}

static void bad_paths(void) {
    char longname[120];
    memset(longname, 'a', sizeof longname - 1);
    longname[0] = '/', longname[sizeof longname - 1] = '\0';
    expect("a long name", xopen(longname, LX_O_RDONLY, 0), -LX_ENAMETOOLONG);
    expect("a path through a file", xopen("/etc/motd/x", LX_O_RDONLY, 0), -LX_ENOTDIR);
    expect("a file with a trailing /", xopen("/etc/motd/", LX_O_RDONLY, 0), -LX_ENOTDIR);
    expect("a missing directory", xopen("/nope/x", LX_O_RDONLY, 0), -LX_ENOENT);
    expect("an empty path", xopen("", LX_O_RDONLY, 0), -LX_ENOENT);
    expect("a path at a bad pointer", xopen((const char *)BAD, LX_O_RDONLY, 0), -LX_EFAULT);
    expect("stat into a bad pointer", S(stat64, P("/"), BAD, 0, 0, 0), -LX_EFAULT);
    expect("//etc/./../etc//motd", xopen("//etc/./../etc//motd", LX_O_RDONLY, 0) >= 0, 1);
    expect("read a directory", xread(xopen("/", LX_O_RDONLY, 0), longname, 8), -LX_EISDIR);
    expect("open a directory to write", xopen("/tmp", LX_O_RDWR, 0), -LX_EISDIR);
    expect("O_DIRECTORY on a file", xopen("/etc/motd", LX_O_DIRECTORY, 0), -LX_ENOTDIR);
}

static uint8_t big[10000];

static void ram_files(void) {
    struct lx_stat64 st;
    for (uint32_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 7u);
    expect("umask", S(umask, 022, 0, 0, 0, 0), 022);
    int32_t fd = xopen("/tmp/f", LX_O_CREAT | LX_O_EXCL | LX_O_RDWR, 0666);
    expect("create /tmp/f", fd >= 0, 1);
    expect("create it again with O_EXCL", xopen("/tmp/f", LX_O_CREAT | LX_O_EXCL, 0), -LX_EEXIST);
    expect("write 10000 bytes", xwrite(fd, big, sizeof big), sizeof big);
    expect("lseek to 0", xlseek(fd, 0, LX_SEEK_SET), 0);
    static uint8_t back[10000];
    expect("read them back", xread(fd, back, sizeof back), sizeof back);
    expect("the same bytes", memcmp(big, back, sizeof big), 0);
    expect("fstat", xfstat(fd, &st), 0);
    expect("size 10000", (int32_t)st.st_size, 10000);
    expect("mode 0644 (umask 022)", (int32_t)st.st_mode, (int32_t)(LX_S_IFREG | 0644));
    expect("lseek past the end", xlseek(fd, 20000, LX_SEEK_SET), 20000);
    expect("write after a hole", xwrite(fd, "z", 1), 1);
    expect("lseek into the hole", xlseek(fd, 15000, LX_SEEK_SET), 15000);
    back[0] = 1;
    expect("read the hole", xread(fd, back, 16), 16);
    expect("the hole is zeros", back[0] | back[15], 0);
    uint64_t res = 0;
    expect("_llseek to the end", S(_llseek, (uint32_t)fd, 0, 0, P(&res), LX_SEEK_END), 0);
    expect("_llseek result", (int32_t)res, 20001);
    expect("lseek before 0", xlseek(fd, -1, LX_SEEK_SET), -LX_EINVAL);
    expect("lseek to the limit", xlseek(fd, 1 << 20, LX_SEEK_SET), 1 << 20);
    expect("write beyond 1 MiB", xwrite(fd, "z", 1), -LX_EFBIG);
    xclose(fd);
    fd = xopen("/tmp/f", LX_O_WRONLY | LX_O_TRUNC | LX_O_APPEND, 0);
    expect("O_TRUNC", xfstat(fd, &st) == 0 && st.st_size == 0, 1);
    expect("F_GETFL", S(fcntl64, (uint32_t)fd, LX_F_GETFL, 0, 0, 0), (int32_t)(LX_O_WRONLY | LX_O_APPEND));
    xwrite(fd, "abc", 3);
    xlseek(fd, 0, LX_SEEK_SET);
    xwrite(fd, "def", 3);
    expect("O_APPEND writes at the end", xfstat(fd, &st) == 0 && st.st_size == 6, 1);
    struct lx_iovec iov[2] = {{P("gh"), 2}, {P("ijk"), 3}};
    expect("writev", S(writev, (uint32_t)fd, P(iov), 2, 0, 0), 5);
    xclose(fd);
    char a[4] = {0}, b[9] = {0};
    struct lx_iovec riov[2] = {{P(a), 3}, {P(b), 8}};
    fd = xopen("/tmp/f", LX_O_RDONLY, 0);
    expect("readv", S(readv, (uint32_t)fd, P(riov), 2, 0, 0), 11);
    expect("readv's bytes", strcmp(a, "abc") == 0 && strcmp(b, "defghijk") == 0, 1);
    xclose(fd);
    expect("execve of a RAM file", S(execve, P("/tmp/f"), 0, 0, 0, 0), -LX_EACCES);
}

/* Print the names in directory @p path, in getdents64's order. */
static void list(const char *path) {
    static char buf[512];
    char line[160] = "";
    int32_t fd = xopen(path, LX_O_RDONLY | LX_O_DIRECTORY, 0), n;
    while ((n = S(getdents64, (uint32_t)fd, P(buf), 64, 0, 0)) > 0) {   /* a few at a time */
        for (int32_t at = 0; at < n;) {
            struct lx_dirent64 *d = (struct lx_dirent64 *)(buf + at);
            snprintf(line + strlen(line), sizeof line - strlen(line), " %s", d->d_name);
            expect("d_reclen is 8-aligned", d->d_reclen % 8, 0);
            at += d->d_reclen;
        }
    }
    expect("getdents64 ends with 0", n, 0);
    printf("fstest: ls %s:%s\n", path, line);
    xclose(fd);
}

static void directories(void) {
    char cwd[64];
    list("/");
    expect("mkdir /tmp/d", S(mkdir, P("/tmp/d"), 0755, 0, 0, 0), 0);
    expect("mkdir it again", S(mkdir, P("/tmp/d"), 0755, 0, 0, 0), -LX_EEXIST);
    expect("chdir /tmp/d", S(chdir, P("/tmp/d"), 0, 0, 0, 0), 0);
    expect("getcwd", S(getcwd, P(cwd), sizeof cwd, 0, 0, 0), 7);
    printf("fstest: cwd %s\n", cwd);
    expect("getcwd too small", S(getcwd, P(cwd), 4, 0, 0, 0), -LX_ERANGE);
    expect("create a relative file", xclose(xopen("x", LX_O_CREAT | LX_O_WRONLY, 0644)), 0);
    expect("chdir ..", S(chdir, P(".."), 0, 0, 0, 0), 0);
    expect("rmdir a full directory", S(rmdir, P("d"), 0, 0, 0, 0), -LX_ENOTEMPTY);
    expect("rmdir .", S(rmdir, P("."), 0, 0, 0, 0), -LX_EINVAL);
    expect("rmdir /", S(rmdir, P("/"), 0, 0, 0, 0), -LX_EBUSY);
    expect("rename d/x to y", S(rename, P("d/x"), P("y"), 0, 0, 0), 0);
    expect("rename y onto f", S(rename, P("y"), P("f"), 0, 0, 0), 0);
    expect("y is gone", xopen("y", LX_O_RDONLY, 0), -LX_ENOENT);
    expect("rename a file onto a directory", S(rename, P("f"), P("d"), 0, 0, 0), -LX_EISDIR);
    expect("rename a directory onto a file", S(rename, P("d"), P("f"), 0, 0, 0), -LX_ENOTDIR);
    expect("mkdir d/e", S(mkdir, P("d/e"), 0755, 0, 0, 0), 0);
    expect("rename d into d/e", S(rename, P("d"), P("d/e/d"), 0, 0, 0), -LX_EINVAL);
    expect("rename d/e to e", S(rename, P("d/e"), P("e"), 0, 0, 0), 0);
    int32_t dfd = xopen("/tmp/e", LX_O_RDONLY | LX_O_DIRECTORY, 0);
    expect("openat dirfd", xclose(S(openat, (uint32_t)dfd, P("g"), LX_O_CREAT | LX_O_WRONLY, 0600, 0)), 0);
    struct lx_stat64 st;
    expect("fstatat64 dirfd", S(fstatat64, (uint32_t)dfd, P("g"), P(&st), 0, 0), 0);
    expect("fstatat64 AT_EMPTY_PATH", S(fstatat64, (uint32_t)dfd, P(""), P(&st), LX_AT_EMPTY_PATH, 0), 0);
    expect("that is a directory", (int32_t)(st.st_mode & LX_S_IFMT), (int32_t)LX_S_IFDIR);
    expect("unlinkat a directory", S(unlinkat, (uint32_t)dfd, P("g"), LX_AT_REMOVEDIR, 0, 0), -LX_ENOTDIR);
    expect("unlinkat g", S(unlinkat, (uint32_t)dfd, P("g"), 0, 0, 0), 0);
    expect("renameat e/..", S(renameat, (uint32_t)dfd, P(".."), (uint32_t)LX_AT_FDCWD, P("q"), 0), -LX_EBUSY);
    xclose(dfd);
    expect("unlink a directory", S(unlink, P("e"), 0, 0, 0, 0), -LX_EISDIR);
    expect("rmdir e", S(unlinkat, (uint32_t)LX_AT_FDCWD, P("e"), LX_AT_REMOVEDIR, 0, 0), 0);
    expect("rmdir d", S(rmdir, P("d"), 0, 0, 0, 0), 0);
    list("/tmp");
}

static void unlinked_open(void) {
    char buf[4] = {0};
    struct lx_stat64 st;
    int32_t fd = xopen("/tmp/u", LX_O_CREAT | LX_O_RDWR, 0600);
    xwrite(fd, "abc", 3);
    expect("unlink an open file", S(unlink, P("/tmp/u"), 0, 0, 0, 0), 0);
    expect("its name is gone", xstat("/tmp/u", &st), -LX_ENOENT);
    xlseek(fd, 0, LX_SEEK_SET);
    expect("still readable", xread(fd, buf, 3) == 3 && strcmp(buf, "abc") == 0, 1);
    expect("nlink 0", xfstat(fd, &st) == 0 && st.st_nlink == 0, 1);
    xclose(fd);
}

static void descriptors(void) {
    int32_t fd = S(dup, 1, 0, 0, 0, 0);
    expect("dup(1)", fd >= 3, 1);
    expect("F_GETFD", S(fcntl64, (uint32_t)fd, LX_F_GETFD, 0, 0, 0), 0);
    expect("F_SETFD", S(fcntl64, (uint32_t)fd, LX_F_SETFD, LX_FD_CLOEXEC, 0, 0), 0);
    expect("F_GETFD again", S(fcntl64, (uint32_t)fd, LX_F_GETFD, 0, 0, 0), (int32_t)LX_FD_CLOEXEC);
    expect("F_DUPFD_CLOEXEC from 10", S(fcntl64, (uint32_t)fd, LX_F_DUPFD_CLOEXEC, 10, 0, 0), 10);
    expect("dup2 onto itself", S(dup2, 10, 10, 0, 0, 0), 10);
    expect("dup3 onto itself", S(dup3, 10, 10, LX_O_CLOEXEC, 0, 0), -LX_EINVAL);
    expect("dup2 to 12", S(dup2, 10, 12, 0, 0, 0), 12);
    expect("dup2 keeps no cloexec", S(fcntl64, 12, LX_F_GETFD, 0, 0, 0), 0);
    expect("write through 12", xwrite(12, "fstest: through a dup'ed descriptor\n", 36), 36);
    expect("close 12", xclose(12), 0);
    expect("close 12 again", xclose(12), -LX_EBADF);
    expect("close 10", xclose(10), 0);
    expect("close the dup", xclose(fd), 0);
    int32_t null = xopen("/dev/null", LX_O_RDWR, 0), zero = xopen("/dev/zero", LX_O_RDONLY, 0);
    uint8_t z[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    expect("write /dev/null", xwrite(null, "abc", 3), 3);
    expect("read /dev/null", xread(null, z, 8), 0);
    expect("read /dev/zero", xread(zero, z, 8) == 8 && z[0] == 0 && z[7] == 0, 1);
    xclose(null), xclose(zero);
}

static void pipes(void) {
    int32_t fds[2];
    char buf[8] = {0};
    struct lx_sigaction ign = {.sa_handler = LX_SIG_IGN};
    S(rt_sigaction, LX_SIGPIPE, P(&ign), 0, 8, 0);   /* EPIPE, not death */
    expect("pipe2", S(pipe2, P(fds), LX_O_NONBLOCK, 0, 0, 0), 0);
    expect("read an empty pipe", xread(fds[0], buf, 8), -LX_EAGAIN);
    expect("write a pipe", xwrite(fds[1], "hello", 5), 5);
    expect("read it", xread(fds[0], buf, 8) == 5 && strcmp(buf, "hello") == 0, 1);
    struct lx_stat64 st;
    expect("fstat a pipe", xfstat(fds[0], &st) == 0 && (st.st_mode & LX_S_IFMT) == LX_S_IFIFO, 1);
    expect("lseek a pipe", xlseek(fds[0], 0, LX_SEEK_SET), -LX_ESPIPE);
    xclose(fds[1]);
    expect("EOF when no writer is left", xread(fds[0], buf, 8), 0);
    xclose(fds[0]);
    expect("pipe", S(pipe, P(fds), 0, 0, 0, 0), 0);
    xclose(fds[0]);
    expect("write with no reader", xwrite(fds[1], "x", 1), -LX_EPIPE);
    xclose(fds[1]);
    expect("pipe at a bad pointer", S(pipe, BAD, 0, 0, 0, 0), -LX_EFAULT);
}

/* A child writes 3 x 10000 bytes (more than the pipe holds: it blocks), the parent reads
 * them slowly in small pieces (it blocks when the pipe is empty) and adds them up. */
static void pipe_between_processes(void) {
    int32_t fds[2], status = -1;
    S(pipe, P(fds), 0, 0, 0, 0);
    int32_t pid = S(fork, 0, 0, 0, 0, 0);
    if (pid == 0) {
        xclose(fds[0]);
        for (int i = 0; i < 3; i++)
            for (uint32_t done = 0; done < sizeof big;)
                done += (uint32_t)xwrite(fds[1], big + done, sizeof big - done);
        S(exit, 0, 0, 0, 0, 0);
    }
    xclose(fds[1]);
    uint32_t sum = 0, total = 0, want = 0;
    uint8_t piece[700];
    for (int32_t n; (n = xread(fds[0], piece, sizeof piece)) > 0; total += (uint32_t)n)
        for (int32_t i = 0; i < n; i++)
            sum += piece[i];
    for (uint32_t i = 0; i < sizeof big; i++)
        want += big[i] * 3u;
    expect("bytes through the pipe", (int32_t)total, 3 * (int32_t)sizeof big);
    expect("their sum", sum == want, 1);
    expect("wait4 the writer", S(wait4, (uint32_t)pid, P(&status), 0, 0, 0), pid);
    xclose(fds[0]);
}

/* Symbolic links: through them (to a file, to a directory), lstat, readlink, a dangling
 * link, a loop, unlink and rename of a link itself, O_NOFOLLOW, and link()'s EPERM. */
static void links(void) {
    char buf[300] = {0};
    struct lx_stat64 st;
    int32_t fd = xopen("/tmp/lt", LX_O_CREAT | LX_O_WRONLY, 0644);
    xwrite(fd, "hello", 5), xclose(fd);
    expect("symlink lt", S(symlink, P("lt"), P("/tmp/lf"), 0, 0, 0), 0);
    expect("mkdir /tmp/ldir", S(mkdir, P("/tmp/ldir"), 0755, 0, 0, 0), 0);
    expect("symlink /tmp/ldir", S(symlink, P("/tmp/ldir"), P("/tmp/ld"), 0, 0, 0), 0);
    expect("symlink over a link", S(symlink, P("x"), P("/tmp/lf"), 0, 0, 0), -LX_EEXIST);
    expect("mkdir over a link", S(mkdir, P("/tmp/lf"), 0755, 0, 0, 0), -LX_EEXIST);
    expect("symlink in /etc", S(symlink, P("x"), P("/etc/l"), 0, 0, 0), -LX_EROFS);
    memset(buf, 'a', 299);
    expect("a long target", S(symlink, P(buf), P("/tmp/ll"), 0, 0, 0), -LX_ENAMETOOLONG);
    fd = xopen("/tmp/lf", LX_O_RDONLY, 0);
    expect("read through a link", xread(fd, buf, sizeof buf), 5);
    xclose(fd);
    expect("stat through a link", xstat("/tmp/lf", &st) || st.st_mode != (LX_S_IFREG | 0644) || st.st_size != 5, 0);
    expect("lstat a link", S(lstat64, P("/tmp/lf"), P(&st), 0, 0, 0) || st.st_mode != (LX_S_IFLNK | 0777) || st.st_size != 2, 0);
    expect("fstatat NOFOLLOW", S(fstatat64, LX_AT_FDCWD, P("/tmp/ld"), P(&st), LX_AT_SYMLINK_NOFOLLOW, 0) || st.st_size != 9, 0);
    expect("readlink", S(readlink, P("/tmp/lf"), P(buf), sizeof buf, 0, 0) == 2 && !memcmp(buf, "lt", 2), 1);
    expect("readlink cut short", S(readlink, P("/tmp/ld"), P(buf), 4, 0, 0), 4);
    expect("readlinkat", S(readlinkat, LX_AT_FDCWD, P("/tmp/ld"), P(buf), sizeof buf, 0), 9);
    expect("readlink of a file", S(readlink, P("/tmp/lt"), P(buf), sizeof buf, 0, 0), -LX_EINVAL);
    expect("create through a directory link", xclose(xopen("/tmp/ld/x", LX_O_CREAT | LX_O_WRONLY, 0644)), 0);
    expect("the file is in the directory", xstat("/tmp/ldir/x", &st), 0);
    expect("chdir through a link", S(chdir, P("/tmp/ld"), 0, 0, 0, 0), 0);
    expect("getcwd is the directory", S(getcwd, P(buf), sizeof buf, 0, 0, 0) == 10 && !strcmp(buf, "/tmp/ldir"), 1);
    expect("a link in a directory", S(symlink, P("../lt"), P("lk"), 0, 0, 0), 0);
    expect("a relative target from the link's directory", xstat("/tmp/ld/lk", &st) || st.st_size != 5, 0);
    S(chdir, P("/"), 0, 0, 0, 0);
    fd = xopen("/tmp/ldir", LX_O_RDONLY | LX_O_DIRECTORY, 0);
    int32_t n = S(getdents64, (uint32_t)fd, P(buf), sizeof buf, 0, 0), type = -1;
    for (int32_t at = 0; at < n; at += ((struct lx_dirent64 *)(buf + at))->d_reclen)
        if (!strcmp(((struct lx_dirent64 *)(buf + at))->d_name, "lk"))
            type = ((struct lx_dirent64 *)(buf + at))->d_type;
    expect("getdents64 says DT_LNK", type, LX_DT_LNK), xclose(fd);
    expect("symlink a dangling link", S(symlink, P("nowhere"), P("/tmp/dang"), 0, 0, 0), 0);
    expect("stat a dangling link", xstat("/tmp/dang", &st), -LX_ENOENT);
    expect("lstat a dangling link", S(lstat64, P("/tmp/dang"), P(&st), 0, 0, 0), 0);
    expect("a loop", S(symlink, P("la"), P("/tmp/lb"), 0, 0, 0) | S(symlink, P("lb"), P("/tmp/la"), 0, 0, 0), 0);
    expect("open a loop", xopen("/tmp/la", LX_O_RDONLY, 0), -LX_ELOOP);
    expect("O_NOFOLLOW on a link", xopen("/tmp/lf", LX_O_RDONLY | LX_O_NOFOLLOW, 0), -LX_ELOOP);
    expect("rmdir a link to a directory", S(rmdir, P("/tmp/ld"), 0, 0, 0, 0), -LX_ENOTDIR);
    expect("rename a link", S(rename, P("/tmp/lf"), P("/tmp/lf2"), 0, 0, 0), 0);
    expect("read through the renamed link", S(readlink, P("/tmp/lf2"), P(buf), sizeof buf, 0, 0) == 2 && !xstat("/tmp/lf2", &st), 1);
    expect("a link from the archive", S(readlink, P("/etc/welcome"), P(buf), sizeof buf, 0, 0), 4);
    expect("is read-only", S(unlink, P("/etc/welcome"), 0, 0, 0, 0), -LX_EROFS);
    struct lx_stat64 motd;
    expect("and leads to its file", xstat("/etc/welcome", &st) | xstat("/etc/motd", &motd) || st.st_ino != motd.st_ino, 0);
    expect("link() has no hard links", S(link, P("/tmp/lt"), P("/tmp/hard"), 0, 0, 0), -LX_EPERM);
    const char *const names[] = {"/tmp/lf2", "/tmp/ld", "/tmp/dang", "/tmp/la", "/tmp/lb",
                                 "/tmp/ldir/lk", "/tmp/ldir/x"};
    for (uint32_t i = 0; i < sizeof names / sizeof names[0]; i++)
        expect("unlink links (and x)", S(unlink, P(names[i]), 0, 0, 0, 0), 0);
    expect("the targets stay", xstat("/tmp/lt", &st) | xstat("/tmp/ldir", &st), 0);
    S(unlink, P("/tmp/lt"), 0, 0, 0, 0), S(rmdir, P("/tmp/ldir"), 0, 0, 0, 0);
}

/* Fill RAM with files until the kernel says ENOSPC; then free it all and write again. */
static void out_of_space(void) {
    char name[16];
    int32_t rc = 0, files = 0;
    for (; files < 8 && rc >= 0; files++) {
        snprintf(name, sizeof name, "/tmp/big%d", (int)files);
        int32_t fd = xopen(name, LX_O_CREAT | LX_O_WRONLY, 0600);
        for (uint32_t i = 0; i < (1u << 20) / sizeof big && rc >= 0; i++)
            rc = xwrite(fd, big, sizeof big);
        xclose(fd);
    }
    expect("RAM runs out: ENOSPC", rc, -LX_ENOSPC);
    while (files-- > 0) {
        snprintf(name, sizeof name, "/tmp/big%d", (int)files);
        S(unlink, P(name), 0, 0, 0, 0);
    }
    int32_t fd = xopen("/tmp/again", LX_O_CREAT | LX_O_WRONLY, 0600);
    expect("the pages came back", xwrite(fd, big, sizeof big), sizeof big);
    xclose(fd);
}

/* Make empty files until the kernel has no inode left (ENOSPC); then remove them all. */
static void out_of_inodes(void) {
    char name[16];
    int32_t fd = 0, n = 0;
    for (; n < 400 && fd >= 0; n++) {
        snprintf(name, sizeof name, "/tmp/i%d", (int)n);
        fd = xopen(name, LX_O_CREAT | LX_O_WRONLY, 0600);
        if (fd >= 0)
            xclose(fd);
    }
    expect("inodes run out: ENOSPC", fd, -LX_ENOSPC);
    int32_t removed = 0;
    while (n-- > 0) {
        snprintf(name, sizeof name, "/tmp/i%d", (int)n);
        removed += S(unlink, P(name), 0, 0, 0, 0) == 0;
    }
    expect("mkdir after they are gone", S(mkdir, P("/tmp/after"), 0700, 0, 0, 0), 0);
    printf("fstest: %d files fitted in the inode table\n", (int)removed);
}

int main(void) {
    readonly_tree();
    bad_paths();
    ram_files();
    directories();
    unlinked_open();
    descriptors();
    pipes();
    pipe_between_processes();
    links();
    out_of_space();
    out_of_inodes();
    printf("fstest: %d checks, %d failed\n", checks, failed);
    return failed ? 1 : 0;
}
