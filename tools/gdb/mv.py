"""mv.py - GDB commands that show the microvisor's own objects.

    mv-vms                 every VM and its vCPUs ('*' marks the running vCPU)
    mv-vcpu VM INDEX       one vCPU's saved registers and its shared state page
    mv-runq                the scheduler's priority bitmap and run queues

VM is an index or a name. Loaded by tools/gdb/gdbinit. Everything here only reads
kernel variables (vm_table, vm_count and sched.c's static cpu0) through GDB's
Python API, so it works wherever the kernel is stopped after the MMU is on.
"""
import gdb

REG_NAMES = ["r%d" % i for i in range(13)] + ["sp", "lr", "pc"]
CPU_MODES = {0x10: "usr", 0x11: "fiq", 0x12: "irq", 0x13: "svc", 0x16: "mon",
             0x17: "abt", 0x1a: "hyp", 0x1b: "und", 0x1f: "sys"}
RUNQ_LIMIT = 64   # a corrupted queue must not make a command loop forever


# ---- reading kernel state ----

def vm_table():
    """The VMs in use, as a list of gdb.Value; raises gdb.GdbError before boot."""
    try:
        count = int(gdb.parse_and_eval("vm_count"))
        table = gdb.parse_and_eval("vm_table")
    except gdb.MemoryError:
        raise gdb.GdbError("kernel memory is not readable yet: the MMU is still off "
                           "(try 'break kmain' then 'continue')")
    if count == 0:
        raise gdb.GdbError("no VMs yet: the system is not loaded "
                           "(try 'break trap_resume' then 'continue')")
    return [table[i] for i in range(count)]


def sched_cpu():
    """sched.c's `static struct sched_cpu cpu0` (this CPU's scheduler state)."""
    symbol = gdb.lookup_static_symbol("cpu0")
    if symbol is None:
        raise gdb.GdbError("symbol cpu0 (kernel/core/sched.c) not found: wrong ELF file?")
    return symbol.value()


def find_vm(arg):
    """The VM named by an index or a name."""
    vms = vm_table()
    if arg.isdigit() and int(arg) < len(vms):
        return vms[int(arg)]
    for vm in vms:
        if vm["name"].string() == arg:
            return vm
    raise gdb.GdbError("no VM '%s' (there are %d: %s)" % (
        arg, len(vms), ", ".join(vm["name"].string() for vm in vms)))


def vcpus(vm):
    return [vm["vcpus"][i] for i in range(int(vm["nvcpus"]))]


def vcpu_name(v):
    """'vmname/index' for a `struct vcpu *` or `struct vcpu`."""
    if v.type.code == gdb.TYPE_CODE_PTR:
        if int(v) == 0:
            return "(none)"
        v = v.dereference()
    return "%s/%d" % (v["vm"]["name"].string(), int(v["index"]))


def is_current(v):
    return int(sched_cpu()["current"]) == int(v.address)


def enum_name(value, type_name):
    """A number shown by its enumerator name, e.g. cause 1 -> MV_CAUSE_SYSCALL."""
    return str(value.cast(gdb.lookup_type(type_name)))


# ---- formatting ----

def cpsr_str(cpsr):
    """0x60000030 -> '0x60000030 (usr, Thumb, nZCv)'."""
    cpsr = int(cpsr)
    flags = "".join(c.upper() if cpsr & (1 << bit) else c
                    for c, bit in (("n", 31), ("z", 30), ("c", 29), ("v", 28)))
    mode = CPU_MODES.get(cpsr & 0x1f, "mode?")
    return "0x%08x (%s, %s, %s)" % (cpsr, mode, "Thumb" if cpsr & 0x20 else "ARM", flags)


def print_regs(regs, indent="    "):
    """The 17 words of a struct mv_regs, four per line, then the CPSR."""
    words = [int(regs["r"][i]) for i in range(13)] + [int(regs[n]) for n in ("sp", "lr", "pc")]
    for row in range(0, len(words), 4):
        print(indent + "  ".join("%-3s 0x%08x" % (REG_NAMES[i], words[i])
                                 for i in range(row, min(row + 4, len(words)))))
    print(indent + "cpsr " + cpsr_str(regs["cpsr"]))


# ---- commands ----

