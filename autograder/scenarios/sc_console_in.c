/*
 * sc_console_in.c - scenario of systems test_console_in (VM "shell", the owner of
 * console input) and test_console_none (the same VM, but nobody owns the input).
 *
 * The test feeds the input to QEMU's serial port (autograder/lib/qemu_run.h, "Console
 * input"): a header, "<payload length> <chunk>\n" in decimal, then the payload, any byte
 * values. Paced: the harness sends the next <chunk> bytes of the input each time this VM
 * prints a `more` result line, and it prints one at the start and then each time it has
 * read everything sent so far (chunk 0: the input comes all at once, one `more` only).
 * So with a chunk no bigger than the kernel's buffer no byte can be dropped for lack of
 * room, whatever the host's speed.
 *
 * It reads with MV_HC_CONSOLE_READ, buffer sizes taken in turn from an odd list, and
 * reports the length it parsed, every payload byte it read (as hex, in `data` lines),
 * their FNV-1a check-sum and the dropped count the kernel returned in r1.
 *
 * Waiting: mv_wait with a timeout, then acknowledge the line, then read until nothing is
 * left, so every byte arriving later raises the line again. A timeout (nothing pending)
 * is followed by a read anyway: bytes found then, with the line still not pending, are
 * a lost wake-up (counted), never a hang.
 *
 * The first wake after a `more` line (the buffer was empty and the line clear, so bytes
 * wait) spins a little to let the chunk arrive, then, once past BAD_ARGS_FROM, tries bad
 * arguments: a size above MV_CONSOLE_MAX (MV_ERANGE), buffers in unmapped and kernel
 * memory (MV_EFAULT), and a buffer whose first byte is mapped and the rest not (MV_EFAULT
 * when two or more bytes wait; with one, that byte is read, legally, and the attempt is
 * made again at the next chunk). None of them may take a byte: the stream the test
 * compares must still be whole.
 *
 * Without an owner every read is MV_EPERM: then it spins a while (the input arrives and
 * the kernel must discard it without disturbing anyone), reads once more and finishes.
 * At the end it raises the other VM's line (its cue to finish) and exits 0.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "scenario_guest.h"

enum { CAP_OTHER_STOP = 0 };          /* systems/test_console_in.c */
#define LINE 3u                        /* console_input.line in the system description */
#define BIT (1u << LINE)
#define TIMEOUT_NS 2000000u            /* 2 ms of virtual time per wait */
#define PAYLOAD_MAX 8192u
#define HEADER_MAX 24u
#define BAD_ARGS_FROM 200u             /* try bad arguments at a chunk starting this far in */
#define GATHER_SPIN 300000u            /* loops at a chunk's first wake: let bytes gather */
#define EPERM_SPIN 3000000u            /* loops with no owner: let the input flow */
#define UNMAPPED_VA 0x00400000u        /* beyond RAM (256 KiB): not mapped */
#define ALIAS_VA 0x00500000u           /* one page mapped here; the page after it is not */
#define KERNEL_VA 0xc0000000u
#define DUMP_BYTES 32u                 /* payload bytes per `data` line */

static const uint32_t sizes[] = {1, 7, 64, 3, MV_CONSOLE_MAX, 13, 255, 2, 256, 31};
#define N_SIZES (sizeof sizes / sizeof sizes[0])

static uint8_t payload[PAYLOAD_MAX];
static uint8_t buf[MV_CONSOLE_MAX];
static uint8_t alias_page[MV_PAGE_SIZE] __attribute__((aligned(MV_PAGE_SIZE)));

static struct {
    char header[HEADER_MAX];
    uint32_t header_len;      /* header bytes seen, newline included */
    bool header_done, header_bad;
    uint32_t expect, chunk;   /* from the header */
    uint32_t got;             /* payload bytes read */
    uint32_t stream;          /* every byte read: header and payload */
    uint32_t overflow;        /* payload bytes beyond the header's length */
    uint32_t dropped;         /* r1 of the last successful read */
    uint32_t vanished;        /* bytes a bad read claimed to put where nothing is mapped */
    uint32_t reads, size_i;
    int32_t read_error;       /* the first unexpected result (0: none) */
} st;

/* "<length> <chunk>" (decimal, one space). */
static void parse_header(void) {
    const char *p = st.header;
    uint32_t v[2] = {0, 0};
    for (int i = 0; i < 2; i++) {
        const char *start = p;
        while (*p >= '0' && *p <= '9' && p - start < 7)
            v[i] = v[i] * 10u + (uint32_t)(*p++ - '0');
        if (p == start || *p != (i == 0 ? ' ' : '\0')) {
            st.header_bad = true;
            return;
        }
        p++;
    }
    st.expect = v[0];
    st.chunk = v[1];
    st.header_bad = st.expect > PAYLOAD_MAX;
}

