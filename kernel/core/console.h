/**
 * @file console.h
 * @brief Console input: bytes typed on the UART, kept for the one VM that owns them.
 *
 * The system description names the owner (`console_input`: a VM, a vCPU, a vIRQ line).
 * The microvisor takes the UART's receive interrupt itself, moves the bytes into a small
 * bounded buffer and raises the owner's line; the owner reads them with
 * ::MV_HC_CONSOLE_READ, which never blocks. When the buffer is full, new bytes are
 * dropped and counted: input never blocks the microvisor and never overwrites bytes the
 * owner has not read. With no owner, input is read and discarded.
 */
#ifndef MV_CONSOLE_H
#define MV_CONSOLE_H
#include "core/vm.h"

/** @brief The console input buffer and its owner. */
struct console_input {
    struct vcpu *owner;                   /**< Signalled on input (NULL: input is discarded). */
    uint32_t line;                        /**< Its vIRQ line. */
    uint8_t buf[MV_CONSOLE_INPUT_BUF];    /**< A ring of the bytes not read yet. */
    uint32_t head;                        /**< Index of the oldest byte. */
    uint32_t count;                       /**< Bytes in the ring. */
    uint32_t dropped;                     /**< Bytes dropped because the ring was full. */
};

/** @brief The one console's input. */
extern struct console_input console_in;

/** @brief Boot: input goes to line @p line of @p owner (NULL: nobody); the buffer is empty. */
void console_input_init(struct vcpu *owner, uint32_t line);
/** @brief The UART has input: take every byte it holds (the arch layer calls this from its
 *  receive interrupt), keeping them for the owner or discarding them. */
void console_input_ready(void);
/** @brief One byte arrived for the owner: keep it at the end of the ring (or drop and count
 *  it when the ring is full) and raise the owner's line. */
void console_rx(uint8_t byte);
/** @brief ::MV_HC_CONSOLE_READ for the owner's VM: move up to @p max bytes (checked by the
 *  caller against ::MV_CONSOLE_MAX) to guest VA @p buf of the guest kernel's space.
 *  @return the bytes moved, or ::MV_EFAULT (then none is taken). */
int32_t console_read(struct vm *vm, uint32_t buf, uint32_t max);
/** @brief Whether input could still wake someone: an owner VM that is not stopped. */
bool console_input_waiting(void);

/**
 * @brief Write @p len bytes of console output of @p vm, the owner of console input. They go
 *        to the terminal at once, not a line at a time: a shell's prompt, an echoed key
 *        and a backspace must show before the line ends. Each line still starts with the
 *        VM's tag; newline, tab, backspace and ESC pass (the owner is the terminal's user:
 *        a shell's line editor moves the cursor with escape sequences), carriage returns
 *        are dropped and other control bytes become '?', as for every other VM.
 */
void console_owner_write(struct vm *vm, const char *buf, uint32_t len);

/** @brief True when @p vm owns console input (its output goes out at once). */
bool console_is_owner(const struct vm *vm);

/** @brief Another line is about to be printed (a microvisor message, another VM's line):
 *  end the owner's unfinished line first, so the two never share one. */
void console_break_line(void);
#endif
