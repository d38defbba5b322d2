/*
 * sysexec.c - execve(path, argv, envp): the arguments are copied out of the old program's
 * memory before it goes, into one static buffer (the kernel runs one call at a time).
 */
#include "kernel/exec.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"

#define PATH_MAX_BYTES 256u

struct exec_args {
    char path[PATH_MAX_BYTES];
    char bytes[EXEC_ARGS_BYTES];         /* the strings, one after another */
    const char *argv[EXEC_ARGS_MAX + 1]; /* pointers into bytes, NULL-terminated */
    const char *envp[EXEC_ARGS_MAX + 1];
    uint32_t used, count;                /* bytes and strings taken so far */
};

/* Copy the NULL-terminated array of strings at @p uva into @p out (@p uva 0: empty). */
static int copy_strings(struct proc *p, struct exec_args *x, uint32_t uva, const char **out) {
    uint32_t n = 0;
    for (;; n++, uva += 4u) {
        uint32_t s;
        if (!uva)
            break;
        if (user_word(p, uva, &s))
            return -LX_EFAULT;
        if (!s)
            break;
        if (x->count++ == EXEC_ARGS_MAX)
            return -LX_E2BIG;
        int len = user_strcpy(p, x->bytes + x->used, s, EXEC_ARGS_BYTES - x->used, -LX_E2BIG);
        if (len < 0)
            return len;
        out[n] = x->bytes + x->used;
        x->used += (uint32_t)len + 1u;
    }
    out[n] = NULL;
    return 0;
}

int32_t sys_execve(struct proc *p, const uint32_t a[6]) {
    static struct exec_args x;
    x.used = x.count = 0;
    int rc = user_strcpy(p, x.path, a[0], sizeof x.path, -LX_ENAMETOOLONG);
    if (rc >= 0)
        rc = copy_strings(p, &x, a[1], x.argv);
    if (rc >= 0)
        rc = copy_strings(p, &x, a[2], x.envp);
    const uint8_t *image;
    uint32_t size;
    if (rc >= 0)
        rc = vfs_file_image(p, x.path, &image, &size);
    if (rc >= 0)
        rc = exec_image(p, x.path, image, size, x.argv, x.envp);
    return rc < 0 ? rc : (int32_t)p->th.regs.r[0];   /* success: r0 stays the new program's */
}
