/*
 * tty.c - the console tty: the line discipline between the keyboard (the console's input
 * vIRQ, tty_input()) and the processes that read and write /dev/console.
 *
 * In canonical mode (ICANON, the default) the tty collects a line, lets the user edit it
 * (erase, Ctrl-U) and gives it to readers only once it is complete (Enter, or Ctrl-D);
 * it echoes what is typed (ECHO), and Ctrl-C sends SIGINT to the foreground process group
 * (ISIG). In non-canonical mode every byte is readable at once (VMIN = 1, VTIME = 0:
 * other values are accepted and treated so). Output turns "\n" into "\r\n" (OPOST |
 * ONLCR, on by default as on Linux; the microvisor's console drops the "\r").
 *
 * The typed bytes wait in a ring of TTY_BUF bytes: [rd, rd + ready) can be read,
 * [rd + ready, rd + len) is the line being edited. A Ctrl-D is kept in the ring as a mark
 * (a bit of tty::eof) that ends a read: at the start of a line, the read returns 0, the
 * end of file. When the ring is full, further bytes are dropped (not echoed), but the
 * signal characters still work and one byte is kept free to end the line.
 */
#include "kernel/tty.h"
#include "kernel/proc.h"

#define TTY_BUF 1024u      /* typed bytes the tty holds */
#define TTY_CHUNK 256u     /* bytes of a write copied from the process at a time */
#define TTY_ROWS 24u       /* what TIOCGWINSZ says */
#define TTY_COLS 80u
#define CTRL(c) ((c) & 0x1f)

static struct tty {
    struct lx_termios tio;         /* the modes (TCGETS/TCSETS) */
    char buf[TTY_BUF];             /* the ring of typed bytes */
    uint8_t eof[TTY_BUF / 8u];     /* bit i: buf[i] is a Ctrl-D mark, not data */
    uint32_t rd;                   /* where the oldest byte is */
    uint32_t len;                  /* bytes in the ring */
    uint32_t ready;                /* of which readers may take (complete lines) */
    int fg_pgid;                   /* the foreground process group (Ctrl-C's target) */
} tty = {
    .tio = {
        .c_iflag = LX_ICRNL,
        .c_oflag = LX_OPOST | LX_ONLCR,
        .c_cflag = 0x4bfu,   /* B38400 CS8 CREAD HUPCL: only for show */
        .c_lflag = LX_ISIG | LX_ICANON | LX_ECHO | LX_ECHOE | LX_ECHOK,
        .c_cc = {[LX_VINTR] = CTRL('C'), [LX_VQUIT] = CTRL('\\'), [LX_VERASE] = 0x7f,
                 [LX_VKILL] = CTRL('U'), [LX_VEOF] = CTRL('D'), [LX_VMIN] = 1},
    },
    .fg_pgid = 1,   /* init's group */
};

static char scratch[TTY_BUF];   /* a read's bytes on their way to the process */

/* ---- output ---------------------------------------------------------------------------- */

/* Write @p n bytes to the console, "\n" as "\r\n" if OPOST and ONLCR are on. */
static void tty_output(const char *buf, uint32_t n) {
    uint32_t o = 0;
    char out[2u * TTY_CHUNK];
    if ((tty.tio.c_oflag & (LX_OPOST | LX_ONLCR)) != (LX_OPOST | LX_ONLCR)) {
        port_console_write(buf, n);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (o + 2u > sizeof out) {
            port_console_write(out, o);
            o = 0;
        }
        if (buf[i] == '\n')
            out[o++] = '\r';
        out[o++] = buf[i];
    }
    port_console_write(out, o);
}

void tty_write_kernel(const char *buf, uint32_t n) { tty_output(buf, n); }

/* Echo @p s (@p n bytes) if ECHO is on. */
static void tty_echo(const char *s, uint32_t n) {
    if (tty.tio.c_lflag & LX_ECHO)
        tty_output(s, n);
}

/* ---- the ring -------------------------------------------------------------------------- */

static uint32_t tty_index(uint32_t i) { return (tty.rd + i) % TTY_BUF; }

static int tty_is_eof(uint32_t idx) { return (tty.eof[idx / 8u] >> (idx % 8u)) & 1u; }

