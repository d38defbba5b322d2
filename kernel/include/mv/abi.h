/**
 * @file abi.h
 * @brief The microvisor's hypercall ABI, shared by the kernel, guests and userland.
 *
 * This header is the whole contract between a guest and the microvisor: hypercall
 * numbers, error codes, the layout of the per-vCPU shared state page and the guest
 * address-space constants. It contains no code, so the kernel, guest kernels and
 * user programs (and the host unit tests) can all include it.
 *
 * ## Calling convention
 * A guest running in *guest-kernel* mode makes a hypercall with `svc #0`:
 * - `r7` holds the hypercall number (an ::mv_hypercall value);
 * - `r0`..`r5` hold the arguments;
 * - on return `r0` holds the result: `>= 0` is success, a negative value is an
 *   ::mv_error code. Some calls return a second value in `r1`.
 * - Every other register is preserved.
 *
 * An `svc` (or any other exception) raised in *guest-user* mode is never a
 * hypercall: it is delivered to the guest kernel as an upcall (see ::mv_state).
 */
#ifndef MV_ABI_H
#define MV_ABI_H

#include <stdint.h>

/** @brief Hypercall numbers, passed in `r7`. */
enum mv_hypercall {
    MV_HC_NULL = 0,          /**< Do nothing; returns 0. Used to measure trap cost. */
    MV_HC_CONSOLE_WRITE = 1, /**< Write bytes to the console. r0 = buffer (guest VA),
                                  r1 = length. Returns r1; ::MV_ERANGE if it is above
                                  ::MV_CONSOLE_MAX, ::MV_EFAULT if any byte is not mapped
                                  readable (then nothing is written). */
    MV_HC_VM_EXIT = 2,       /**< Stop the calling VM (all its vCPUs). r0 = exit code. Does not return. */
    MV_HC_YIELD = 3,         /**< Give up the rest of this vCPU's timeslice. Returns 0. */
    MV_HC_SET_ENTRY = 4,     /**< Register the upcall entry point. r0 = guest VA of the handler,
                                  r1 = stack pointer for the handler. Returns 0. */
    MV_HC_RESUME_USER = 5,   /**< Leave guest-kernel mode and resume guest-user mode with the
                                  context in mv_state::user (made safe first: user mode, flags,
                                  Thumb and If-Then state kept, PC aligned), in the MMU context
                                  the vCPU switched to (::MV_HC_CTX_SWITCH). Does not return: the
                                  next entry to guest-kernel mode is an upcall. ::MV_EBUSY when
                                  no context is switched in (::MV_CTX_KERNEL). */
    MV_HC_VMMU_MAP = 6,      /**< Insert a mapping into an MMU context. r0 = guest VA (page aligned),
                                  r1 = guest-physical address (page aligned): in the VM's RAM,
                                  or in a shared region a memory cap places in its
                                  guest-physical space; r2 = ::mv_map_flags (for a region: no
                                  more than the cap's rights, else ::MV_EPERM); r3 = context
                                  (::MV_CTX_KERNEL: the guest kernel's own space). An existing
                                  mapping is replaced. Returns 0. Errors, the first that applies:
                                  ::MV_EINVAL context r3 does not exist; ::MV_EINVAL r0 not page
                                  aligned; ::MV_ERANGE r0 in the state-page window or above;
                                  ::MV_EINVAL r1 not page aligned, unknown flags or no
                                  ::MV_MAP_READ; ::MV_ERANGE r1 outside the guest-physical space;
                                  ::MV_EPERM more than a region's cap grants; ::MV_ENOMEM only when every page table of the
                                  VM's quota holds guest-kernel mappings (otherwise a process
                                  context's table is evicted: its mappings must be re-inserted
                                  when they fault, like TLB misses). */
    MV_HC_VMMU_UNMAP = 7,    /**< Remove the mapping of the page at guest VA r0 from context r1.
                                  Returns 0 (also when nothing was mapped); ::MV_EINVAL when the
                                  context does not exist or r0 is not page aligned; ::MV_ERANGE
                                  in the state-page window or above. */
    MV_HC_VIRQ_RAISE = 8,    /**< Raise the virtual interrupt named by cap r0, with payload r1:
                                  the line's payload becomes its old payload OR r1 (so several
                                  senders may share a line, each with its own bits). Returns 0.
                                  Raising a line that is already pending only adds the payload. */
    MV_HC_VIRQ_ACK = 9,      /**< Clear the pending vIRQ lines in mask r0 of the calling vCPU, and
                                  their payloads; returns the lines that were pending before. */
    MV_HC_WAIT = 10,         /**< Block until a vIRQ is pending or r0 ns (virtual time) have passed
                                  (r0 = 0: no timeout). Returns the pending vIRQ lines (0: the
                                  timeout passed); never negative. */
    MV_HC_TIME = 11,         /**< Read the virtual time: r0 = low 32 bits, r1 = high 32 bits (ns). */
    MV_HC_VCPU_START = 12,   /**< Start the vCPU named by cap r0 at entry r1 with stack r2, r3 in r0. */
    MV_HC_VCPU_STOP = 13,    /**< Stop the vCPU named by cap r0. */
    MV_HC_VCPU_SET_PRIO = 14,/**< Set the priority of the vCPU named by cap r0 to r1 (never above
                                  the VM's maximum: ::MV_ERANGE). */
    MV_HC_SET_TLS = 15,      /**< Set the read-only TLS register (TPIDRURO) to r0. */
    MV_HC_CHAN_SEND = 16,    /**< Send a message on the channel named by cap r0 (SEND right):
                                  r1 = buffer (guest VA), r2 = length (1..::MV_CHAN_MAX), r3 =
                                  flags (::MV_CHAN_WANT_SPACE or 0). The bytes are copied once,
                                  straight into the next buffer the peer posted on its receive
                                  ring (::mv_chan_ring), whose `len` is set and `filled` advanced;
                                  the peer's line is raised only if it asked (`notify`). Never
                                  blocks. Returns the length; ::MV_EFULL when no posted buffer
                                  is free (with ::MV_CHAN_WANT_SPACE: the caller's line is raised
                                  once the peer posts more); ::MV_EBUSY when the peer registered no
                                  ring (::MV_CHAN_WANT_SPACE also arms the signal) or its VM
                                  stopped (for good: no signal will come);
                                  ::MV_EINVAL length 0 or unknown flags; ::MV_ERANGE longer than
                                  ::MV_CHAN_MAX or than the next buffer;
                                  ::MV_EFAULT the message is not readable; ::MV_EPEER the peer's
                                  ring or buffer is unmapped, read-only or inconsistent. On any
                                  error nothing is delivered. */
    MV_HC_CHAN_REGISTER = 17,/**< Register the receive ring of the channel end named by cap r0
                                  (RECV right): r1 = its guest VA (aligned to ::MV_CHAN_RING_ALIGN,
                                  in the caller's own space), r2 = number of descriptors (a power of two,
                                  1..::MV_CHAN_RING_MAX); r1 = r2 = 0 unregisters. The whole ring
                                  (::MV_CHAN_RING_BYTES) must be mapped writable now; it is
                                  checked again at every send. Sets `filled` to 0 (the receiver
                                  sets `posted` and the descriptors); a sender already waiting
                                  for space (::MV_CHAN_WANT_SPACE) is signalled as by
                                  ::MV_HC_CHAN_POSTED. Returns 0; ::MV_EINVAL bad
                                  count or alignment; ::MV_EFAULT not mapped writable. */
    MV_HC_IRQ_ACK = 18,      /**< Acknowledge the routed hardware interrupt named by cap r0:
                                  the microvisor masked it when it fired and raised the route's
                                  vIRQ line; quiet the device first, then acknowledge to let it
                                  interrupt again. Returns 0. */
    MV_HC_VMMU_FLUSH = 19,   /**< Remove every mapping of context r0 in [r1, r1 + r2) (r2 = 0: the
                                  whole context, its page tables back to the quota). Returns 0;
                                  ::MV_EINVAL when the context does not exist, r1 is not page
                                  aligned, or r2 = 0 for ::MV_CTX_KERNEL; ::MV_ERANGE when the
                                  range reaches the state-page window. */
    MV_HC_CTX_CREATE = 20,   /**< Create an empty MMU context for a guest process. Returns its
                                  index (1..the VM's quota); ::MV_ENOMEM when the quota's
                                  contexts all exist. */
    MV_HC_CTX_DESTROY = 21,  /**< Destroy context r0 and all its mappings. Returns 0; ::MV_EINVAL
                                  for ::MV_CTX_KERNEL or a context that does not exist;
                                  ::MV_EBUSY while it is the context of a vCPU that is not
                                  stopped. */
    MV_HC_CTX_SWITCH = 22,   /**< Make context r0 the one the calling vCPU's guest-user mode runs
                                  in (from the next ::MV_HC_RESUME_USER on; ::MV_CTX_KERNEL: none).
                                  Returns 0; ::MV_EINVAL when it does not exist. Switching
                                  flushes nothing: each context has its own ASID. */
    MV_HC_COPY_FROM_CTX = 23,/**< Copy r3 bytes (at most ::MV_COPY_MAX) from VA r1 of context r0 to
                                  VA r2 of the guest kernel's space. Returns 0; ::MV_EFAULT with
                                  r1 = the first context address not mapped readable (nothing
                                  is copied); ::MV_EINVAL when the kernel buffer is not mapped
                                  writable. */
    MV_HC_COPY_TO_CTX = 24,  /**< Copy r3 bytes (at most ::MV_COPY_MAX) from VA r2 of the guest
                                  kernel's space to VA r1 of context r0. Returns 0; ::MV_EFAULT
                                  with r1 = the first context address not mapped writable
                                  (nothing is copied); ::MV_EINVAL when the kernel buffer is not
                                  mapped readable. */
    MV_HC_VIRQ_TAKE = 25,    /**< Take line r0 of the calling vCPU: r0 = 1 if it was pending, else
                                  0; r1 = its accumulated payload. Clears both at once, so no
                                  raise in between is lost. ::MV_ERANGE for a line >= ::MV_VIRQ_LINES. */
    MV_HC_VTIMER_SET = 26,   /**< Set the calling vCPU's virtual timer: at virtual time r0 (low
                                  word) + r1 (high word) ns, absolute, line r2 is raised once.
                                  0 cancels it; a time already past raises the line at once. One
                                  timer per vCPU: setting it replaces the previous deadline.
                                  Returns 0; ::MV_ERANGE for a line >= ::MV_VIRQ_LINES. */
    MV_HC_CONSOLE_READ = 27, /**< Read console input (only the VM the system description names as
                                  its owner): up to r1 bytes (at most ::MV_CONSOLE_MAX) into the
                                  buffer at r0. Never blocks. Returns the number of bytes (0: none
                                  waiting); r1 = bytes dropped so far because the input buffer
                                  was full. ::MV_EPERM for another VM, ::MV_ERANGE r1 too big,
                                  ::MV_EFAULT when the part of the buffer the waiting bytes
                                  would fill is not writable (nothing is taken). */
    MV_HC_CHAN_POSTED = 28,  /**< Tell the channel end named by cap r0 (RECV right) that the
                                  receiver posted buffers: if the sender asked for space
                                  (::MV_CHAN_WANT_SPACE) and the ring now has a free buffer, its
                                  line is raised and the request cleared. Returns 1 when the
                                  sender was signalled, else 0; ::MV_EBUSY with no ring;
                                  ::MV_EFAULT the ring is not mapped. The receive helpers call
                                  it only when the ring's `space_wanted` says a sender waits. */
    MV_HC_COUNT              /**< Number of hypercalls; anything at or above it is ::MV_ENOSYS. */
};

