/*
 * test_console_in.c - console input, end to end: systems test_console_in (VM "shell" owns
 * the input, sc_console_in.c; VM "other" must be refused, sc_console_other.c) and
 * test_console_none (nobody owns it).
 *
 * These systems need input, so they are not in systest.c's cache of runs: each test boots
 * its own, feeding a file it writes to QEMU's serial port (qemu_run.h, "Console input").
 *
 * The owner's input is paced: the harness sends CHUNK bytes each time "shell" prints a
 * `more` line, which it does only once it has read everything sent so far. With CHUNK no
 * bigger than the microvisor's buffer, a correct kernel never drops a byte, however fast
 * or slow the host: so the test demands every byte, in order, and dropped == 0. (Fed the
 * whole file at once, QEMU refills the UART as fast as the kernel drains it: whether more
 * than MV_CONSOLE_INPUT_BUF bytes arrive between two reads of the guest, and so whether
 * bytes are dropped, then depends on the host's timing; about one run in five with 1 KiB.
 * That mode is left to the no-owner test, which only needs nothing to break.) CHUNK is
 * not a divisor of the buffer's size, so the bytes of a chunk wrap around its end and
 * reads copy in two pieces.
 *
 * The input is a header "<payload length> <chunk>\n" and a payload holding text with
 * CR, LF and tabs, NUL, every byte value up and down, and pseudo-random bytes: the
 * microvisor translates nothing, so everything must arrive exactly.
 */
#include <errno.h>
#include <stdlib.h>
#include "systest.h"

#define TAGS "lab3 system"
#define SYSTEM "test_console_in"
#define SYSTEM_NONE "test_console_none"
#define SHELL "shell"
#define OTHER "other"
#define CHUNK (MV_CONSOLE_INPUT_BUF - 5u)   /* nearly fills the buffer, and wraps around it */
#define PAYLOAD_MAX 8192u                  /* sc_console_in.c's buffer */
#define DEADLINE_MS 8000u                  /* a run normally takes well under 1 s */
#define TIMEOUT_S 30

/* The payload: what every test sends. Returns its length. */
static size_t make_payload(uint8_t *p, size_t size) {
    static const char text[] = "console input for 'shell': the quick brown fox\r\n"
                               "jumps over the lazy dog\n\ttabbed\rcarriage return only\r\n";
    size_t n = 0;
    for (int i = 0; i < 3; i++)
        for (const char *t = text; *t; t++)
            p[n++] = (uint8_t)*t;
    for (int v = 0; v < 256; v++)       /* every byte value, NUL first */
        p[n++] = (uint8_t)v;
    for (int v = 255; v >= 0; v--)
        p[n++] = (uint8_t)v;
    uint32_t x = 0x12345678u;
    for (int i = 0; i < 400; i++) {     /* no pattern a ring bug could keep by luck */
        x = x * 1103515245u + 12345u;
        p[n++] = (uint8_t)(x >> 16);
    }
    p[n++] = 0;
    p[n++] = 0;
    p[n++] = '\n';
    ck_assert_uint_le(n, size);
    return n;
}

/* Write the input (header and payload) next to the run's log; returns its path in @p path. */
static size_t write_input(const struct systest_run *run, const uint8_t *payload, size_t len,
                          size_t chunk, char *path, size_t size) {
    char header[32];
    int h = snprintf(header, sizeof header, "%zu %zu\n", len, chunk);
    snprintf(path, size, "%s/%s.input", systest_log_dir(), run->system);
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f, "cannot write the test input %s: %s", path, strerror(errno));
    bool ok = fwrite(header, 1, (size_t)h, f) == (size_t)h && fwrite(payload, 1, len, f) == len;
    ck_assert_msg(fclose(f) == 0 && ok, "cannot write the test input %s", path);
    return (size_t)h + len;
}

static uint32_t fnv1a(const uint8_t *p, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static int hex_digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Rebuild the bytes "shell" received from its `data <offset> <hex>` lines. Returns how
 * many it reported (contiguous from 0), or -1 if a line is malformed or out of order. */
static long received_bytes(const struct systest_run *run, uint8_t *got, size_t size) {
    struct scenario_line l;
    size_t pos = 0, next = 0;
    while (scenario_next(&run->r, &pos, &l)) {
        if (l.nonce != run->nonce || strcmp(l.vm, SHELL) != 0 || strcmp(l.key, "data") != 0)
            continue;
        char *hex;
        unsigned long off = strtoul(l.value, &hex, 10);
        if (off != next || *hex++ != ' ')
            return -1;
        for (; hex[0] && hex[1]; hex += 2) {
            int hi = hex_digit(hex[0]), lo = hex_digit(hex[1]);
            if (hi < 0 || lo < 0 || next >= size)
                return -1;
            got[next++] = (uint8_t)(hi << 4 | lo);
        }
        if (*hex)
            return -1;
    }
    return (long)next;
}

/* A short hex picture of @p n bytes at @p p. */
static const char *hex_of(const uint8_t *p, size_t n, char *buf, size_t size) {
    size_t w = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && w + 4 < size; i++)
        w += (size_t)snprintf(buf + w, size - w, "%s%02x", i ? " " : "", p[i]);
    return buf;
}

