/**
 * @file port_fake.h
 * @brief The fixture of lab 5's unit tests: minilinux's port (guest-minilinux/port/)
 *        compiled for the host, between a fake microvisor and a fake generic kernel.
 *
 * The port is the layer in the middle: the microvisor calls it (an upcall), it calls the
 * generic kernel (kern_*), then the microvisor again (a hypercall). port_fake.c stands in
 * for both sides: each hypercall wrapper (port_fake/mv/guest.h) and each kern_* function
 * records what it was given in ::fake and answers what the test scripted. The port never
 * returns from an upcall (it resumes a process) and a lab stub stops the guest, so the
 * fakes of mv_resume_user() and mv_vm_exit() jump back to the test, which then looks at
 * what happened: fake_upcall() and its siblings say how the call ended (::fake_end).
 *
 * Each test runs in a process of its own (Check's fork), but the tests also pass under
 * CK_FORK=no: fake_reset_running() puts the port in a known state by running thread a.
 */
#ifndef PORT_FAKE_H
#define PORT_FAKE_H

#include <setjmp.h>
#include <stdbool.h>
#include "unit.h"
#include "port/port_internal.h"

/** @brief How a call into the port ended. */
enum fake_end {
    END_RETURNED,   /**< It returned (port_fault_in(), port_copy_*(), port_tick_*()). */
    END_RESUMED,    /**< mv_resume_user(): a process runs again. */
    END_EXITED,     /**< mv_vm_exit(): a port panic, or a lab stub. */
    END_STUCK,      /**< A fake was called too often, or for nothing (fake.stuck says
                         what the port did): a loop. */
};

/** @brief Room in each log; more calls than that are counted, not kept. */
#define FAKE_LOG_MAX 16u
/** @brief Calls of the fakes in one port call before it counts as an endless loop. */
#define FAKE_CALLS_MAX 1000u

/** @brief One call of a kern_* function, with the thread's registers as it saw them. */
struct fake_kcall {
    const char *fn;             /**< "kern_syscall", "kern_page_fault", ... */
    struct port_thread *t;
    struct uregs regs;          /**< t->regs at the call (zero for NULL). */
    uint32_t addr, access;      /**< kern_page_fault(), kern_fatal()'s addr. */
    int sig;                    /**< kern_fatal(). */
    char bytes[64];             /**< kern_console_input()'s buffer... */
    uint32_t n;                 /**< ...and its length. */
};

struct fake_map { uint32_t ctx, va, pa, rights; };
struct fake_copy { uint32_t nr, ctx, uva, len; const void *kbuf; };

/** @brief What the port did during one call: cleared by fake_clear_log(). */
struct fake_log {
    unsigned calls;                         /**< Of every fake: the loop guard. */
    unsigned seq;                           /**< Numbers the events below, in order. */
    unsigned resumes;
    struct mv_regs resumed_regs;            /**< state->user at mv_resume_user(). */
    uint32_t resumed_ctx, resumed_tls;      /**< The context and TLS it resumed with. */
    unsigned ctx_switches, tls_sets;
    uint32_t switched_to[FAKE_LOG_MAX];     /**< mv_ctx_switch()'s arguments. */
    unsigned fpu_saves, fpu_loads, save_seq, load_seq;
    const struct port_fpu *saved_fpu, *loaded_fpu;
    struct fake_kcall kcalls[FAKE_LOG_MAX];
    unsigned nkcalls;
    struct fake_map maps[FAKE_LOG_MAX];
    unsigned nmaps;
    struct fake_copy copies[FAKE_LOG_MAX];
    unsigned ncopies;
    uint32_t taken[FAKE_LOG_MAX];           /**< mv_virq_take()'s lines. */
    unsigned ntakes;
    uint64_t deadline;                      /**< The latest mv_vtimer_set()... */
    uint32_t timer_line;
    unsigned timer_sets;
    uint32_t acked;                         /**< mv_virq_ack()'s masks, ORed. */
    unsigned acks, waits, reads;
    char console[256];                      /**< What the port wrote (a stub's message). */
    uint32_t console_len;
};

