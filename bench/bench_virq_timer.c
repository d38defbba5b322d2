/*
 * bench_virq_timer.c - the latency of a virtual timer: from its deadline to the first
 * instruction of the guest kernel's handler, while a process spins in guest-user mode
 * with vIRQs enabled.
 *
 *     guest kernel: deadline = mv_time() + LEAD_NS; mv_vtimer_set(deadline, LINE);
 *                   mv_resume_user()
 *     process:      spins, counting its loop's iterations       (deadline passes)
 *     microvisor:   the hardware timer's interrupt, vtimer_expire() raises LINE,
 *                   virq_deliver() makes an upcall (MV_CAUSE_VIRQ) into the guest kernel
 *     guest kernel: its entry's first instruction reads the counter     --- the end ---
 *
 * Virtual time is the instruction count under icount (1 ns = 1 instruction), so the
 * figure, like the others, is in instructions. Two clocks are read, because neither
 * alone gives it exactly:
 *
 *  - mv_time() is the only clock the deadline is on, but it ticks in 16 ns steps
 *    (QEMU's 62.5 MHz counter), and the handler can read it only some way into the
 *    MV_HC_TIME hypercall. So the handler gets a *lower bound* of the time since the
 *    deadline: its mv_time() result minus the deadline, minus everything the counter
 *    counted from the process's last counter read to the return of mv_time().
 *  - The cycle counter gives the *exact* instructions from the interrupt to the handler:
 *    the process reads it once and then counts the iterations of its loop, so from its
 *    registers at the upcall (mv_state::user: the count, the iterations, the pc) the
 *    handler knows the count just before the interrupt, and the entry stub reads the
 *    counter first thing. But it cannot see whether the interrupt came at the deadline.
 *
 * A sample is the larger of the two. When the interrupt comes at the deadline (deadlines
 * are multiples of 16 ns, so the timer adds no rounding of its own), that is the exact
 * interrupt-to-handler count; when the interrupt comes late, the time-based bound wins,
 * and the figure shows how late (to within one mv_time() call). An upcall entered
 * before the deadline is a failure. The figure is the median of the samples.
 *
 * Target: 300 instructions, a goal for an optimised path, not a limit, and chosen to
 * compare with the other paths rather than from a measurement. The interrupt path does
 * about what a vCPU switch does (vcpu_switch's goal, 300), without a scheduling choice to
 * make, but with more around it: a trap entry and exit (bench_null.c's goal, 100);
 * acknowledging the interrupt at the GIC and the timer (about 30); the scheduler's timer
 * event: charging the slice, the timeout and virtual-timer scans over every vCPU, the
 * raise, re-arming the hardware timer (about 100); the upcall: the 17 user registers
 * into the state page and the switch to the guest kernel's address space (about 70).
 */
#include "bench.h"

#define TARGET_INSTRUCTIONS 300u
#define MODE_USR 0x10u
#define PSR_T 0x20u
#define LINE 3u            /* the line the virtual timer raises */
#define LEAD_NS 4096u      /* deadline - mv_time() when armed: enough for the way back into
                            * the spin (a multiple of 16 ns, so deadlines stay on the tick) */
#define WARMUP 10u         /* samples not kept: the first ones touch cold paths */

/* The process: read the cycle counter once, then count loop iterations. (A loop of
 * counter reads would do as well, but under icount each read ends QEMU's translation
 * block: it runs some 10 times slower, which shows when the timer comes late and the
 * process spins for a whole timeslice.) At the upcall, mv_state::user says when it was
 * interrupted: r1 = the count read, r0 = the iterations begun, pc = where (at spin_loop:
 * the branch of the last one ran). */
extern const char spin_code[], spin_loop[], spin_code_end[];
__asm__(".pushsection .text.spin_code, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n   .balign 4\n"
        "   .global spin_code, spin_loop, spin_code_end\n"
        "spin_code:\n"
        "   mrc p15, 0, r1, c9, c13, 0\n"
        "   movs r0, #0\n"
        "spin_loop:\n"
        "   adds r0, r0, #1\n"
        "   b spin_loop\n"
        "spin_code_end:\n"
        "   .popsection\n");

