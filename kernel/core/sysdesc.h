/**
 * @file sysdesc.h
 * @brief The static system description: what a system file in systems/ fills in.
 *
 * A system is described in C, once, at build time: its VMs (ELF image, RAM, vCPUs
 * with priority and timeslice), the shared memory regions and channels between them,
 * and each VM's capabilities. The build links the
 * microvisor, the guest images and one description into one bootable ELF. Example:
 *
 * @code
 * SD_IMAGE(hello);
 * const struct sd_system system_desc = {
 *     .name = "demo",
 *     .vms = {
 *         { .name = "hello", .image = &image_hello, .ram_kb = 1024, .max_prio = 10,
 *           .nvcpus = 1, .vcpus = { { .prio = 10, .slice_us = 1000 } } },
 *     },
 * };
 * @endcode
 *
 * Cap slot i of a VM is `caps[i]`. A ::CAP_VCPU names a vCPU of the VM itself; a
 * ::CAP_VIRQ names line `line` of vCPU `vcpu` of the VM called `vm` (NULL: itself); a
 * ::CAP_MEMORY names the region called `object` and places it at guest-physical `gpa`
 * (rights ::CAP_R_READ .. ::CAP_R_EXEC bound how it may be mapped); a ::CAP_CHANNEL names
 * this VM's end of the channel called `object` (::CAP_R_SEND, ::CAP_R_RECV); a ::CAP_IRQ
 * names the route of interrupt `irq`, which must go to this VM (::CAP_R_ACK).
 *
 * @code
 * .regions = { { .name = "shm", .size_kb = 16 } },
 * .channels = { { .name = "pipe", .ends = { { .vm = "a", .line = 1 }, { .vm = "b", .line = 1 } } } },
 * // in VM "a":
 * .caps = { [0] = { .type = CAP_MEMORY, .rights = CAP_R_READ | CAP_R_WRITE, .object = "shm",
 *                   .gpa = 0x01000000 },
 *           [1] = { .type = CAP_CHANNEL, .rights = CAP_R_SEND | CAP_R_RECV, .object = "pipe" } },
 * @endcode
 */
#ifndef MV_SYSDESC_H
#define MV_SYSDESC_H
#include <stdint.h>
#include "core/cap.h"
#include "core/config.h"

/** @brief A guest ELF image linked into the microvisor. */
struct sd_image {
    const char *name;             /**< Program name. */
    /** First byte of the ELF file. */
    const uint8_t *start, *end;   /**< One past its last byte. */
};

/** @brief Declare `image_<name>`, the guest program built from `<name>.c` (the build finds
 *  the SD_IMAGE lines of a system file and links the programs they name). */
#define SD_IMAGE(n)                                                                 \
    extern const uint8_t guest_image_##n##_start[], guest_image_##n##_end[];        \
    static const struct sd_image image_##n = {#n, guest_image_##n##_start,          \
                                              guest_image_##n##_end}

/** @brief One vCPU of a VM. */
struct sd_vcpu {
    uint32_t prio;        /**< Initial priority (<= the VM's max_prio). */
    uint32_t slice_us;    /**< Timeslice in microseconds (0: the default, 1 ms). */
};

/** @brief One capability slot. */
struct sd_cap {
    enum cap_type type;   /**< ::CAP_NONE leaves the slot empty. */
    uint32_t rights;      /**< ::cap_rights. */
    const char *vm;       /**< Target VM by name (CAP_VIRQ; NULL = this VM). */
    uint32_t vcpu;        /**< Target vCPU index. */
    uint32_t line;        /**< vIRQ line (CAP_VIRQ). */
    const char *object;   /**< Region (CAP_MEMORY) or channel (CAP_CHANNEL) by name. */
    uint32_t gpa;         /**< Guest-physical address of the region (CAP_MEMORY): page
                               aligned, at or above the VM's RAM, below ::SD_GPA_LIMIT. */
    uint32_t irq;         /**< Hardware interrupt (CAP_IRQ): one routed to this VM. */
};

/** @brief An IRQ route: hardware interrupt @c irq raises line @c line of vCPU @c vcpu of
 *  VM @c vm, which also gets direct access to the interrupt's device. */
struct sd_irq_route {
    const char *vm;       /**< The VM that owns the device; NULL ends the list. */
    uint32_t irq;         /**< Interrupt number (the port says which are routable: on
                               QEMU virt, 27, the virtual timer). */
    uint32_t vcpu;        /**< The vCPU signalled. */
    uint32_t line;        /**< Its vIRQ line. */
};

