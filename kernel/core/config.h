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
/** Level-2 page tables per VM (1 KiB each, 1 MiB of guest VA each): the memory one VM's
 *  mappings can take from the pool all VMs share is bounded. */
#define MV_MAX_L2_TABLES  256u

#endif
