/*
 * files.c - usertests of files and directories: write, read back, seek, append,
 * truncate, unlink, stat sizes; many files listed by getdents; mkdir, rmdir of a
 * non-empty directory, chdir and getcwd, rename; dup, dup2 and close-on-exec; and the
 * descriptor limit. Each test runs in its own fresh directory (main.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "lib/posix.h"
#include "ut.h"

/* Reads all of @p path into @p buf (NUL-terminated); the length or -1. */
static int slurp(const char *path, char *buf, int size) {
    int fd = open(path, O_RDONLY), n = 0, r;
    if (fd < 0)
        return -1;
    while ((r = (int)read(fd, buf + n, (size_t)(size - 1 - n))) > 0)
        n += r;
    buf[n] = '\0';
    close(fd);
    return r < 0 ? -1 : n;
}

int ut_files(void) {
    char buf[64];
    struct stat st;
    int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
    UT_SYS(fd);
    UT_CHECK(write(fd, "0123456789", 10) == 10, "write: %s", strerror(errno));
    UT_CHECK(lseek(fd, 3, SEEK_SET) == 3, "lseek SEEK_SET");
    UT_CHECK(read(fd, buf, 4) == 4 && memcmp(buf, "3456", 4) == 0, "read after seek");
    UT_CHECK(lseek(fd, -2, SEEK_END) == 8, "lseek SEEK_END");
    UT_CHECK(read(fd, buf, 10) == 2 && memcmp(buf, "89", 2) == 0, "read at the end");
    UT_CHECK(read(fd, buf, 10) == 0, "no end of file");
    UT_SYS(fstat(fd, &st));
    UT_CHECK(S_ISREG(st.st_mode) && st.st_size == 10, "fstat: mode 0%o size %ld", (unsigned)st.st_mode, (long)st.st_size);
    close(fd);
    fd = open("f", O_WRONLY | O_APPEND);
    UT_SYS(fd);
    lseek(fd, 0, SEEK_SET);
    UT_CHECK(write(fd, "ab", 2) == 2, "append write");
    close(fd);
    UT_CHECK(slurp("f", buf, sizeof buf) == 12 && strcmp(buf, "0123456789ab") == 0, "after append: \"%s\"", buf);
    UT_SYS(close(open("f", O_WRONLY | O_TRUNC)));
    UT_SYS(stat("f", &st));
    UT_CHECK(st.st_size == 0, "size %ld after O_TRUNC", (long)st.st_size);
    UT_SYS(unlink("f"));
    UT_CHECK(open("f", O_RDONLY) < 0 && errno == ENOENT, "open after unlink: errno %d", errno);
    UT_CHECK(open("f", O_RDONLY | O_CREAT | O_EXCL, 0644) >= 0, "O_CREAT|O_EXCL of a new file");
    UT_CHECK(open("f", O_RDONLY | O_CREAT | O_EXCL, 0644) < 0 && errno == EEXIST, "O_EXCL of an existing file");
    return UT_OK;
}

int ut_manyfiles(void) {
    enum { N = 40 };
    char name[32];
    unsigned char seen[N] = {0};
    UT_SYS(mkdir("d", 0777));
    for (int i = 0; i < N; i++) {
        snprintf(name, sizeof name, "d/file%d", i);
        int fd = open(name, O_CREAT | O_WRONLY, 0644);
        UT_CHECK(fd >= 0, "create %s: %s", name, strerror(errno));
        close(fd);
    }
    DIR *d = opendir("d");
    UT_CHECK(d != NULL, "opendir: %s", strerror(errno));
    int dots = 0, i;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            dots++;
        else if (sscanf(e->d_name, "file%d", &i) == 1 && i >= 0 && i < N && !seen[i])
            seen[i] = 1;
        else
            return ut_fail("unexpected entry \"%s\"", e->d_name);
    }
    closedir(d);
    UT_CHECK(dots == 2, "%d of . and ..", dots);
    for (i = 0; i < N; i++) {
        UT_CHECK(seen[i], "file%d not listed", i);
        snprintf(name, sizeof name, "d/file%d", i);
        UT_SYS(unlink(name));
    }
    UT_SYS(rmdir("d"));
    return UT_OK;
}

