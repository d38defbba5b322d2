/*
 * pipe.c - pipes. The bytes live in a ring of one page: `count` bytes from `head`.
 *
 * Blocking follows proc.h's model: a read of an empty pipe (with writers left) or a write
 * to a full one (with readers left) puts its process to sleep, having done nothing, and
 * runs again from the start when woken. Readers sleep on the pipe itself, writers on its
 * buffer: every change wakes the side that may now proceed.
 */
#include "kernel/pipe.h"
#include "kernel/page.h"
#include "kernel/proc.h"

#define NPIPE 16   /* pipes in the whole system */

struct pipe {
    uint8_t *buf;      /* the ring (one page); NULL: a free slot */
    uint32_t head;     /* where the oldest byte is */
    uint32_t count;    /* bytes in the ring */
    int readers;       /* open read ends */
    int writers;       /* open write ends */
};

static struct pipe pipes[NPIPE];

static const void *readers_chan(struct pipe *pp) { return pp; }
static const void *writers_chan(struct pipe *pp) { return pp->buf; }

/* Copy up to @p n bytes of the ring out to user address @p ubuf (at most two pieces). */
static int32_t pipe_read(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    struct pipe *pp = f->priv;
    if (!n)
        return 0;
    if (!pp->count) {
        if (!pp->writers)
            return 0;   /* the end of file */
        if (f->flags & LX_O_NONBLOCK)
            return -LX_EAGAIN;
        return proc_block(p, readers_chan(pp));
    }
    if (n > pp->count)
        n = pp->count;
    for (uint32_t done = 0; done < n;) {
        uint32_t chunk = PIPE_SIZE - pp->head < n - done ? PIPE_SIZE - pp->head : n - done;
        if (port_copy_to_user(&p->th, ubuf + done, pp->buf + pp->head, chunk)) {
            n = done;   /* bytes already taken stay taken */
            break;
        }
        pp->head = (pp->head + chunk) % PIPE_SIZE;
        pp->count -= chunk;
        done += chunk;
    }
    proc_wakeup(writers_chan(pp));
    return n ? (int32_t)n : -LX_EFAULT;
}

static int32_t pipe_write(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    struct pipe *pp = f->priv;
    if (!pp->readers) {
        sig_send(p, LX_SIGPIPE);
        return -LX_EPIPE;
    }
    if (!n)
        return 0;
    uint32_t space = PIPE_SIZE - pp->count;
    uint32_t need = n <= PIPE_SIZE ? n : 1u;   /* small writes go in whole or not at all */
    if (space < need) {
        if (f->flags & LX_O_NONBLOCK)
            return -LX_EAGAIN;
        return proc_block(p, writers_chan(pp));
    }
    if (n > space)
        n = space;   /* a partial write: the caller writes the rest again */
    for (uint32_t done = 0; done < n;) {
        uint32_t tail = (pp->head + pp->count) % PIPE_SIZE;
        uint32_t chunk = PIPE_SIZE - tail < n - done ? PIPE_SIZE - tail : n - done;
        if (port_copy_from_user(&p->th, pp->buf + tail, ubuf + done, chunk)) {
            n = done;
            break;
        }
        pp->count += chunk;
        done += chunk;
    }
    proc_wakeup(readers_chan(pp));
    return n ? (int32_t)n : -LX_EFAULT;
}

/* One end closed for good: the other side may now see the end of file or EPIPE. */
static void pipe_release(struct file *f) {
    struct pipe *pp = f->priv;
    if ((f->flags & LX_O_ACCMODE) == LX_O_RDONLY)
        pp->readers--;
    else
        pp->writers--;
    proc_wakeup(readers_chan(pp));
    proc_wakeup(writers_chan(pp));
    if (!pp->readers && !pp->writers) {
        page_free(pp->buf);
        pp->buf = NULL;
    }
}

/* The read end: data, or the end of file (HUP); the write end: room, or EPIPE (ERR). */
static uint32_t pipe_poll(struct file *f) {
    struct pipe *pp = f->priv;
    if ((f->flags & LX_O_ACCMODE) == LX_O_RDONLY)
        return (pp->count ? LX_POLLIN : 0u) | (pp->writers ? 0u : LX_POLLIN | LX_POLLHUP);
    return pp->readers ? (pp->count < PIPE_SIZE ? LX_POLLOUT : 0u) : LX_POLLOUT | LX_POLLERR;
}

static const struct file_ops pipe_ops = {.read = pipe_read, .write = pipe_write,
                                         .release = pipe_release, .poll = pipe_poll};

int pipe_create(uint32_t flags, struct file **rd, struct file **wr) {
    struct pipe *pp = pipes;
    while (pp < pipes + NPIPE && pp->buf)
        pp++;
    if (pp == pipes + NPIPE)
        return -LX_ENFILE;
    flags &= LX_O_NONBLOCK;
    *rd = file_alloc(&pipe_ops, LX_O_RDONLY | flags);
    *wr = *rd ? file_alloc(&pipe_ops, LX_O_WRONLY | flags) : NULL;
    uint8_t *buf = *wr ? page_alloc() : NULL;
    if (!buf) {
        int rc = *wr ? -LX_ENOMEM : -LX_ENFILE;
        if (*wr)   /* never used: back to the pool without release() */
            (*wr)->refs = 0;
        if (*rd)
            (*rd)->refs = 0;
        return rc;
    }
    *pp = (struct pipe){.buf = buf, .readers = 1, .writers = 1};
    (*rd)->priv = (*wr)->priv = pp;
    return 0;
}
