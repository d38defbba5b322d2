/* vm.c - the VM table, stopping a VM, and per-VM console lines. */
#include "core/vm.h"
#include "core/console.h"
#include "core/kprintf.h"
#include "core/lib.h"
#include "core/sched.h"

struct vm vm_table[MV_MAX_VMS];
uint32_t vm_count;

struct vm *vm_find(const char *name) {
    for (uint32_t i = 0; i < vm_count; i++)
        if (strcmp(vm_table[i].name, name) == 0)
            return &vm_table[i];
    return NULL;
}

uint32_t vm_live_count(void) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < vm_count; i++)
        n += vm_table[i].state != VM_STOPPED;
    return n;
}

static void console_flush(struct vm *vm) {
    if (!vm->line_len)
        return;
    kprintf("%s| ", vm->name);
    for (uint32_t i = 0; i < vm->line_len; i++)
        arch_console_putc(vm->line[i]);
    arch_console_putc('\n');
    vm->line_len = 0;
}

void vm_stop(struct vm *vm, int32_t exit_code, const char *why) {
    if (vm->state == VM_STOPPED)
        return;
    console_flush(vm);
    if (vm->vmmu.evictions)   /* how hard its processes pressed on the page-table quota */
        kprintf("[mv] vm '%s': %u page tables were evicted (its quota was full)\n", vm->name,
                vm->vmmu.evictions);
    vm->state = VM_STOPPED;
    vm->exit_code = exit_code;
    for (uint32_t i = 0; i < vm->nvcpus; i++)
        sched_stop(&vm->vcpus[i]);
    kprintf("[mv] vm '%s' stopped (exit code %d): %s\n", vm->name, exit_code, why);
}

void vm_stop_if_no_vcpus(struct vm *vm) {
    for (uint32_t i = 0; i < vm->nvcpus; i++)
        if (vm->vcpus[i].state != VCPU_STOPPED)
            return;
    vm_stop(vm, 0, "its last vCPU was stopped");   /* only the VM could restart one */
}

void vm_console_write(struct vm *vm, const char *buf, uint32_t len) {
    if (console_is_owner(vm)) {
        console_owner_write(vm, buf, len);
        return;
    }
    for (uint32_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '\n') {
            if (!vm->line_len)
                vm->line[vm->line_len++] = ' ';   /* keep empty lines visible */
            console_flush(vm);
            continue;
        }
        if (c == '\r')
            continue;
        if (((unsigned char)c < ' ' && c != '\t') || (unsigned char)c >= 0x7f)
            c = '?';   /* a guest must not send terminal control sequences (7- or 8-bit) */
        vm->line[vm->line_len++] = c;
        if (vm->line_len == MV_CONSOLE_LINE)
            console_flush(vm);
    }
}
