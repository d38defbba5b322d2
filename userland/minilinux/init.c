/*
 * init.c - minilinux's init (pid 1): makes sure descriptors 0, 1 and 2 are the console,
 * prints /etc/motd, then runs the login shell (/etc/shell, else /bin/sh) and waits. As
 * pid 1 it also inherits every orphan, so it waits for any child (reaping them) until the
 * shell itself ends, and exits with the shell's status (the kernel then powers off).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/posix.h"
#include "lib/linux.h"
#include "lib/util.h"

#define INIT_SHELL "/bin/sh"

/* fd 0 not open means nobody set up the console for us: open it as 0, 1 and 2. */
static void init_console(void) {
    if (fcntl(0, F_GETFD) >= 0)
        return;
    for (int i = 0; i < 3; i++)
        if (open("/dev/console", O_RDWR) < 0)
            lx_write(2, "init: cannot open /dev/console\n", 31);
}

static void init_motd(void) {
    int fd = open("/etc/motd", O_RDONLY);
    if (fd >= 0) {
        util_copy_fd(fd, 1);
        close(fd);
    }
}

/* The login shell: the path in /etc/shell (the BusyBox image names its ash there), or
 * INIT_SHELL; its directory goes first in PATH, so its own programs are found first. */
static const char *init_shell(void) {
    static char path[128];
    int fd = open("/etc/shell", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, path, sizeof path - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n <= 0)
        return INIT_SHELL;
    path[n] = '\0';
    path[strcspn(path, "\n")] = '\0';
    static char env_path[160];
    snprintf(env_path, sizeof env_path, "%.*s:/bin", (int)(strrchr(path, '/') - path), path);
    setenv("PATH", env_path, 1);
    return path;
}

static pid_t init_spawn(void) {
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"sh", NULL};
        const char *shell = init_shell();
        setenv("PS1", "$ ", 0);   /* BusyBox's ash would say "~ # "; the kit's sh says "$ " */
        execv(shell, argv);
        util_perror(shell);
        _exit(127);
    }
    if (pid < 0)
        util_perror("fork");
    return pid;
}

int main(int argc, char **argv) {
    (void)argc;
    util_init(argv[0]);
    init_console();
    init_motd();
    pid_t shell = init_spawn();
    if (shell < 0)
        return 1;
    for (;;) {
        int st;
        pid_t pid = wait(&st);
        if (pid < 0 && errno == EINTR)
            continue;
        if (pid < 0)
            return 1;   /* no children left, yet the shell was not seen: cannot happen */
        if (pid == shell)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + lx_sig_to_linux(WTERMSIG(st));
    }
}
