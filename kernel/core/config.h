/**
 * @file config.h
 * @brief Compile-time limits of the microvisor. Static on purpose: no dynamic
 *        allocation after boot means no out-of-memory path at run time.
 */
#ifndef MV_CONFIG_H
#define MV_CONFIG_H

#define MV_MAX_VMS        8u    /**< VMs in one system. */
#define MV_MAX_VCPUS      4u    /**< vCPUs per VM. */
#define MV_MAX_CAPS       16u   /**< Capability slots per VM. */
#define MV_PRIO_LEVELS    32u   /**< Priorities 0 (lowest) .. 31 (highest). */
#define MV_DEFAULT_SLICE_NS 1000000u   /**< 1 ms of virtual time. */
#define MV_CONSOLE_LINE   160u  /**< Per-VM console line buffer. */
#define MV_MAX_REGIONS    8u    /**< Shared memory regions in one system. */
#define MV_MAX_CHANNELS   8u    /**< Channels in one system. */
#define MV_MAX_IRQ_ROUTES 4u    /**< Hardware interrupts routed to VMs. */
#define MV_MAX_CONTEXTS   64u   /**< MMU contexts (guest processes' address spaces) per VM. */
/** Page-table quota of a VM whose description gives none (`pt_kb` 0), in KiB. */
#define MV_DEFAULT_PT_KB  256u
#define MV_MAX_PT_KB      4096u /**< Largest page-table quota of one VM, in KiB. */
/** Page tables a VM with contexts must have left for them after its boot mappings: one
 *  instruction and the data it touches may lie in several 1 MiB sections, and with
 *  fewer tables than that a process could evict what it needs next and never progress. */
#define MV_MIN_USER_TABLES 4u
/** How vCPUs share the floating-point registers (core/fpu.c): 0 = eager (save and load
 *  at every vCPU switch), 1 = lazy (on the first floating-point instruction after a
 *  switch). `make MV_FPU_LAZY=1` builds the other one; docs/architecture.md,
 *  "Floating point", has the figures behind the default. */
#ifndef MV_FPU_LAZY
#define MV_FPU_LAZY 0
#endif

#endif