/* Take the bytes a read returned: the header first, then the payload. */
static void take(const uint8_t *p, uint32_t n) {
    for (uint32_t i = 0; i < n; i++, st.stream++) {
        uint8_t c = p[i];
        if (!st.header_done) {
            if (c == '\n') {
                st.header_done = true;
                parse_header();
            } else if (st.header_len < HEADER_MAX - 1) {
                st.header[st.header_len] = (char)c;
            } else {
                st.header_done = st.header_bad = true;
            }
            st.header_len++;
        } else if (st.got < st.expect) {
            payload[st.got++] = c;
        } else {
            st.overflow++;
        }
    }
}

/* Input bytes accounted for: read or dropped. */
static uint32_t consumed(void) { return st.stream + st.dropped + st.vanished; }

/* Whether more input is to come. */
static bool more_to_come(void) {
    if (!st.header_done)
        return true;
    return !st.header_bad && consumed() < st.header_len + st.expect;
}

/* The most to ask for: one byte at a time in the header (never read past it blindly),
 * then no more than what is left. */
static uint32_t limit(void) {
    if (!st.header_done)
        return 1;
    return more_to_come() ? st.header_len + st.expect - consumed() : 0;
}

/* One read with the next size of the list (no more than the limit). */
static int32_t read_some(void) {
    uint32_t max = sizes[st.size_i++ % N_SIZES], dropped = 0, l = limit();
    if (max > l)
        max = l;
    int32_t n = mv_console_read(buf, max, &dropped);
    st.reads++;
    if (n < 0) {
        if (!st.read_error)
            st.read_error = n;
        return n;
    }
    if ((uint32_t)n > max) {   /* more than asked: keep what fits, note the error */
        if (!st.read_error)
            st.read_error = 1000000 + n;
        n = (int32_t)max;
    }
    st.dropped = dropped;
    take(buf, (uint32_t)n);
    return n;
}

/* Read until nothing is waiting or the input is complete; returns the bytes read. */
static uint32_t drain(void) {
    uint32_t total = 0;
    int32_t n;
    while (limit() > 0 && (n = read_some()) > 0)
        total += (uint32_t)n;
    return total;
}

static void spin(uint32_t loops) {
    for (volatile uint32_t i = 0; i < loops; i++)
        ;
}

/* Bad arguments, with at least one byte waiting. None may take a byte. */
static bool bad_args_done;

static void bad_args(void) {
    uint32_t d = 0;
    sg_int("bad_at", (int32_t)st.stream);
    sg_int("erange_max_plus_1", mv_console_read(buf, MV_CONSOLE_MAX + 1, &d));
    sg_int("erange_huge", mv_console_read(buf, 0xffffffffu, &d));
    sg_int("efault_unmapped", mv_console_read((void *)UNMAPPED_VA, 64, &d));
    sg_int("efault_kernel", mv_console_read((void *)KERNEL_VA, 16, &d));
    sg_int("efault_null", mv_console_read((void *)0, 16, &d));
    sg_int("zero_max", mv_console_read(buf, 0, &d));
    bad_args_done = true;
}

/* The first byte of the buffer is mapped (the last byte of the alias page), the rest is not:
 * with two or more bytes waiting the whole read must fail. With one, it is read, legally. */
static bool straddle_done;
static uint32_t straddle_tries;

static void straddle_try(void) {
    uint32_t d = 0, max = limit() < 64 ? limit() : 64;
    if (max < 2)
        return;   /* too close to the end to tell anything */
    straddle_tries++;
    int32_t n = mv_console_read((void *)(ALIAS_VA + MV_PAGE_SIZE - 1), max, &d);
    if (n == 1) {
        st.dropped = d;
        take(&alias_page[MV_PAGE_SIZE - 1], 1);   /* the byte, through the alias */
        return;   /* try again at the next chunk */
    }
    if (n > 1) {   /* wrong: the bytes went nowhere; count them, or we would wait forever */
        st.dropped = d;
        take(&alias_page[MV_PAGE_SIZE - 1], 1);
        st.vanished += (uint32_t)n - 1;
    }
    sg_int("efault_straddle", n);
    straddle_done = true;
}

