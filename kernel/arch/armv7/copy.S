/*
 * copy.S - the bulk of every large copy the microvisor makes (channel messages, copies
 * to and from processes, page pieces): 32 bytes per load-multiple / store-multiple
 * pair, four instructions per 32 bytes. The compiler does not make these from C (it
 * emits a load and a store per word), and the channel's throughput is this loop's.
 */
    .syntax unified
    .arm
    .text

/* void arch_copy_blocks(void *dst, const void *src, size_t blocks): copy blocks of
 * 32 bytes; both pointers word aligned, blocks > 0. */
    .global arch_copy_blocks
    .type arch_copy_blocks, %function
arch_copy_blocks:
    push    {r4-r10}
1:  ldmia   r1!, {r3-r10}
    stmia   r0!, {r3-r10}
    subs    r2, r2, #1
    bne     1b
    pop     {r4-r10}
    bx      lr
    .size arch_copy_blocks, . - arch_copy_blocks
