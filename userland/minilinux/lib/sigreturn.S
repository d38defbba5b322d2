/*
 * sigreturn.S - where a signal handler returns: sigaction() gives this stub to the
 * kernel as sa_restorer (SA_RESTORER), and the kernel sets lr to it when it calls the
 * handler. rt_sigreturn then restores the registers saved on the user stack. Thumb, like
 * the rest of the runtime: the kernel sees bit 0 of the address and returns in Thumb.
 */
    .syntax unified
    .thumb
    .text
    .global lx_sigreturn
    .type lx_sigreturn, %function
    .thumb_func
lx_sigreturn:
    movs    r7, #173                @ LX_NR_rt_sigreturn
    svc     #0
    .size lx_sigreturn, . - lx_sigreturn