/** @brief Error codes returned (negated) in `r0`. */
enum mv_error {
    MV_EOK = 0,       /**< Success. */
    MV_ENOSYS = -1,   /**< No such hypercall. */
    MV_EINVAL = -2,   /**< An argument is malformed (misaligned, wrong flags, ...). */
    MV_ECAP = -3,     /**< The cap index is empty or names an object of the wrong type. */
    MV_EPERM = -4,    /**< The cap does not carry the right the operation needs. */
    MV_EFAULT = -5,   /**< A guest pointer is not mapped (or not with the needed access). */
    MV_ERANGE = -6,   /**< A value is out of its allowed range. */
    MV_ENOMEM = -7,   /**< The microvisor ran out of memory for this VM's request. */
    MV_EBUSY = -8,    /**< The object is in a state that does not allow the operation. */
    MV_EFULL = -9,    /**< A channel's receive ring has no free buffer: try again later. */
    MV_EPEER = -10,   /**< The peer's part is broken (its ring unmapped, read-only or corrupt):
                           the caller did nothing wrong, and nothing was delivered. */
};

/** @brief Largest message of ::MV_HC_CHAN_SEND: the copy runs with interrupts off, so it
 *  must be bounded. */
#define MV_CHAN_MAX (64u * 1024u)

/** @brief ::MV_HC_CHAN_SEND flag: when the send fails for want of a free buffer (::MV_EFULL,
 *  or ::MV_EBUSY for no ring), raise the sender's line once the receiver posts more. */