/* Fail, saying how far "shell" got, unless it finished (a hang ends at the deadline). */
static void expect_shell_finished(const struct systest_run *run, size_t total) {
    struct scenario_line l, last = {.key = "(none)"};
    size_t pos = 0;
    if (scenario_count(&run->r, run->nonce, SHELL, "done") == 1)
        return;
    while (scenario_next(&run->r, &pos, &l))
        if (l.nonce == run->nonce && strcmp(l.vm, SHELL) == 0)
            last = l;
    EXPECT(run, false, "'shell' never finished reading its input: it asked for more %u time(s), "
           "the harness sent %zu of the %zu input bytes, and its last result line was '%s %s' "
           "(bytes that never reached it, taken by a read that failed, or a lost interrupt; "
           "or a kernel that stopped)",
           run->r.input_prompts, run->r.input_sent, total, last.key, last.value);
}

START_TEST(lab3_sys_console_input) {
    static uint8_t payload[PAYLOAD_MAX], got[PAYLOAD_MAX];
    size_t len = make_payload(payload, sizeof payload);
    struct systest_run run;
    char input[600], prompt[48], a[64], b[64];
    systest_prepare(&run, SYSTEM);
    size_t total = write_input(&run, payload, len, CHUNK, input, sizeof input);
    snprintf(prompt, sizeof prompt, "@@ %08x more ", run.nonce);   /* this run's lines only */
    systest_boot(&run, (struct qemu_run_opts){.deadline_ms = DEADLINE_MS, .input_path = input,
                                              .input_chunk = CHUNK, .input_prompt = prompt});
    EXPECT(&run, run.rc == 0, "the harness could not feed the input file %s", input);
    expect_shell_finished(&run, total);

    /* the header: the owner can read at all, in order */
    EXPECT(&run, RESULT(&run, SHELL, "header_ok") == 1, "'shell' could not parse the input's "
           "first line \"%zu %u\" (the first bytes it read were wrong, or missing)", len, CHUNK);
    EXPECT_RESULT(&run, SHELL, "expect", (long long)len);
    EXPECT_RESULT(&run, SHELL, "chunk", CHUNK);
    EXPECT_RESULT(&run, SHELL, "read_error", 0);
    EXPECT_RESULT(&run, SHELL, "lost_wakeups", 0);

    /* nothing dropped: at most CHUNK <= MV_CONSOLE_INPUT_BUF bytes were ever in flight */
    long long dropped = RESULT(&run, SHELL, "dropped");
    EXPECT(&run, dropped == 0, "the kernel reported %lld byte(s) dropped, but no more than %u "
           "bytes were ever waiting (the harness sends the next chunk only when 'shell' has "
           "read everything), and the buffer holds %u", dropped, CHUNK, MV_CONSOLE_INPUT_BUF);

    /* a read that claimed bytes it could not have written explains a short stream */
    long long straddle, bad_at = -1;
    if (scenario_get_int(&run.r, run.nonce, SHELL, "efault_straddle", &straddle))
        EXPECT(&run, straddle <= 1, "a read into a buffer whose first byte is mapped and the "
               "rest not returned %lld: it claims bytes it cannot have written (expected %d, "
               "MV_EFAULT, and nothing taken)", straddle, MV_EFAULT);
    scenario_get_int(&run.r, run.nonce, SHELL, "bad_at", &bad_at);

    /* every byte, in order, exactly as sent */
    long n = received_bytes(&run, got, sizeof got);
    EXPECT(&run, n >= 0, "'shell' printed a malformed 'data' line");
    size_t diff = 0;
    while (diff < (size_t)n && diff < len && got[diff] == payload[diff])
        diff++;
    size_t sent_left = diff < len ? len - diff : 0;
    size_t got_left = diff < (size_t)n ? (size_t)n - diff : 0;
    EXPECT(&run, diff == len && (size_t)n == len,
           "'shell' received %ld payload bytes of %zu; they first differ from what was sent at "
           "payload offset %zu (input offset %zu): sent [%s], received [%s] (bad arguments were "
           "tried at input offset %lld: they must take nothing)", n, len, diff,
           diff + (total - len), hex_of(payload + diff, sent_left < 8 ? sent_left : 8, a, sizeof a),
           hex_of(got + diff, got_left < 8 ? got_left : 8, b, sizeof b),
           bad_at);
    EXPECT_RESULT(&run, SHELL, "received", (long long)len);
    EXPECT_RESULT(&run, SHELL, "stream", (long long)total);
    EXPECT_RESULT(&run, SHELL, "fnv", fnv1a(payload, len));
    EXPECT_RESULT(&run, SHELL, "overflow", 0);
    EXPECT_RESULT(&run, SHELL, "after_end", 0);   /* nothing made up after the last byte */
    EXPECT(&run, run.r.input_sent == total, "the harness sent %zu of the %zu input bytes "
           "('shell' asked for more %u times)", run.r.input_sent, total, run.r.input_prompts);

    /* bad arguments, each with bytes waiting: refused (and, above, nothing taken) */
    EXPECT_RESULT(&run, SHELL, "erange_max_plus_1", MV_ERANGE);
    EXPECT_RESULT(&run, SHELL, "erange_huge", MV_ERANGE);
    EXPECT_RESULT(&run, SHELL, "efault_unmapped", MV_EFAULT);
    EXPECT_RESULT(&run, SHELL, "efault_kernel", MV_EFAULT);
    EXPECT_RESULT(&run, SHELL, "efault_null", MV_EFAULT);
    EXPECT_RESULT(&run, SHELL, "zero_max", 0);
    /* first byte writable, the second not: the whole buffer is checked first. (1: at
     * every try only one byte had arrived, so the read was legal; nothing to judge.) */
    straddle = RESULT(&run, SHELL, "efault_straddle");
    EXPECT(&run, straddle == MV_EFAULT || straddle == 1, "a read into a buffer whose first "
           "byte is mapped and the rest not returned %s, with two or more bytes waiting: "
           "expected %d (MV_EFAULT), nothing taken", systest_describe(straddle, a, sizeof a),
           MV_EFAULT);

    /* the other VM: refused every time, whatever the arguments, and it kept running */
    EXPECT_RESULT(&run, OTHER, "other_read", MV_EPERM);
    EXPECT_RESULT(&run, OTHER, "other_read_range", MV_EPERM);
    EXPECT_RESULT(&run, OTHER, "other_read_fault", MV_EPERM);
    EXPECT_RESULT(&run, OTHER, "other_read_zero", MV_EPERM);
    long long tries = RESULT(&run, OTHER, "other_tries");
    EXPECT(&run, tries >= 1, "'other' made no read while the input flowed");
    EXPECT(&run, RESULT(&run, OTHER, "other_not_eperm") == 0, "%lld of the %lld reads 'other' "
           "made while the input flowed were not refused (the first returned %lld): only the "
           "owner may read", RESULT(&run, OTHER, "other_not_eperm"), tries,
           RESULT(&run, OTHER, "other_first_bad"));
    EXPECT_RESULT(&run, SHELL, "other_stop", 0);
    systest_expect_stopped(&run, SHELL, 0, NULL, 0);
    systest_expect_stopped(&run, OTHER, 0, NULL, 0);
    systest_expect_clean_poweroff(&run);
    qemu_run_free(&run.r);
}
END_TEST