class MvVms(gdb.Command):
    """List every VM and its vCPUs. '*' marks the vCPU currently on the CPU.
Usage: mv-vms"""

    def __init__(self):
        super().__init__("mv-vms", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        for vm in vm_table():
            print("vm %d '%s'  %s  RAM 0x%08x + %d KiB  exit code %d  max prio %d" % (
                int(vm["index"]), vm["name"].string(), vm["state"], int(vm["ram_pa"]),
                int(vm["ram_size"]) // 1024, int(vm["exit_code"]), int(vm["max_prio"])))
            for v in vcpus(vm):
                r = v["regs"]
                print("  %s vcpu %d  %-13s %-12s prio %2d  slice left %d ns  used %d ns" % (
                    "*" if is_current(v) else " ", int(v["index"]), v["state"], v["mode"],
                    int(v["prio"]), int(v["slice_left_ns"]), int(v["shared"]["time_used_ns"])))
                print("             pc 0x%08x  sp 0x%08x  cpsr %s" % (
                    int(r["pc"]), int(r["sp"]), cpsr_str(r["cpsr"])))


class MvVcpu(gdb.Command):
    """Show one vCPU: its saved registers, scheduling fields and shared state page.
Usage: mv-vcpu VM INDEX   (VM is an index or a name; e.g. mv-vcpu hello 0)"""

    def __init__(self):
        super().__init__("mv-vcpu", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if len(args) != 2 or not args[1].isdigit():
            raise gdb.GdbError("usage: mv-vcpu VM INDEX")
        vm = find_vm(args[0])
        if int(args[1]) >= int(vm["nvcpus"]):
            raise gdb.GdbError("VM '%s' has %d vCPU(s)" % (vm["name"].string(), int(vm["nvcpus"])))
        v = vm["vcpus"][int(args[1])]
        print("vcpu %s%s  %s  %s  prio %d  slice %d ns (left %d)  wake_at %s" % (
            vcpu_name(v), " (running)" if is_current(v) else "", v["state"], v["mode"],
            int(v["prio"]), int(v["slice_ns"]), int(v["slice_left_ns"]),
            "none" if int(v["wake_at"]) == 2**64 - 1 else "%d ns" % int(v["wake_at"])))
        print("  upcall entry 0x%08x stack 0x%08x  tls rw 0x%08x ro 0x%08x" % (
            int(v["upcall_pc"]), int(v["upcall_sp"]), int(v["tls_rw"]), int(v["tls_ro"])))
        print("  saved context (regs):")
        print_regs(v["regs"])
        s = v["shared"].dereference()
        print("  state page at pa 0x%08x (magic 0x%x, vcpu_index %d, boot_nonce 0x%08x)" % (
            int(v["shared_pa"]), int(s["magic"]), int(s["vcpu_index"]), int(s["boot_nonce"])))
        print("    time_used %d ns  virq enabled %d pending 0x%08x" % (
            int(s["time_used_ns"]), int(s["virq_enabled"]), int(s["virq_pending"])))
        print("    last upcall: %s  fault_addr 0x%08x  fault_status 0x%08x" % (
            enum_name(s["cause"], "enum mv_cause"), int(s["fault_addr"]), int(s["fault_status"])))
        print("    guest-user context (user):")
        print_regs(s["user"], indent="      ")


class MvRunq(gdb.Command):
    """Show the run queues: the priority bitmap, then each non-empty priority's
circular queue from its head (highest priority first; the head runs next).
Usage: mv-runq"""

    def __init__(self):
        super().__init__("mv-runq", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        vm_table()   # fails clearly before boot
        c = sched_cpu()
        bitmap = int(c["prio_bitmap"])
        levels = [p for p in range(31, -1, -1) if bitmap & (1 << p)]
        print("current %s  prio_bitmap 0x%08x  (non-empty: %s)" % (
            vcpu_name(c["current"]), bitmap, ", ".join(map(str, levels)) or "none"))
        for p in levels:
            print("  prio %2d: %s" % (p, " -> ".join(self.queue(c["runq"][p]))))

    @staticmethod
    def queue(head):
        names, v = [], head
        while int(v) != 0 and len(names) < RUNQ_LIMIT:
            names.append(vcpu_name(v) + ("*" if is_current(v.dereference()) else ""))
            v = v["rq_next"]
            if int(v) == int(head):
                return names
        return names + ["... (queue not circular!)"]


MvVms()
MvVcpu()
MvRunq()
