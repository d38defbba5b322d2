/* console.c - console input for the VM that owns it (see console.h). */
#include "core/console.h"
#include "core/lab.h"
#include "core/virq.h"
#include "core/vmmu.h"

struct console_input console_in;

void console_input_init(struct vcpu *owner, uint32_t line) {
    console_in = (struct console_input){.owner = owner, .line = line};
}

void console_input_ready(void) {
    int c;
    while ((c = arch_console_getc()) >= 0)   /* drain the UART: that quiets its interrupt */
        if (console_in.owner && console_in.owner->vm->state != VM_STOPPED)
            console_rx((uint8_t)c);
}

bool console_input_waiting(void) {
    return console_in.owner && console_in.owner->vm->state != VM_STOPPED;
}

void console_rx(uint8_t byte) {
    /* LAB 3 BEGIN: append byte to the ring, or count it as dropped when the ring is full; raise the owner's line either way */
    struct console_input *in = &console_in;
    if (in->count == MV_CONSOLE_INPUT_BUF)
        in->dropped++;
    else
        in->buf[(in->head + in->count++) % MV_CONSOLE_INPUT_BUF] = byte;
    virq_raise(in->owner, in->line, 0);
    /* LAB 3 STUB
    (void)byte;
    LAB_NOT_IMPLEMENTED(3, "console_rx");
    LAB 3 END */
}

int32_t console_read(struct vm *vm, uint32_t buf, uint32_t max) {
    /* LAB 3 BEGIN: check the whole buffer first (nothing taken on MV_EFAULT), then move the oldest bytes, oldest first */
    struct console_input *in = &console_in;
    uint32_t n = in->count < max ? in->count : max;
    const struct vmmu_space *s = vmmu_kernel_space(vm);
    if (vmmu_check(s, buf, n, MV_MAP_WRITE, NULL))
        return MV_EFAULT;
    for (uint32_t done = 0, piece; done < n; done += piece) {   /* at most two pieces: */
        piece = n - done;                                      /* before and after the wrap */
        if (piece > MV_CONSOLE_INPUT_BUF - in->head)
            piece = MV_CONSOLE_INPUT_BUF - in->head;
        vmmu_copy_to_guest(s, buf + done, &in->buf[in->head], piece);
        in->head = (in->head + piece) % MV_CONSOLE_INPUT_BUF;
        in->count -= piece;
    }
    return (int32_t)n;
    /* LAB 3 STUB
    (void)vm, (void)buf, (void)max;
    LAB_NOT_IMPLEMENTED(3, "console_read");
    return 0;
    LAB 3 END */
}

/* ---- the owner's output ---- */

static struct vm *open_line;   /* the owner, while its line on the terminal is unfinished */

bool console_is_owner(const struct vm *vm) {
    return console_in.owner && console_in.owner->vm == vm;
}

void console_break_line(void) {
    if (!open_line)
        return;
    open_line = NULL;
    arch_console_putc('\n');
}

void console_owner_write(struct vm *vm, const char *buf, uint32_t len) {
    for (uint32_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '\r')
            continue;
        if (!open_line) {
            kprintf("%s| ", vm->name);
            open_line = vm;
        }
        if (c == '\n') {
            console_break_line();
            continue;
        }
        if (((unsigned char)c < ' ' && c != '\t' && c != '\b' && c != 0x1b) ||
            (unsigned char)c >= 0x7f)
            c = '?';   /* ESC passes: the owner's line editor moves the terminal's cursor */
        arch_console_putc(c);
    }
}