/* Append @p c (a Ctrl-D mark if @p eof) if fewer than @p limit bytes are held. */
static int tty_push(char c, int eof, uint32_t limit) {
    if (tty.len >= limit)
        return 0;
    uint32_t idx = tty_index(tty.len++);
    tty.buf[idx] = c;
    tty.eof[idx / 8u] = (uint8_t)((tty.eof[idx / 8u] & ~(1u << (idx % 8u))) | ((eof ? 1u : 0u) << (idx % 8u)));
    return 1;
}

/* Everything held becomes readable: wake the readers. */
static void tty_commit(void) {
    tty.ready = tty.len;
    proc_wakeup(&tty);
}

/* Forget the line being edited (the part readers cannot have yet). */
static void tty_drop_line(void) { tty.len = tty.ready; }

/* ---- input ----------------------------------------------------------------------------- */

/* Is @p c the special character c_cc[@p which]? (0 there: disabled) */
static int tty_is_cc(char c, int which) {
    uint8_t cc = tty.tio.c_cc[which];
    return cc != 0 && (uint8_t)c == cc;
}

/* ISIG: Ctrl-C (SIGINT) or Ctrl-\ (SIGQUIT) to the foreground group. @return 1 if @p c was one. */
static int tty_signal_char(char c) {
    int sig = tty_is_cc(c, LX_VINTR) ? LX_SIGINT : tty_is_cc(c, LX_VQUIT) ? LX_SIGQUIT : 0;
    if (!sig)
        return 0;
    /* "^C" and no newline, as Linux echoes it: the program that gets the signal (a shell)
     * ends the line */
    char echo[] = {'^', (char)(tty.tio.c_cc[sig == LX_SIGINT ? LX_VINTR : LX_VQUIT] + '@')};
    tty_echo(echo, sizeof echo);
    tty_drop_line();
    proc_signal_group(tty.fg_pgid, sig);
    return 1;
}

/* Erase the last byte of the line being edited, on screen too. @return 0: nothing left. */
static int tty_erase(void) {
    if (tty.len == tty.ready)
        return 0;
    tty.len--;
    if (tty.tio.c_lflag & LX_ECHOE)
        tty_echo("\b \b", 3);
    return 1;
}

/* Canonical mode: edit the line, or end it. */
static void tty_canon(char c) {
    if (tty_is_cc(c, LX_VERASE) || c == '\b') {
        tty_erase();
    } else if (tty_is_cc(c, LX_VKILL)) {
        while (tty_erase())
            ;
    } else if (tty_is_cc(c, LX_VEOF)) {
        if (tty_push(c, 1, TTY_BUF))
            tty_commit();   /* what was typed, without a newline; or the end of file */
    } else if (c == '\n') {
        if (tty_push(c, 0, TTY_BUF)) {
            tty_echo(&c, 1);
            tty_commit();
        }
    } else if (tty_push(c, 0, TTY_BUF - 1u)) {   /* keep room to end the line */
        tty_echo(&c, 1);
    }
}

/* Non-canonical mode: every byte is readable at once. */
static void tty_raw(char c) {
    if (tty_push(c, 0, TTY_BUF)) {
        tty_echo(&c, 1);
        tty_commit();
    }
}

void tty_input(const char *buf, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\r' && (tty.tio.c_iflag & LX_ICRNL))
            c = '\n';
        if ((tty.tio.c_lflag & LX_ISIG) && tty_signal_char(c))
            continue;
        if (tty.tio.c_lflag & LX_ICANON)
            tty_canon(c);
        else
            tty_raw(c);
    }
}

/* ---- the file operations --------------------------------------------------------------- */

/* Gather into scratch what a read of at most @p n bytes takes: up to the end of a line
 * (canonical mode) or a Ctrl-D mark (taken, never returned). @return the bytes gathered;
 * *@p take: the ring bytes it uses up. */
static uint32_t tty_gather(uint32_t n, uint32_t *take) {
    uint32_t got = 0, i = 0;
    while (i < tty.ready && got < n) {
        uint32_t idx = tty_index(i++);
        if (tty_is_eof(idx))
            break;
        scratch[got++] = tty.buf[idx];
        if (tty.buf[idx] == '\n' && (tty.tio.c_lflag & LX_ICANON))
            break;
    }
    *take = i;
    return got;
}

