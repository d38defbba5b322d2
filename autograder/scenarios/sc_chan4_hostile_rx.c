/*
 * sc_chan4_hostile_rx.c - scenario of system test_chan_hostile (VM "rx", the higher
 * priority): at each step of hostile_steps (chan4_guest.h) it arms its ring, breaks it,
 * lets "tx" make a send that must fail, repairs the ring, checks that nothing happened,
 * and lets "tx" send message <step>, which must arrive intact.
 * Its ring has its own page; each of its NBUF buffers of BUF_SIZE bytes straddles two
 * pages used by no other buffer. Every posted buffer is filled with a canary.
 * Results per step: <step>_line (line 1 pending after the failed send), <step>_waiting
 * (messages waiting then), <step>_filled (the ring's `filled`: still the messages
 * before), <step>_notify (still armed), <step>_dirty (canary bytes overwritten in the
 * buffers), <step>_ok (message <step> arrived intact), <step>_woke (its send raised
 * the line); also shm_map and register.
 */
#include "chan4_guest.h"

#define NBUF 4u
#define BUF_SIZE 512u
#define CANARY 0xc3u
#define PAGE MV_PAGE_SIZE

/* Page 0: the ring; buffer i: the last half KiB of page 1 + 2i, the first of 2 + 2i. */
static uint8_t arena[(1u + 2u * NBUF) * PAGE] __attribute__((aligned(PAGE)));
static struct mv_ring ring;
#define SHARED ((struct mv_chan_ring *)arena)

static uint8_t *buffer(uint32_t i) { return arena + (2u + 2u * i) * PAGE - BUF_SIZE / 2u; }
static uint32_t page_of(const void *p) { return (uint32_t)p & ~(PAGE - 1u); }
/* The buffer the next message goes into, and its descriptor. */
static uint8_t *next_buf(void) { return buffer(SHARED->filled % NBUF); }
static struct mv_chan_desc *next_desc(void) { return &SHARED->desc[SHARED->filled % NBUF]; }

static void post(uint8_t *buf) {
    memset(buf, CANARY, BUF_SIZE);
    mv_ring_post(&ring, buf, BUF_SIZE);
}

static void map(uint32_t page, uint32_t flags) { mv_vmmu_map(page, page, flags); }

/* Break the ring as step @p k says; remember what to put back. */
static struct mv_chan_desc saved_desc;
static uint32_t saved_posted;

static void break_ring(uint32_t k) {
    const char *s = hostile_steps[k];
    struct mv_chan_desc *d = next_desc();
    saved_desc = *d;
    saved_posted = SHARED->posted;
    if (!strcmp(s, "ring_unmapped"))
        mv_vmmu_unmap(page_of(arena));
    else if (!strcmp(s, "ring_ro"))
        map(page_of(arena), MV_MAP_READ);
    else if (!strcmp(s, "buf_unmapped"))
        mv_vmmu_unmap(page_of(next_buf()));
    else if (!strcmp(s, "buf_ro"))
        map(page_of(next_buf()), MV_MAP_READ);
    else if (!strcmp(s, "buf_half"))
        mv_vmmu_unmap(page_of(next_buf() + BUF_SIZE - 1u));
    else if (!strcmp(s, "buf_kernel"))
        d->addr = 0xc0000000u;
    else if (!strcmp(s, "buf_wrap"))
        *d = (struct mv_chan_desc){.addr = 0xffffff00u, .size = 0xffffffffu};
    else if (!strcmp(s, "posted_ahead"))
        SHARED->posted = SHARED->filled + NBUF + 3u;
    else if (!strcmp(s, "posted_behind"))
        SHARED->posted = SHARED->filled - 1u;
}

/* Map everything again, then restore the descriptor and the counter. */
static void repair(void) {
    map(page_of(arena), MV_MAP_READ | MV_MAP_WRITE);
    for (uint32_t i = 0; i < NBUF; i++) {
        map(page_of(buffer(i)), MV_MAP_READ | MV_MAP_WRITE);
        map(page_of(buffer(i) + BUF_SIZE - 1u), MV_MAP_READ | MV_MAP_WRITE);
    }
    *next_desc() = saved_desc;
    SHARED->posted = saved_posted;
}

static uint32_t dirty(void) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < NBUF; i++)
        n += c4_not(buffer(i), BUF_SIZE, CANARY);
    return n;
}

static void step(uint32_t k) {
    const char *s = hostile_steps[k];
    mv_ring_arm(&ring);
    break_ring(k);
    c4_go();
    c4_wait_sync();   /* tx's send failed */
    c4_int(s, "line", (int32_t)c4_take_lines(BIT(LINE_CH)));
    repair();
    c4_int(s, "waiting", (int32_t)mv_ring_waiting(&ring));
    c4_int(s, "filled", (int32_t)SHARED->filled);
    c4_int(s, "notify", (int32_t)SHARED->notify);
    c4_int(s, "dirty", (int32_t)dirty());
    c4_go();
    c4_wait_sync();   /* tx sent message k */
    c4_int(s, "woke", (int32_t)c4_take_lines(BIT(LINE_CH)));
    uint32_t len;
    uint8_t *buf = mv_ring_next(&ring, &len);
    c4_int(s, "ok", buf && len == HOSTILE_LEN && c4_check(buf, len, k) == 0);
    if (buf)
        post(buf);
}

int main(void) {
    sg_int("shm_map", mv_vmmu_map(HOSTILE_SHM_GPA, HOSTILE_SHM_GPA, MV_MAP_READ | MV_MAP_WRITE));
    c4_fill((uint8_t *)HOSTILE_SHM_GPA, HOSTILE_LEN, 0);   /* message 0, sent from there */
    mv_ring_init(&ring, SHARED, NBUF);
    for (uint32_t i = 0; i < NBUF; i++)
        post(buffer(i));
    sg_int("register", mv_chan_register(CAP_CH, &ring));
    for (uint32_t k = 0; k < HOSTILE_STEPS; k++)
        step(k);
    return 0;
}
