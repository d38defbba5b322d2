/*
 * uaccess.c - strings and words in a process's memory. A string is copied a piece at a
 * time, never across a page boundary it does not need to reach: a string that ends just
 * before an unmapped page is fine, as it is on Linux.
 */
#include "kernel/uaccess.h"
#include "kernel/proc.h"

int user_strcpy(struct proc *p, char *dst, uint32_t uva, uint32_t size, int too_long) {
    uint32_t done = 0;
    while (done < size) {
        uint32_t n = LX_PAGE_SIZE - ((uva + done) & (LX_PAGE_SIZE - 1u));
        if (n > size - done)
            n = size - done;
        if (n > 64u)
            n = 64u;   /* most strings are short: do not copy a page to find a NUL */
        if (port_copy_from_user(&p->th, dst + done, uva + done, n))
            return -LX_EFAULT;
        for (uint32_t i = 0; i < n; i++)
            if (dst[done + i] == '\0')
                return (int)(done + i);
        done += n;
    }
    dst[size - 1] = '\0';
    return too_long;
}

int user_word(struct proc *p, uint32_t uva, uint32_t *w) {
    return port_copy_from_user(&p->th, w, uva, sizeof *w);
}

int user_put_word(struct proc *p, uint32_t uva, uint32_t w) {
    return uva ? port_copy_to_user(&p->th, uva, &w, sizeof w) : 0;
}