int ut_dirs(void) {
    char cwd[512];
    struct stat st;
    UT_SYS(mkdir("a", 0777));
    UT_CHECK(mkdir("a", 0777) < 0 && errno == EEXIST, "mkdir twice: errno %d", errno);
    UT_SYS(close(open("a/x", O_CREAT | O_WRONLY, 0644)));
    UT_CHECK(rmdir("a") < 0 && errno == ENOTEMPTY, "rmdir of a non-empty directory: errno %d", errno);
    UT_SYS(rename("a/x", "a/y"));
    UT_CHECK(stat("a/x", &st) < 0 && stat("a/y", &st) == 0, "rename of a file");
    UT_SYS(rename("a", "b"));
    UT_CHECK(stat("b/y", &st) == 0 && S_ISDIR((stat("b", &st), st.st_mode)), "rename of a directory");
    UT_SYS(chdir("b"));
    UT_CHECK(getcwd(cwd, sizeof cwd) != NULL, "getcwd: %s", strerror(errno));
    size_t n = strlen(cwd);
    UT_CHECK(n >= 2 && strcmp(cwd + n - 2, "/b") == 0, "getcwd says \"%s\"", cwd);
    UT_CHECK(stat("y", &st) == 0, "relative path after chdir");
    UT_SYS(chdir(".."));
    UT_SYS(unlink("b/y"));
    UT_SYS(rmdir("b"));
    UT_CHECK(stat("b", &st) < 0 && errno == ENOENT, "rmdir left the directory");
    return UT_OK;
}

int ut_dup(void) {
    char buf[8];
    int fd = open("f", O_CREAT | O_RDWR, 0644);
    UT_SYS(fd);
    UT_SYS(write(fd, "abcdef", 6));
    lseek(fd, 0, SEEK_SET);
    int fd2 = dup(fd);
    UT_CHECK(fd2 > fd, "dup gave %d", fd2);
    UT_CHECK(read(fd, buf, 2) == 2 && read(fd2, buf + 2, 2) == 2 && memcmp(buf, "abcd", 4) == 0,
             "dup'd descriptors do not share the offset");
    UT_CHECK(dup2(fd, 12) == 12, "dup2: %s", strerror(errno));
    UT_CHECK(read(12, buf, 2) == 2 && memcmp(buf, "ef", 2) == 0, "dup2'd descriptor");
    UT_SYS(close(fd));
    UT_CHECK(lseek(fd2, 0, SEEK_CUR) == 6, "the copy lost its offset when the original closed");
    UT_CHECK(close(fd) < 0 && errno == EBADF, "close twice: errno %d", errno);
    close(fd2);
    close(12);
    return UT_OK;
}

/* In the child: fd 8 plain, fd 9 close-on-exec; sh writes to both into the pipe. */
static int cloexec_child(void *arg) {
    int *fds = arg;
    dup2(fds[1], 2);
    dup2(fds[1], 8);
    fcntl(8, F_SETFD, 0);
    dup2(fds[1], 9);
    fcntl(9, F_SETFD, FD_CLOEXEC);
    char *argv[] = {"sh", "-c", "echo x >&8; echo y >&9", NULL};
    char *envp[] = {"PATH=/bin", NULL};
    execve("/bin/sh", argv, envp);
    return 99;
}

int ut_cloexec(void) {
    int fds[2];
    char out[256] = {0};
    UT_SYS(pipe(fds));
    int fd = open("f", O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    UT_CHECK(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "O_CLOEXEC not reported by F_GETFD");
    UT_CHECK(fcntl(dup(fd), F_GETFD) == 0, "dup kept FD_CLOEXEC");
    int pid = ut_spawn(cloexec_child, fds);
    UT_SYS(pid);
    close(fds[1]);
    size_t n = 0;
    ssize_t r;
    while ((r = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
        n += (size_t)r;
    ut_wait(pid);
    UT_CHECK(strncmp(out, "x\n", 2) == 0, "the plain descriptor did not survive exec: \"%s\"", out);
    UT_CHECK(strstr(out, "y\n") == NULL, "the close-on-exec descriptor survived exec");
    return UT_OK;
}

int ut_emfile(void) {
    enum { CAP = 4096 };
    int n = 0, fd = -1, last = -1;
    while (n < CAP && (fd = open(".", O_RDONLY)) >= 0)
        n++, last = fd;
    int err = errno;
    for (int i = 3; i <= last; i++)
        close(i);
    if (fd >= 0)
        return ut_skip("no descriptor limit below 4096");
    UT_CHECK(err == EMFILE, "open failed with errno %d, not EMFILE", err);
    UT_CHECK(!ut_minilinux() || last == 15, "minilinux's last descriptor was %d, not 15", last);
    UT_SYS(close(open(".", O_RDONLY)));
    return UT_OK;
}
