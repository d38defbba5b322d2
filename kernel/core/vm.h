/**
 * @file vm.h
 * @brief Virtual machines and their vCPUs: the objects every other module works on.
 */
#ifndef MV_VM_H
#define MV_VM_H

#include <stdbool.h>
#include "arch/arch.h"
#include "core/cap.h"
#include "core/config.h"

/** @brief Scheduling state of a vCPU. */
enum vcpu_state {
    VCPU_STOPPED = 0, /**< Not started, stopped by its VM, or its VM stopped. */
    VCPU_RUNNABLE,    /**< In a run queue (the running vCPU is runnable too). */
    VCPU_BLOCKED,     /**< Waiting for a vIRQ or a timeout (::MV_HC_WAIT). */
};

/** @brief Which virtual privilege level a vCPU is executing (both are ARM user mode). */
enum vcpu_mode {
    VMODE_KERNEL = 0, /**< Guest-kernel mode: `svc` is a hypercall. */
    VMODE_USER,       /**< Guest-user mode: every exception is an upcall to the guest kernel. */
};

struct vm;

/**
 * @brief A virtual CPU. @c regs must stay the first member: vectors.S saves the
 * user registers of the running vCPU directly into it.
 */
struct vcpu {
    struct mv_regs regs;        /**< User context while not running (trap frame). */
    struct vm *vm;              /**< Owning VM. */
    uint32_t index;             /**< Index within the VM. */
    enum vcpu_state state;      /**< Scheduling state. */
    enum vcpu_mode mode;        /**< Virtual privilege level. */
    struct mv_state *shared;    /**< Shared state page (kernel view). */
    paddr_t shared_pa;          /**< Its physical address. */
    uint32_t upcall_pc;         /**< Guest-kernel entry for upcalls (0: none registered). */
    uint32_t upcall_sp;         /**< Stack for upcalls. */
    uint32_t ctx;               /**< MMU context guest-user mode runs in (::MV_CTX_KERNEL: none). */
    /** TPIDRURW (user-writable TLS) while not running. */
    uint32_t tls_rw, tls_ro;    /**< TPIDRURO (read-only TLS, ::MV_HC_SET_TLS). */
    struct arch_fpu fpu;        /**< Floating-point registers while the unit holds another's (fpu.c). */
    /* scheduling (sched.c) */
    uint32_t prio;              /**< Current priority, 0..MV_PRIO_LEVELS-1, higher runs first. */
    uint32_t slice_ns;          /**< Timeslice length. */
    int64_t slice_left_ns;      /**< What remains of the current slice. */
    uint64_t wake_at;           /**< Timeout of a blocked vCPU (UINT64_MAX: none). */
    /* virtual interrupts (virq.c, vtimer.c) */
    uint32_t virq_payload[MV_VIRQ_LINES]; /**< Each line's payload, OR-accumulated by raises. */
    uint64_t vtimer_at;         /**< Its virtual timer's deadline (UINT64_MAX: not armed). */
    uint32_t vtimer_line;       /**< The line the virtual timer raises. */
    /** Next in the run queue (circular, one queue per priority). */
    struct vcpu *rq_next, *rq_prev; /**< Previous in the run queue. */
};

/** @brief Lifecycle of a VM. */
enum vm_state {
    VM_RUNNING = 0, /**< At least its vCPUs may run. */
    VM_STOPPED,     /**< Exited or killed: its vCPUs never run again. */
};

/**
 * @brief One hardware address space behind the vMMU: the guest kernel's own (context 0),
 *        or a guest process's (contexts 1..quota). Guest-kernel mode always runs in the
 *        first, guest-user mode in the context its vCPU switched to.
 */