#define MV_CHAN_WANT_SPACE 1u

/** @brief Alignment of a receive ring: its header and each descriptor then lie in one page. */
#define MV_CHAN_RING_ALIGN 16u

/** @brief Most descriptors in one receive ring. */
#define MV_CHAN_RING_MAX 256u

/**
 * @brief One buffer of a receive ring: where a message may go, and how long it was.
 *
 * The receiver writes @c addr and @c size before it posts the descriptor; the
 * microvisor writes @c len when it fills the buffer. The receiver must not touch a
 * posted descriptor again until the microvisor has filled it.
 */
struct mv_chan_desc {
    uint32_t addr;      /**< Receiver: guest VA of the buffer, in its own space. */
    uint32_t size;      /**< Receiver: its size in bytes (messages up to this long fit). */
    uint32_t len;       /**< Microvisor: length of the message delivered into it. */
    uint32_t reserved;  /**< Zero; keeps a descriptor 16 bytes. */
};

/**
 * @brief A channel end's receive ring, in the receiver's memory (::MV_HC_CHAN_REGISTER).
 *
 * A ring of `n` descriptors (n a power of two) used by two free-running counters:
 * descriptor `i % n` is the i-th buffer ever posted. The receiver posts by filling in
 * the next descriptor and then incrementing @c posted; a send fills descriptor
 * `filled % n` and then increments @c filled. So `posted - filled` buffers are free and
 * `filled - consumed` messages wait (the receiver keeps its own `consumed`). The
 * microvisor keeps its own copy of @c filled and trusts nothing it reads here: a
 * corrupt @c posted or descriptor fails the *sender* with ::MV_EPEER.
 *
 * **Notification suppression.** A send raises the receiver's line only when @c notify
 * is set, and clears it: a receiver busy draining gets no vIRQ per message. Before it
 * waits, the receiver sets @c notify *and then checks @c filled again* — a message that
 * arrived in between raised nothing, and only the second check sees it.
 *
 * **Space.** A sender that found the ring full with ::MV_CHAN_WANT_SPACE sets
 * @c space_wanted (the microvisor writes it). After posting, a receiver that sees it
 * calls ::MV_HC_CHAN_POSTED, which raises the sender's line. Post first, then check.
 */