/* Nobody owns the input: it arrives all at once and is thrown away; everything else runs
 * as before (no interrupt storm, no panic), and every read is refused. */
START_TEST(console_input_no_owner) {
    static uint8_t payload[PAYLOAD_MAX];
    size_t len = make_payload(payload, sizeof payload);
    struct systest_run run;
    char input[600];
    systest_prepare(&run, SYSTEM_NONE);
    write_input(&run, payload, len, 0, input, sizeof input);
    systest_boot(&run, (struct qemu_run_opts){.deadline_ms = DEADLINE_MS, .input_path = input});
    EXPECT(&run, run.rc == 0, "the harness could not feed the input file %s", input);
    EXPECT_RESULT(&run, SHELL, "read_error", MV_EPERM);
    EXPECT_RESULT(&run, SHELL, "eperm_again", MV_EPERM);
    EXPECT_RESULT(&run, SHELL, "received", 0);
    EXPECT_RESULT(&run, OTHER, "other_read", MV_EPERM);
    EXPECT_RESULT(&run, OTHER, "other_not_eperm", 0);
    systest_expect_stopped(&run, SHELL, 0, NULL, 0);
    systest_expect_stopped(&run, OTHER, 0, NULL, 0);
    systest_expect_clean_poweroff(&run);
    qemu_run_free(&run.r);
}
END_TEST

Suite *suite_console_in(void) {
    Suite *s = suite_create("console_in");
    systest_add(s, "lab3_sys_console_input", TAGS, lab3_sys_console_input, TIMEOUT_S);
    systest_add(s, "console_input_no_owner", "foundation system", console_input_no_owner,
                TIMEOUT_S);
    return s;
}
