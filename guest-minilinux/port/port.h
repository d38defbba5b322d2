/**
 * @file port.h
 * @brief The contract between minilinux's generic kernel and its port to the microvisor.
 *
 * minilinux is split like L4Linux or OK Linux: the **port** (guest-minilinux/port/) is the
 * only code that knows it runs on the microvisor (it alone makes hypercalls), and the
 * **generic kernel** (guest-minilinux/kernel/) is an ordinary small Unix kernel that sees
 * the machine only through the functions below. It is compiled without the microvisor's
 * headers, so it cannot make a hypercall by mistake.
 *
 * The contract goes both ways:
 * - `port_*` functions are the port's, called by the generic kernel (console output,
 *   address spaces, copies to and from a process, power-off);
 * - `kern_*` functions are the generic kernel's, called by the port when something
 *   happens (boot, a system call, a page fault, a fatal fault, a timer tick). Each
 *   returns the thread the port must run next.
 *
 * The port runs the kernel as an event handler on one stack, like the microvisor itself:
 * every entry (an upcall) runs to completion and ends by resuming a process; nothing in
 * the kernel blocks or is preempted, so it needs no locks. Any kern_*() may return NULL:
 * no process can run, so the port idles (waits for a vIRQ) and passes on the next event
 * (kern_tick(), kern_console_input() with a NULL thread).
 *
 * Memory: the port maps the VM's RAM 1:1 into the kernel's own address space, so a
 * guest-physical address and the kernel pointer to it are the same number
 * (port_virt_to_phys()).
 */
#ifndef MINILINUX_PORT_H
#define MINILINUX_PORT_H

#include <stdint.h>

/** @brief A process's user registers, saved while it does not run (the layout of the
 *  microvisor's `struct mv_regs`: the port copies it whole). */
struct uregs {
    uint32_t r[13];  /**< r0..r12 */
    uint32_t sp;     /**< r13 */
    uint32_t lr;     /**< r14 */
    uint32_t pc;     /**< r15: where the process continues. */
    uint32_t cpsr;   /**< Only the condition flags, GE and the Thumb/If-Then state count. */
};

/** @brief A process's floating-point registers (VFP/NEON), saved while another process
 *  has them. All zero is the state a new program starts with (round to nearest, no
 *  exception flags). The port switches them lazily: they stay in the hardware until
 *  another thread runs, so the generic kernel calls port_fpu_sync() before it reads
 *  them and port_fpu_reset() to discard them. */
struct port_fpu {
    uint64_t d[32];      /**< d0..d31 (NEON's q0..q15). */
    uint32_t fpscr;      /**< Status and control: condition and exception flags, rounding. */
};

/** @brief What the port needs of a process: its address space and its registers. The
 *  generic kernel embeds one in each process and owns it. */
struct port_thread {
    int as;              /**< Address space, from port_as_create() (0: none yet). */
    uint32_t tls;        /**< Its TLS register (TPIDRURO, ARM's set_tls), loaded by port_run. */
    struct uregs regs;   /**< User registers while the thread does not run. */
    struct port_fpu fpu; /**< Floating-point registers while another thread has them. */
};

/** @name Access rights (the same bits in a fault's access and in a mapping's rights) */
/**@{*/
#define PORT_READ 1u   /**< Read. Every mapping is readable. */
#define PORT_WRITE 2u  /**< Write. */
#define PORT_EXEC 4u   /**< Execute. */
/**@}*/

/** @brief The CPSR of a new process: user mode, ARM state (OR in PORT_CPSR_THUMB). */
#define PORT_CPSR_USER 0x10u
/** @brief The Thumb bit of uregs::cpsr: set when the process starts at a Thumb address. */
#define PORT_CPSR_THUMB 0x20u

/* ---------------------------------------------------------------------------------- */
/** @name The port's functions (called by the generic kernel) */
/**@{*/

/**
 * @brief Write @p len bytes at @p buf (kernel memory) to the console, in order, whatever
 *        their value. Never fails; never blocks.
 */
void port_console_write(const char *buf, uint32_t len);

/**
 * @brief A new, empty address space for a process.
 * @return its handle (> 0), or -LX_ENOMEM when the VM has no MMU context left.
 */
int port_as_create(void);

/**
 * @brief Destroy address space @p as and every mapping in it. The thread running in it
 *        must be finished (the port stops using it first).
 */
void port_as_destroy(int as);

/**
 * @brief Forget the mapping of the page at user address @p va in @p as (if any), so the
 *        next touch faults (kern_page_fault()). Used when a page is freed.
 */
void port_unmap(int as, uint32_t va);

/**
 * @brief Forget every mapping of [@p start, @p end) (page aligned) in @p as, so the next
 *        touch of any of its pages faults (kern_page_fault()). Used when fork makes pages
 *        copy-on-write.
 */
void port_unmap_range(int as, uint32_t start, uint32_t end);