struct vmmu_space {
    uint32_t *l1;               /**< Kernel pointer to its level-1 table. */
    paddr_t l1_pa;              /**< The table's physical address (what TTBR0 gets). */
    uint32_t asid;              /**< Hardware ASID tagging its TLB entries (see asid.h). */
    uint64_t asid_gen;          /**< Generation @c asid belongs to (0: none yet). */
    bool live;                  /**< Created and not destroyed (context 0 always is). */
    uint32_t devices;           /**< Device bits open to code running here (IRQ routes give
                                     them to the guest kernel's space; processes get none). */
};

/** @brief Bookkeeping of one level-2 table of a VM's page-table quota. */
struct vmmu_table {
    uint16_t owner;             /**< Context whose table it is, or ::VMMU_TABLE_FREE. */
    uint16_t section;           /**< The 1 MiB section it maps (va >> 20); when free: the
                                     next free table's index (::VMMU_TABLE_NONE ends the list). */
};
/** @brief vmmu_table::owner of a free table. */
#define VMMU_TABLE_FREE 0xffffu
/** @brief No table (end of the free list). */
#define VMMU_TABLE_NONE 0xffffu

/** @brief A VM's vMMU: its address spaces and the page-table quota they share. */
struct vmmu {
    struct vmmu_space spaces[MV_MAX_CONTEXTS + 1u]; /**< [0]: the guest kernel's; [1..]: contexts. */
    uint32_t ncontexts;         /**< Quota: contexts 1..ncontexts may exist. */
    paddr_t tables_pa;          /**< Level-2 table i is at tables_pa + i * ::ARCH_L2_SIZE. */
    struct vmmu_table *tables;  /**< Bookkeeping of each level-2 table. */
    uint32_t ntables;           /**< Level-2 tables in the quota. */
    uint32_t free_head;         /**< First free table (::VMMU_TABLE_NONE: none free). */
    uint32_t nfree;             /**< Free tables. */
    uint32_t evict_hand;        /**< Where the next search for a table to evict starts. */
    uint32_t evictions;         /**< Tables evicted so far (shown by the mv-vmmu GDB command). */
};

/** @brief A virtual machine: an address space, some RAM, vCPUs and capabilities. */
struct vm {
    char name[16];              /**< From the system description. */
    uint32_t index;             /**< Index in the VM table. */
    enum vm_state state;        /**< Lifecycle. */
    int32_t exit_code;          /**< Set by ::MV_HC_VM_EXIT or a fault (-1). */
    paddr_t ram_pa;             /**< Guest-physical 0 is at this physical address. */
    uint32_t ram_size;          /**< Bytes of guest-physical memory. */
    uint32_t max_prio;          /**< No vCPU of this VM may have a higher priority. */
    struct vmmu vmmu;           /**< Its address spaces: the real page tables behind the vMMU. */
    uint32_t nvcpus;            /**< vCPUs in use. */
    struct vcpu vcpus[MV_MAX_VCPUS]; /**< The vCPUs. */
    struct cap caps[MV_MAX_CAPS];    /**< Capability table. */
    char line[MV_CONSOLE_LINE]; /**< Console output not yet ended by a newline. */
    uint32_t line_len;          /**< Bytes in @c line. */
};

/** @brief All VMs of the running system. */
extern struct vm vm_table[MV_MAX_VMS];
/** @brief Number of VMs in ::vm_table. */
extern uint32_t vm_count;

/** @brief Look up a VM by name (NULL if none). */
struct vm *vm_find(const char *name);
/** @brief Stop @p vm: all its vCPUs leave the scheduler for good. @p why is printed. */
void vm_stop(struct vm *vm, int32_t exit_code, const char *why);
/** @brief Stop @p vm (exit code 0) if none of its vCPUs is left running, runnable or
 *  blocked: no other VM can start them, so it would otherwise count as live forever. */
void vm_stop_if_no_vcpus(struct vm *vm);
/** @brief Number of VMs not yet stopped. */
uint32_t vm_live_count(void);

/** @brief Append guest console bytes to @p vm's line buffer; complete lines are printed
 *  with the VM's name in front, so output of several VMs never mixes within a line. */
void vm_console_write(struct vm *vm, const char *buf, uint32_t len);

#endif
