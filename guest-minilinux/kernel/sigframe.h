/**
 * @file sigframe.h
 * @brief The signal frame: what sig_deliver() writes on a process's stack to run a
 *        handler (Linux's ARM rt_sigframe, minilinux/abi_types.h), and what rt_sigreturn
 *        reads back. Internal to the signal code (signal.c, syssignal.c).
 *
 * minilinux requires LX_SA_RESTORER for a handler, as every Linux C library sets it: the
 * handler returns to sa_restorer, a few instructions of the library that call
 * rt_sigreturn. (Linux can do without, by returning through code of its own in the
 * vectors page; minilinux has no such page and its stacks are not executable.) A handler
 * without a restorer is a process that cannot return from it: it is killed with SIGSEGV
 * when the signal comes.
 */
#ifndef MINILINUX_SIGFRAME_H
#define MINILINUX_SIGFRAME_H

#include "kernel/signal.h"

/**
 * @brief Start the handler of @p sig in @p p: settle a blocked call (proc::in_restart:
 *        run it again after the handler, or make it return -EINTR), save the registers
 *        and the mask in a frame below the process's sp, and point the registers at the
 *        handler, with the handler's mask.
 * @param p the process (runnable; its registers are saved in it).
 * @param sig the signal, which has a handler in @p p.
 * @param is_fault the signal comes from a fault at @p addr (sig_force()).
 * @param addr the fault's address (0 when not a fault).
 * @return 0; -1 when @p p was killed instead (no room for the frame, no restorer).
 */
int sig_frame_setup(struct proc *p, int sig, int is_fault, uint32_t addr);

/**
 * @brief rt_sigreturn (@p rt) or sigreturn: put back the registers and the mask saved in
 *        the frame at @p p's sp (an rt_sigframe, or the older sigframe a handler without
 *        SA_SIGINFO gets). The user-mode part of the cpsr only: a frame cannot make a
 *        process privileged.
 * @return 0; -1 when @p p was killed instead (the frame is unreadable or misaligned).
 */
int sig_frame_restore(struct proc *p, int rt);

#endif