/**
 * @brief Copy @p len bytes from user address @p uva of thread @p t into @p dst.
 *
 * Pages of @p t that are valid but not mapped yet (or dropped by the microvisor) are
 * mapped on the way through kern_page_fault(), as if the process had touched them.
 * @return 0, or -LX_EFAULT when some byte is not readable by the process (then what was
 *         copied is unspecified).
 */
int port_copy_from_user(struct port_thread *t, void *dst, uint32_t uva, uint32_t len);

/**
 * @brief Copy @p len bytes from @p src to user address @p uva of thread @p t.
 * @return 0, or -LX_EFAULT when some byte is not writable by the process; as
 *         port_copy_from_user().
 */
int port_copy_to_user(struct port_thread *t, uint32_t uva, const void *src, uint32_t len);

/**
 * @brief Make @p t->fpu hold @p t's floating-point registers as they are now (they may
 *        still be in the hardware: the port saves them only when another thread runs).
 *        Call it before copying them (fork).
 */
void port_fpu_sync(struct port_thread *t);

/**
 * @brief The kernel changed @p t->fpu (a signal handler returned, rt_sigreturn restored
 *        them): the hardware's copy, if it has one, is stale; load @p t->fpu when @p t
 *        runs next. Call port_fpu_sync() first, if the change starts from the live ones.
 */
void port_fpu_changed(struct port_thread *t);

/**
 * @brief Give @p t fresh floating-point registers (all zero) and forget any copy of its
 *        old ones still in the hardware. Call it when @p t's program is replaced (execve)
 *        and when @p t ends: its struct may be reused for another thread.
 */
void port_fpu_reset(struct port_thread *t);

/** @brief The boot nonce of this run (0: none): the test harness gives each boot its own,
 *  and programs tag their report lines with it (the kernel passes it to init as
 *  MV_BOOT_NONCE). */
uint32_t port_boot_nonce(void);

/** @brief The time since boot, in ns of virtual time. */
uint64_t port_time_ns(void);

/** @brief The guest-physical address of kernel pointer @p p (RAM is mapped 1:1). */
static inline uint32_t port_virt_to_phys(const void *p) { return (uint32_t)(uintptr_t)p; }

/**
 * @brief Stop the whole guest (every process, the kernel) with exit code @p code; the
 *        microvisor powers off when it was the last VM. Does not return.
 */
void port_poweroff(int code) __attribute__((noreturn));

/**@}*/

/* ---------------------------------------------------------------------------------- */
/** @name The generic kernel's functions (called by the port) */
/**@{*/

/**
 * @brief Boot: set up the page allocator on [@p free_lo, @p free_hi) (kernel pointers,
 *        page aligned) and create the first process.
 * @return the thread to run first (never NULL: without init, the kernel powers off).
 */
struct port_thread *kern_start(uintptr_t free_lo, uintptr_t free_hi);

/**
 * @brief Thread @p t made a system call: its registers are in @p t->regs (number in r7,
 *        pc already past the `svc`). The kernel serves it and puts the result in r0.
 * @return the thread to run next (@p t, or another when @p t ended).
 */
struct port_thread *kern_syscall(struct port_thread *t);

/**
 * @brief A thread touched a user address whose page is not mapped. If the access is
 *        valid, the kernel finds or allocates the page.
 * @param t the thread (its registers are saved in it).
 * @param addr the address it touched.
 * @param access how: one PORT_* bit.
 * @param[out] pa the page's guest-physical address, to map at @p addr's page.
 * @param[out] rights the PORT_* rights to map it with (PORT_READ always included).
 * @return 0: map it and retry; -LX_EFAULT: not a valid access (the port calls
 *         kern_fatal() with LX_SIGSEGV); -LX_ENOMEM: no memory for the page (kern_fatal()
 *         with LX_SIGKILL).
 */
int kern_page_fault(struct port_thread *t, uint32_t addr, uint32_t access, uint32_t *pa,
                    uint32_t *rights);

/**
 * @brief Thread @p t faulted at @p addr and gets signal @p sig: LX_SIGSEGV (a bad access)
 *        or LX_SIGILL (an undefined instruction), which a handler may catch, or LX_SIGKILL
 *        (no memory was left for a valid page). The kernel reports a fault that kills.
 * @return the thread to run next.
 */
struct port_thread *kern_fatal(struct port_thread *t, int sig, uint32_t addr);

/**
 * @brief The timer tick (every PORT_TICK_NS of virtual time) interrupted thread @p t.
 * @p t is NULL when the tick came while nothing ran (the port was idle).
 * @return the thread to run next: round robin, so another runnable one if there is.
 */
struct port_thread *kern_tick(struct port_thread *t);

/**
 * @brief Bytes @p buf[0..@p n) were typed on the console while thread @p t ran (NULL: while
 *        idle). The kernel hands them to its tty.
 * @return the thread to run next.
 */
struct port_thread *kern_console_input(struct port_thread *t, const char *buf, uint32_t n);

/**@}*/

/** @brief The period of the timer tick, in ns of virtual time (1 ms). */
#define PORT_TICK_NS 1000000u

#endif /* MINILINUX_PORT_H */