struct mv_chan_ring {
    uint32_t posted;        /**< Receiver: buffers ever posted. */
    uint32_t filled;        /**< Microvisor: buffers ever filled (messages delivered). */
    uint32_t notify;        /**< Receiver sets 1: raise my line at the next message;
                                 the microvisor clears it when it does. */
    uint32_t space_wanted;  /**< Microvisor sets 1: a sender waits for a free buffer. */
    struct mv_chan_desc desc[];   /**< The descriptors (as many as registered). */
};

/** @brief Bytes of a receive ring of @p n descriptors. */
#define MV_CHAN_RING_BYTES(n) (16u + 16u * (uint32_t)(n))

/** @brief Largest copy of ::MV_HC_COPY_FROM_CTX and ::MV_HC_COPY_TO_CTX (it runs with
 *  interrupts off, so it must be bounded). */
#define MV_COPY_MAX (64u * 1024u)

/** @brief The MMU context that names the guest kernel's own space in ::MV_HC_VMMU_MAP,
 *  ::MV_HC_VMMU_UNMAP and ::MV_HC_VMMU_FLUSH; as a vCPU's context (::MV_HC_CTX_SWITCH) it
 *  means "no process": guest-user mode cannot be resumed. Process contexts are 1..quota. */
#define MV_CTX_KERNEL 0u

/** @brief Flags for ::MV_HC_VMMU_MAP, and mv_state::fault_access. */
enum mv_map_flags {
    MV_MAP_READ = 1u << 0,  /**< Readable (always required). */
    MV_MAP_WRITE = 1u << 1, /**< Writable. */
    MV_MAP_EXEC = 1u << 2,  /**< Executable. */
};

/** @brief Why the guest kernel was entered (mv_state::cause). */
enum mv_cause {
    MV_CAUSE_NONE = 0,    /**< Not entered by an upcall (first entry). */
    MV_CAUSE_SYSCALL = 1, /**< Guest-user mode executed `svc`; the number is in user.r[7]. */
    MV_CAUSE_UNDEF = 2,   /**< Guest-user mode executed an undefined instruction. */
    MV_CAUSE_PABT = 3,    /**< Guest-user prefetch abort; fault_addr = faulting PC. */
    MV_CAUSE_DABT = 4,    /**< Guest-user data abort; fault_addr/fault_status say where and why. */
    MV_CAUSE_VIRQ = 5,    /**< A virtual interrupt became deliverable; see mv_state::virq_pending. */
};