/** @brief The fake microvisor and kernel: their state, their scripts, the log. */
struct port_fake {
    struct mv_state state;          /**< What mv_state_page(0) returns. */
    jmp_buf jump;                   /**< Where mv_resume_user() and mv_vm_exit() go. */
    enum fake_end end;
    int32_t exit_code;              /**< mv_vm_exit()'s. */
    char stuck[200];                /**< What the port kept doing (END_STUCK). */
    int rc;                         /**< What the port function returned (END_RETURNED). */
    enum fake_end setup_end;        /**< How fake_reset_running()'s port_start() ended... */
    char setup_text[400];           /**< ...in words (fake_end_text()). */
    /* the microvisor's side */
    uint32_t ctx, tls;              /**< The vCPU's context and TLS register. */
    uint64_t now;                   /**< mv_time(). */
    int32_t map_rc;                 /**< mv_ctx_map()'s answer. */
    uint32_t missing[4];            /**< Pages a copy faults on until they are mapped. */
    bool evicting;                  /**< Every copy faults (the page never stays). */
    uint32_t wait_pending[4];       /**< mv_wait()'s answers, in turn (0 ends the list). */
    const char *input[4];           /**< mv_console_read()'s chunks, in turn. */
    /* the generic kernel's side */
    struct port_thread *next[4];    /**< What kern_*() return, in turn (then their t). */
    unsigned nnext, next_used;
    int fault_rc;                   /**< kern_page_fault()'s answer... */
    uint32_t fault_pa, fault_rights;   /**< ...and the page it gives. */
    bool syscall_sets_r0;           /**< kern_syscall() puts syscall_r0 in t's r0. */
    uint32_t syscall_r0;
    struct fake_log log;
};

extern struct port_fake fake;
/** @brief The test's threads: a (context 1), b (context 2, its own TLS), c (context 1,
 *  as a's: a thread of the same process); each has registers of its own. */
extern struct port_thread th_a, th_b, th_c;

/** @brief Fixture: a clean fake, fresh threads (the port's state is not touched). */
void fake_reset(void);
/** @brief Fixture: fake_reset(), then thread a runs (port_start()), then the log is
 *  cleared: each upcall test starts with a's context, TLS and FPU loaded. */
void fake_reset_running(void);
/** @brief Fail unless fake_reset_running()'s port_start(th_a) resumed thread a. */
void require_running(void);
void fake_clear_log(void);

/** @brief The kernel's next answer (kern_syscall(), kern_tick(), ...) is @p t. */
void fake_kernel_returns(struct port_thread *t);

/** @name Calls into the port; each says how it ended. */
/**@{*/
/** @brief An upcall with @p cause, the state page as the test set it. */
enum fake_end fake_upcall(uint32_t cause);
/** @brief A system call of the running thread, with registers @p regs. */
enum fake_end fake_syscall(const struct uregs *regs);
enum fake_end fake_start(struct port_thread *t);
enum fake_end fake_fault_in(struct port_thread *t, uint32_t addr, uint32_t access);
/** @brief port_copy_to_user() if @p to_user, else port_copy_from_user(). */
enum fake_end fake_copy(bool to_user, struct port_thread *t, uint32_t uva, void *buf,
                        uint32_t len);
enum fake_end fake_tick_start(void);
enum fake_end fake_tick_rearm(void);
/**@}*/

/** @name What the tests check, with messages that say what was expected and seen. */
/**@{*/
/** @brief "thread b", "NULL", ... */
const char *fake_name(const struct port_thread *t);
/** @brief How a call ended, in words: "it stopped the guest (...): the console says ...". */
const char *fake_end_text(enum fake_end end);
/** @brief The call ended with @p want; @p call names it ("port_fault_in(...)"). */
void expect_end(enum fake_end got, enum fake_end want, const char *call);
/** @brief The call ended by resuming @p t with its 17 registers in state->user; @p call
 *  and @p hint say what ran and what to look at. */
void expect_resumed(enum fake_end got, const struct port_thread *t, const char *call,
                    const char *hint);
/** @brief The 17 registers @p got equal @p want; @p what names @p got. */
void expect_regs(const struct uregs *got, const struct uregs *want, const char *what,
                 const char *hint);
/** @brief Exactly one kern_* call was made, to @p fn with thread @p t: returns it. */
const struct fake_kcall *expect_one_kcall(const char *fn, const struct port_thread *t,
                                          const char *when);
/** @brief A register pattern of its own for @p seed (every word differs). */
void fake_regs(struct uregs *r, uint32_t seed);
/**@}*/

void port_upcall_add_tcases(Suite *s);
void port_events_add_tcases(Suite *s);
void port_mmu_add_tcases(Suite *s);

#endif