/* Ask the harness for the next chunk: everything sent so far has been read. */
static bool fresh;   /* no wake since the last `more`: the next one means bytes wait */
static uint32_t prompts, next_prompt;

static void prompt(void) {
    mv_virq_ack(BIT);   /* the buffer is empty: from now on the line means new bytes */
    sg_result("more", "%u", (unsigned)consumed());
    fresh = true;
    prompts++;
}

static uint32_t fnv1a(const uint8_t *p, uint32_t n) {
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static void dump(void) {
    static const char hex[] = "0123456789abcdef";
    char line[2 * DUMP_BYTES + 1];
    for (uint32_t off = 0; off < st.got; off += DUMP_BYTES) {
        uint32_t n = st.got - off < DUMP_BYTES ? st.got - off : DUMP_BYTES;
        for (uint32_t i = 0; i < n; i++) {
            line[2 * i] = hex[payload[off + i] >> 4];
            line[2 * i + 1] = hex[payload[off + i] & 15u];
        }
        line[2 * n] = '\0';
        sg_result("data", "%u %s", (unsigned)off, line);
    }
}

int main(void) {
    uint32_t wakes = 0, timeouts = 0, lost = 0, spurious = 0;
    int32_t eperm_again = 0;
    sg_int("alias_map", mv_vmmu_map(ALIAS_VA, (uint32_t)alias_page, MV_MAP_READ | MV_MAP_WRITE));
    prompt();
    while (more_to_come()) {
        int32_t woke = mv_wait(TIMEOUT_NS);
        uint32_t was = (uint32_t)mv_virq_ack(BIT);   /* the lines pending just before */
        if (woke < 0) {
            sg_int("wait_error", woke);
            break;
        }
        if (woke & (int32_t)BIT)
            wakes++;
        else
            timeouts++;
        if ((was & BIT) && fresh) {   /* the first bytes of a chunk: at least one waits */
            fresh = false;
            spin(GATHER_SPIN);
            if (!bad_args_done && consumed() >= BAD_ARGS_FROM)
                bad_args();
            if (bad_args_done && !straddle_done)
                straddle_try();
        }
        uint32_t n = drain();
        uint32_t now = (uint32_t)mv_virq_ack(0);   /* pending now, nothing cleared */
        if (n > 0 && !(was & BIT) && !(now & BIT))
            lost++;   /* bytes waited, yet the line was never raised for them */
        if (n == 0 && (was & BIT))
            spurious++;   /* raised, nothing to read: read by the previous drain */
        if (st.read_error == MV_EPERM) {   /* not the owner: the input flows elsewhere */
            spin(EPERM_SPIN);
            eperm_again = mv_console_read(buf, 64, &(uint32_t){0});
            break;
        }
        if (st.read_error)
            break;
        if (st.header_done && !st.header_bad && st.chunk && !next_prompt)
            next_prompt = st.chunk;
        while (next_prompt && consumed() >= next_prompt && more_to_come()) {
            next_prompt += st.chunk;
            if (consumed() < next_prompt)   /* a whole chunk read: ask for the next */
                prompt();
        }
    }
    uint32_t d = 0;
    int32_t after = mv_console_read(buf, 64, &d);   /* nothing may be left */
    sg_int("header_ok", st.header_done && !st.header_bad);
    sg_int("header_len", (int32_t)st.header_len);
    sg_int("expect", (int32_t)st.expect);
    sg_int("chunk", (int32_t)st.chunk);
    sg_int("received", (int32_t)st.got);
    sg_int("stream", (int32_t)st.stream);
    sg_int("overflow", (int32_t)st.overflow);
    sg_int("vanished", (int32_t)st.vanished);
    sg_int("dropped", (int32_t)st.dropped);
    sg_hex("fnv", fnv1a(payload, st.got));
    sg_int("read_error", st.read_error);
    sg_int("eperm_again", eperm_again);
    sg_int("after_end", after);
    sg_int("reads", (int32_t)st.reads);
    sg_int("prompts", (int32_t)prompts);
    sg_int("wakes", (int32_t)wakes);
    sg_int("timeouts", (int32_t)timeouts);
    sg_int("spurious", (int32_t)spurious);
    sg_int("lost_wakeups", (int32_t)lost);
    sg_int("straddle_tries", (int32_t)straddle_tries);
    if (!straddle_done)
        sg_int("efault_straddle", 1);   /* never saw two bytes waiting */
    dump();
    sg_int("other_stop", mv_virq_raise(CAP_OTHER_STOP));
    sg_int("done", 1);
    return 0;
}
