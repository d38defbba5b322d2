/*
 * errno.c - errno numbers and messages. Linux and newlib agree on errno 1..34 but not
 * above (Linux's ENOSYS is 38, newlib's 88), so results are translated; and newlib's
 * messages are not Linux's ("Bad file number" for EBADF), so strerror is replaced with
 * glibc's texts, which programs' messages (`cat: x: No such file or directory`) follow.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "linux.h"

int lx_errno_from_linux(int lx_err) {
    switch (lx_err) {
    case 35: return EDEADLK;
    case LX_ENAMETOOLONG: return ENAMETOOLONG;
    case 37: return ENOLCK;
    case LX_ENOSYS: return ENOSYS;
    case LX_ENOTEMPTY: return ENOTEMPTY;
    case LX_ELOOP: return ELOOP;
    case 75: return EOVERFLOW;
    case 95: return EOPNOTSUPP;
    default: return lx_err;   /* 1..34: the same numbers */
    }
}

/* glibc's messages, indexed by newlib's errno. */
static const struct { int err; const char *msg; } messages[] = {
    {0, "Success"},
    {EPERM, "Operation not permitted"},
    {ENOENT, "No such file or directory"},
    {ESRCH, "No such process"},
    {EINTR, "Interrupted system call"},
    {EIO, "Input/output error"},
    {ENXIO, "No such device or address"},
    {E2BIG, "Argument list too long"},
    {ENOEXEC, "Exec format error"},
    {EBADF, "Bad file descriptor"},
    {ECHILD, "No child processes"},
    {EAGAIN, "Resource temporarily unavailable"},
    {ENOMEM, "Cannot allocate memory"},
    {EACCES, "Permission denied"},
    {EFAULT, "Bad address"},
    {EBUSY, "Device or resource busy"},
    {EEXIST, "File exists"},
    {EXDEV, "Invalid cross-device link"},
    {ENODEV, "No such device"},
    {ENOTDIR, "Not a directory"},
    {EISDIR, "Is a directory"},
    {EINVAL, "Invalid argument"},
    {ENFILE, "Too many open files in system"},
    {EMFILE, "Too many open files"},
    {ENOTTY, "Inappropriate ioctl for device"},
    {EFBIG, "File too large"},
    {ENOSPC, "No space left on device"},
    {ESPIPE, "Illegal seek"},
    {EROFS, "Read-only file system"},
    {EPIPE, "Broken pipe"},
    {ERANGE, "Numerical result out of range"},
    {EDEADLK, "Resource deadlock avoided"},
    {ENAMETOOLONG, "File name too long"},
    {ENOSYS, "Function not implemented"},
    {ENOTEMPTY, "Directory not empty"},
    {ELOOP, "Too many levels of symbolic links"},
    {EOVERFLOW, "Value too large for defined data type"},
};

/** @brief glibc's message for @p err (newlib's numbering). */
char *strerror(int err) {
    static char unknown[32];
    for (unsigned i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (messages[i].err == err)
            return (char *)messages[i].msg;
    snprintf(unknown, sizeof unknown, "Unknown error %d", err);
    return unknown;
}

struct _reent;
/** @brief newlib's internal strerror, which perror() calls: the same messages. */
char *_strerror_r(struct _reent *r, int err, int internal, int *errptr) {
    (void)r, (void)internal, (void)errptr;
    return strerror(err);
}