/** @brief A saved user-mode register context (17 words, the layout of a trap frame). */
struct mv_regs {
    uint32_t r[13]; /**< r0..r12 */
    uint32_t sp;    /**< r13 */
    uint32_t lr;    /**< r14 */
    uint32_t pc;    /**< r15: where execution resumes */
    uint32_t cpsr;  /**< Status register (only the flags and Thumb bit are guest-controlled). */
};

/**
 * @brief The per-vCPU shared state page, mapped read-write at MV_STATE_VA(vcpu index) in
 *        the guest kernel's own address space (::MV_CTX_KERNEL) only: guest-user mode never
 *        sees it.
 *
 * The microvisor writes `user`, `cause`, `fault_*` on an upcall and reads `user`
 * on ::MV_HC_RESUME_USER. The guest masks its virtual interrupts by clearing
 * `virq_enabled`, with no trap: the microvisor delivers a pending vIRQ (an upcall with
 * ::MV_CAUSE_VIRQ) only to guest-user mode and only while the flag is set; it checks at
 * every entry to guest-user mode, ::MV_HC_RESUME_USER included, so a line raised while
 * masked is delivered as soon as the guest kernel enables and resumes. Guest-kernel code
 * is never interrupted: to handle lines without resuming, it enables and *then* reads
 * `virq_pending` (a raise is either before that read, which sees it, or after the enable,
 * which the next resume sees), or it waits (::MV_HC_WAIT returns at once when a line is
 * pending).
 */
struct mv_state {
    uint32_t magic;          /**< ::MV_STATE_MAGIC once the page is valid. */
    uint32_t vcpu_index;     /**< This vCPU's index within its VM. */
    uint32_t virq_enabled;   /**< Guest-written: nonzero = vIRQ upcalls allowed. */
    uint32_t virq_pending;   /**< Microvisor-set pending vIRQ bits (one per line, bits 0..30);
                                  clear them with ::MV_HC_VIRQ_ACK or ::MV_HC_VIRQ_TAKE, which
                                  also clear their payloads. */
    uint32_t cause;          /**< ::mv_cause of the latest upcall. */
    uint32_t fault_addr;     /**< DFAR/IFAR for aborts, the PC for undefined instructions. */
    uint32_t fault_status;   /**< DFSR/IFSR for aborts. */
    uint32_t boot_nonce;     /**< Per-run value given by the test harness (0 if none). */
    uint32_t fault_access;   /**< For aborts: the access that faulted, one ::mv_map_flags bit
                                  (::MV_MAP_EXEC for a prefetch abort, ::MV_MAP_WRITE or
                                  ::MV_MAP_READ for a data abort); 0 otherwise. */
    uint32_t reserved;       /**< Zero (keeps time_used_ns 8-byte aligned). */
    uint64_t time_used_ns;   /**< Virtual time this vCPU has run, updated at each switch. */
    struct mv_regs user;     /**< Guest-user context saved at the latest upcall. */
};

/** @brief Value of mv_state::magic. */
#define MV_STATE_MAGIC 0x4d56u /* "MV" */

/** @brief Size of a page (bytes). */
#define MV_PAGE_SIZE 4096u
/** @brief Guest virtual addresses must be below this (the TTBR0 half of the address space). */
#define MV_GUEST_VA_LIMIT 0x80000000u
/** @brief Guest VA of vCPU @p i's state page (the top of the guest address space). */
#define MV_STATE_VA(i) (MV_GUEST_VA_LIMIT - (((uint32_t)(i) + 1u) * MV_PAGE_SIZE))
/** @brief Bytes of console input the microvisor keeps for its owner VM (more are dropped). */
#define MV_CONSOLE_INPUT_BUF 256u
/** @brief Largest buffer accepted by ::MV_HC_CONSOLE_WRITE and ::MV_HC_CONSOLE_READ. */
#define MV_CONSOLE_MAX 1024u
/** @brief Number of vIRQ lines per vCPU (bits 0..30 of mv_state::virq_pending: a mask of
 *  pending lines is then never negative, so it cannot be mistaken for an error). */
#define MV_VIRQ_LINES 31u

#endif /* MV_ABI_H */