/** @brief Guest-physical addresses of shared regions stay below this. */
#define SD_GPA_LIMIT 0x40000000u

/** @brief A shared memory region: RAM that memory caps let several VMs map. */
struct sd_region {
    const char *name;     /**< Unique, at most 15 characters; NULL ends the list. */
    uint32_t size_kb;     /**< Size (a multiple of 4, 4..MAX_RAM_KB). */
};

/** @brief One end of a channel: the VM that owns it and the vIRQ that signals it. */
struct sd_chan_end {
    const char *vm;       /**< Owning VM by name. */
    uint32_t vcpu;        /**< The vCPU whose vIRQ line is raised when a message arrives
                               or the peer posts a receive buffer. */
    uint32_t line;        /**< That vIRQ line. */
};

/** @brief A channel: two ends in two different VMs. */
struct sd_channel {
    const char *name;           /**< Unique, at most 15 characters; NULL ends the list. */
    struct sd_chan_end ends[2]; /**< The two ends. */
};

/** @brief One VM. */
struct sd_vm {
    const char *name;                  /**< Unique, at most 15 characters; NULL ends the list. */
    const struct sd_image *image;      /**< Its program; vCPU 0 starts at the ELF entry. */
    uint32_t ram_kb;                   /**< Guest RAM (a multiple of 4, at least 64). */
    uint32_t max_prio;                 /**< Highest priority any of its vCPUs may have. */
    uint32_t nvcpus;                   /**< vCPUs (1..MV_MAX_VCPUS); only vCPU 0 starts. */
    uint32_t contexts;                 /**< MMU contexts for guest processes that may exist at
                                            once (0..::MV_MAX_CONTEXTS; 0: none, so no
                                            guest-user mode). Each costs a level-1 table. */
    uint32_t pt_kb;                    /**< Page-table quota: KiB of level-2 tables shared by
                                            the VM's address spaces (0: ::MV_DEFAULT_PT_KB).
                                            Its boot mappings (RAM, state pages) come first;
                                            with contexts, ::MV_MIN_USER_TABLES must be left. */
    struct sd_vcpu vcpus[MV_MAX_VCPUS];/**< Per-vCPU settings. */
    struct sd_cap caps[MV_MAX_CAPS];   /**< Capability table. */
};

/** @brief Who receives console input: a line of a vCPU of one VM (NULL vm: nobody, and
 *  input is discarded). That VM reads the bytes with ::MV_HC_CONSOLE_READ. */
struct sd_console_input {
    const char *vm;       /**< The owner VM by name, or NULL. */
    uint32_t vcpu;        /**< The vCPU signalled when input arrives. */
    uint32_t line;        /**< Its vIRQ line. */
};

/** @brief A whole system. */
struct sd_system {
    const char *name;                  /**< Shown in the boot banner. */
    struct sd_vm vms[MV_MAX_VMS];      /**< The VMs, ended by a NULL name. */
    struct sd_region regions[MV_MAX_REGIONS];    /**< Shared regions, ended by a NULL name. */
    struct sd_channel channels[MV_MAX_CHANNELS]; /**< Channels, ended by a NULL name. */
    struct sd_irq_route irq_routes[MV_MAX_IRQ_ROUTES]; /**< Routes, ended by a NULL vm. */
    struct sd_console_input console_input;             /**< The owner of console input. */
};

/** @brief The system this image boots (defined by the system file). */
extern const struct sd_system system_desc;

/** @name Lookups in a description (kernel/core/sysdesc.c)
 *  A count is the number of entries before the first NULL name (NULL vm for routes);
 *  a find returns the index of the entry, or -1. */
/** @{ */
uint32_t sd_vm_count(const struct sd_system *sys);       /**< VMs. */
uint32_t sd_region_count(const struct sd_system *sys);   /**< Shared regions. */
uint32_t sd_channel_count(const struct sd_system *sys);  /**< Channels. */
uint32_t sd_route_count(const struct sd_system *sys);    /**< IRQ routes. */
int sd_find_vm(const struct sd_system *sys, const char *name);      /**< VM by name. */
int sd_find_region(const struct sd_system *sys, const char *name);  /**< Region by name. */
int sd_find_channel(const struct sd_system *sys, const char *name); /**< Channel by name. */
int sd_find_route(const struct sd_system *sys, uint32_t irq);       /**< Route of an interrupt. */
int sd_channel_end_of(const struct sd_channel *ch, const char *vm); /**< The end @p vm owns (0, 1). */
/** @} */

#endif
