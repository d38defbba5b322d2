/*
 * port_internal.h - what the port's files share: the state page, the thread that runs,
 * and the helpers one file offers another. Not part of the contract (port.h).
 */
#ifndef MINILINUX_PORT_INTERNAL_H
#define MINILINUX_PORT_INTERNAL_H

#include "mv/guest.h"
#include "mv/regs.h"
#include "port/port.h"
#include "minilinux/abi.h"

/** @brief The vIRQ line of the timer tick. */
#define PORT_TICK_LINE 0u
/** @brief The vIRQ line of console input (the system description's console_input). */
#define PORT_CONSOLE_LINE 1u

/** @brief The state page of the one vCPU minilinux runs on. */
static inline struct mv_state *port_state(void) { return mv_state_page(0); }

/** @brief Print a port error and stop the guest (a bug, not a process's fault). */
void port_panic(const char *what, int32_t rc) __attribute__((noreturn));

/** @brief Write the NUL-terminated @p s to the console. */
void port_puts(const char *s);

/** @brief What a lab stub does: print "minilinux: lab 5: not implemented: @p what (@p file)"
 *  and stop the guest. */
void port_not_implemented(const char *what, const char *file) __attribute__((noreturn));
/** @brief A lab 5 stub: stop, naming the function and its file. */
#define PORT_NOT_IMPLEMENTED(what) port_not_implemented((what), __FILE__)

/** @brief Copy a thread's 17 saved registers (struct uregs has the layout of the
 *  microvisor's struct mv_regs): every system call copies them twice, into the thread at
 *  the upcall and out to the state page at the resume, with mv_regs_copy()'s ldm/stm. */
static inline void port_copy_regs(void *dst, const void *src) { mv_regs_copy(dst, src); }

/** @brief Upcall entry: decode the event in @p s, hand it to the generic kernel, resume. */
void port_upcall(uint32_t cause, struct mv_state *s) __attribute__((noreturn));

/** @brief Run the first thread (or idle until there is one). Does not return. */
void port_start(struct port_thread *t) __attribute__((noreturn));

/** @brief Run thread @p t in guest-user mode: switch to its context, load its registers
 *  into the state page, resume. Does not return. */
void port_run(struct port_thread *t) __attribute__((noreturn));

/** @brief The tick's vIRQ came: clear it and arm the next one. */
void port_tick_rearm(void);

/** @brief Arm the first tick (virtual timer on PORT_TICK_LINE) and enable vIRQ upcalls. */
void port_tick_start(void);

/** @brief Map the page of @p addr that thread @p t touched with @p access, as the generic
 *  kernel says (kern_page_fault()). @return 0, -LX_EFAULT or -LX_ENOMEM. */
int port_fault_in(struct port_thread *t, uint32_t addr, uint32_t access);

/** @brief Store the hardware's floating-point registers in @p f (fpu.S). */
void port_fpu_save(struct port_fpu *f);
/** @brief Load the hardware's floating-point registers from @p f (fpu.S). */
void port_fpu_load(const struct port_fpu *f);

#endif