static int32_t tty_read(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    uint32_t take;
    if (n == 0)
        return 0;
    if (!tty.ready)
        return (f->flags & LX_O_NONBLOCK) ? -LX_EAGAIN : proc_block(p, &tty);
    uint32_t got = tty_gather(n, &take);
    if (got && port_copy_to_user(&p->th, ubuf, scratch, got))
        return -LX_EFAULT;   /* nothing taken: the bytes stay for the next read */
    tty.rd = tty_index(take);
    tty.len -= take;
    tty.ready -= take;
    return (int32_t)got;
}

static int32_t tty_write(struct file *f, struct proc *p, uint32_t ubuf, uint32_t n) {
    char kbuf[TTY_CHUNK];
    uint32_t done = 0;
    (void)f;
    if (n > 0x7fffffffu)
        n = 0x7fffffffu;
    while (done < n) {
        uint32_t m = n - done < TTY_CHUNK ? n - done : TTY_CHUNK;
        if (port_copy_from_user(&p->th, kbuf, ubuf + done, m))
            return done ? (int32_t)done : -LX_EFAULT;
        tty_output(kbuf, m);
        done += m;
    }
    return (int32_t)done;
}

/* The console stays when its last descriptor closes: nothing to release. */
static void tty_release(struct file *f) { (void)f; }

/* TCSETS*: new modes. Leaving canonical mode makes the line being edited readable. */
static int32_t tty_set_modes(struct proc *p, uint32_t cmd, uint32_t arg) {
    struct lx_termios t;
    if (port_copy_from_user(&p->th, &t, arg, sizeof t))
        return -LX_EFAULT;
    if (cmd == LX_TCSETSF)
        tty.len = tty.ready = 0;   /* "flush": drop the typed bytes */
    tty.tio = t;
    if (!(t.c_lflag & LX_ICANON) && tty.len != tty.ready)
        tty_commit();
    return 0;
}

/* TIOCSPGRP: the foreground group must exist in the caller's session. */
static int32_t tty_set_pgrp(struct proc *p, uint32_t arg) {
    int32_t pgid;
    int other_session = 0;
    if (port_copy_from_user(&p->th, &pgid, arg, sizeof pgid))
        return -LX_EFAULT;
    if (pgid < 0)
        return -LX_EINVAL;
    for (int i = 0; i < NPROC; i++) {
        const struct proc *q = &proc_table[i];
        if (q->state == PROC_UNUSED || q->pgid != pgid)
            continue;
        if (q->sid != p->sid) {
            other_session = 1;
            continue;
        }
        tty.fg_pgid = pgid;
        return 0;
    }
    return other_session ? -LX_EPERM : -LX_ESRCH;
}

/* Copy @p len bytes of @p src to the process at @p arg. */
static int32_t tty_answer(struct proc *p, uint32_t arg, const void *src, uint32_t len) {
    return port_copy_to_user(&p->th, arg, src, len) ? -LX_EFAULT : 0;
}

static int32_t tty_ioctl(struct file *f, struct proc *p, uint32_t cmd, uint32_t arg) {
    static const struct lx_winsize size = {.ws_row = TTY_ROWS, .ws_col = TTY_COLS};
    int32_t pgid = tty.fg_pgid;
    (void)f;
    switch (cmd) {
    case LX_TCGETS: return tty_answer(p, arg, &tty.tio, sizeof tty.tio);
    case LX_TCSETS:
    case LX_TCSETSW:   /* output never waits here: it is written at once */
    case LX_TCSETSF: return tty_set_modes(p, cmd, arg);
    case LX_TIOCGWINSZ: return tty_answer(p, arg, &size, sizeof size);
    case LX_TIOCGPGRP: return tty_answer(p, arg, &pgid, sizeof pgid);
    case LX_TIOCSPGRP: return tty_set_pgrp(p, arg);
    default: return -LX_ENOTTY;
    }
}

/* Readable when a read would not sleep: a complete line (or, raw, any byte) or Ctrl-D. */
static uint32_t tty_poll(struct file *f) {
    (void)f;
    return LX_POLLOUT | (tty.ready ? LX_POLLIN : 0u);
}

const struct file_ops tty_ops = {
    .poll = tty_poll,
    .read = tty_read,
    .write = tty_write,
    .ioctl = tty_ioctl,
    .release = tty_release,
};