/* The counter value the process would have read just before it was interrupted: the
 * count it read, plus the instructions it ran after that read (the movs, then r0 adds,
 * and a branch after each add but the last unless pc is back at spin_loop). */
static uint32_t count_at_interrupt(const struct mv_regs *u) {
    uint32_t ran = 1u + 2u * u->r[0] - (u->pc == (uint32_t)spin_loop || u->r[0] == 0 ? 0u : 1u);
    return u->r[1] + ran;
}

/* The upcall entry: its first instruction reads the counter, then on to the handler with
 * (cause, state page, count). */
void upcall_entry(uint32_t cause, struct mv_state *s);
void __attribute__((noreturn)) timer_handler(uint32_t cause, struct mv_state *s, uint32_t entry);
__asm__(".pushsection .text.upcall_entry, \"ax\", %progbits\n"
        "   .syntax unified\n   .thumb\n"
        "   .global upcall_entry\n   .type upcall_entry, %function\n   .thumb_func\n"
        "upcall_entry:\n"
        "   mrc p15, 0, r2, c9, c13, 0\n"
        "   b timer_handler\n"
        "   .popsection\n");

static uint8_t upcall_stack[8192] __attribute__((aligned(8)));
static uint32_t samples[BENCH_SAMPLES];
static uint32_t nsamples, overhead;
static uint64_t deadline;

static void __attribute__((noreturn)) arm_and_resume(void) {
    deadline = mv_time() + LEAD_NS;
    int32_t rc = mv_vtimer_set(deadline, LINE);
    if (rc)
        bench_fail("mv_vtimer_set", rc);
    struct mv_state *s = mv_state_page(0);
    s->user = (struct mv_regs){.pc = (uint32_t)spin_code, .cpsr = MODE_USR | PSR_T};
    bench_fail("mv_resume_user", mv_resume_user());
}

void timer_handler(uint32_t cause, struct mv_state *s, uint32_t entry) {
    uint64_t now = mv_time();
    uint32_t after = mv_cycles();
    if (cause != MV_CAUSE_VIRQ)
        bench_fail("an upcall other than the timer's vIRQ", (int32_t)cause);
    uint32_t payload;
    int32_t rc = mv_virq_take(LINE, &payload);
    if (rc != 1)
        bench_fail("mv_virq_take (the timer's line was not pending)", rc);
    if (now + 16u <= deadline)   /* then even the time read came before the deadline */
        bench_fail("the deadline: the upcall came before it", (int32_t)(deadline - now));
    if (s->user.pc != (uint32_t)spin_loop && s->user.pc != (uint32_t)spin_loop + 2u)
        bench_fail("the process was not in its loop (LEAD_NS too short?)", (int32_t)s->user.pc);
    uint32_t interrupted = count_at_interrupt(&s->user);
    uint32_t from_irq = entry - interrupted - overhead;                  /* exact */
    int64_t since = (int64_t)(now - deadline) - (int64_t)(after - interrupted); /* <= it */
    uint32_t sample = since > (int64_t)from_irq ? (uint32_t)since : from_irq;
    if (nsamples >= WARMUP)
        samples[nsamples - WARMUP] = sample;
    if (++nsamples < WARMUP + BENCH_SAMPLES)
        arm_and_resume();
    bench_report("virq_timer", bench_median(samples, BENCH_SAMPLES), TARGET_INSTRUCTIONS);
    exit(0);
}

int main(void) {
    overhead = bench_counter_overhead();
    int32_t rc = mv_set_entry(upcall_entry, upcall_stack + sizeof upcall_stack);
    if (rc)
        bench_fail("mv_set_entry", rc);
    int32_t ctx = mv_ctx_create();
    if (ctx < 0)
        bench_fail("mv_ctx_create", ctx);
    bench_map((uint32_t)ctx, spin_code, spin_code_end,
              MV_MAP_READ | MV_MAP_EXEC);
    if ((rc = mv_ctx_switch((uint32_t)ctx)))
        bench_fail("mv_ctx_switch", rc);
    mv_state_page(0)->virq_enabled = 1;
    arm_and_resume();
}
