"""mv.py - GDB commands that show the microvisor's own objects.

    mv-vms                 every VM and its vCPUs ('*' marks the running vCPU)
    mv-vcpu VM INDEX       one vCPU's saved registers and its shared state page
    mv-runq                the priority bitmap, the running vCPU and each run queue,
                           with every vCPU's state, priority, slice left and time used
    mv-vmmu VM [CTX]       the VM's page-table quota (tables used, free, evictions,
                           contexts), then MMU context CTX (default 0, the guest
                           kernel's): its ASID, level-1 table and every mapping,
                           VA -> guest-physical -> physical with its rights
    mv-virq [VM]           each vCPU's vIRQ state (enabled, pending lines, payloads,
                           virtual timer, mode), vtimer_next_at and the console input
                           (owner, bytes waiting, dropped); every VM if none is given
    mv-chan                each channel's two ends: owner vCPU and line, receive ring
                           (guest VA, size; posted/filled/notify read from guest memory),
                           the microvisor's filled and space_wanted, the counters

VM is an index or a name. Loaded by tools/gdb/gdbinit, with mv_vmmu.py (mv-vmmu),
mv_virq.py (mv-virq) and mv_chan.py (mv-chan), which use the helpers here. Everything
here only reads kernel variables (vm_table, vm_count, sched.c's static cpu0, asid_state,
region_table, vtimer_next_at, console_in, chan_table) through GDB's Python API, and page tables through the
kernel's linear map of RAM, so it works wherever the kernel is stopped after the MMU
is on.
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


def fpu_line(v):
    """Whose floating-point registers v has: live in the unit (fpu.c's owner), or saved."""
    symbol = gdb.lookup_static_symbol("fpu_cpu0")
    owns = symbol is not None and int(symbol.value()["owner"]) == int(v.address)
    f = v["fpu"]
    where = "live in the unit (its saved copy below is stale)" if owns else "saved"
    return "  fpu: %s  fpscr 0x%08x fpexc 0x%08x  d0 0x%016x d1 0x%016x" % (
        where, int(f["fpscr"]), int(f["fpexc"]), int(f["d"][0]), int(f["d"][1]))


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


NEVER = 2**64 - 1   # wake_at of a vCPU with no timeout (UINT64_MAX)


def sched_fields(v):
    """A vCPU's scheduling fields, printed the same way by every command:
    'VCPU_RUNNABLE  prio 10  slice left 4021 of 10000 ns  used 5979 ns'. A blocked
    vCPU also shows its timeout. Time is virtual (1 ns = 1 instruction under icount)."""
    text = "%-13s  prio %2d  slice left %d of %d ns  used %d ns" % (
        v["state"], int(v["prio"]), int(v["slice_left_ns"]), int(v["slice_ns"]),
        int(v["shared"]["time_used_ns"]))
    if str(v["state"]) == "VCPU_BLOCKED":
        text += "  wake_at " + wake_str(v["wake_at"])
    return text


def wake_str(t):
    return "never" if int(t) == NEVER else "%d ns" % int(t)


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
                print("  %s vcpu %d  %s" % ("*" if is_current(v) else " ", int(v["index"]),
                                              sched_fields(v)))
                print("             %s  pc 0x%08x  sp 0x%08x  cpsr %s" % (
                    v["mode"], int(r["pc"]), int(r["sp"]), cpsr_str(r["cpsr"])))


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
        print("vcpu %s%s  %s" % (vcpu_name(v), " (running)" if is_current(v) else "",
                                 sched_fields(v)))
        print("  %s  wake_at %s  run queue links prev %s next %s" % (
            v["mode"], wake_str(v["wake_at"]), vcpu_name(v["rq_prev"]), vcpu_name(v["rq_next"])))
        print("  upcall entry 0x%08x stack 0x%08x  tls rw 0x%08x ro 0x%08x" % (
            int(v["upcall_pc"]), int(v["upcall_sp"]), int(v["tls_rw"]), int(v["tls_ro"])))
        print(fpu_line(v))
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
    """Show the scheduler: the priority bitmap, the running vCPU, then each non-empty
priority's circular queue from its head (highest priority first; the head runs next),
and the vCPUs in no queue. Every vCPU is shown with its state, priority, slice left and
time used (virtual ns). Time is charged lazily, at kernel entries: the running vCPU has
also used the time since 'charged up to'. A queue that disagrees with the bitmap, or a
vCPU whose links, state or priority do not fit its queue, is flagged on a line starting
with '!'.
Usage: mv-runq"""

    def __init__(self):
        super().__init__("mv-runq", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        vms = vm_table()   # fails clearly before boot
        c = sched_cpu()
        MvRunq.flagged = False
        everyone = [v for vm in vms for v in vcpus(vm)]
        width = max(len(vcpu_name(v)) for v in everyone) + 2
        bitmap = int(c["prio_bitmap"])
        levels = [p for p in range(31, -1, -1)
                  if bitmap & (1 << p) or int(c["runq"][p]) != 0]
        print("prio_bitmap 0x%08x  (non-empty: %s)" % (
            bitmap, ", ".join(str(p) for p in levels if bitmap & (1 << p)) or "none"))
        self.print_running(c, width)
        queued = set()
        for p in levels:
            self.print_level(c, p, bitmap, width, queued)
        rest = [v for v in everyone if int(v.address) not in queued]
        for i, v in enumerate(rest):
            print("%-11s %s" % ("not queued:" if i == 0 else "", vcpu_line(v, width)))
        for v in rest:   # a runnable vCPU in no queue can never be picked
            if str(v["state"]) == "VCPU_RUNNABLE":
                MvRunq.flag("%s is VCPU_RUNNABLE but in no run queue" % vcpu_name(v))
        if MvRunq.flagged:
            print(optimised_note())

    flagged = False   # whether the last mv-runq printed a '!' line

    @staticmethod
    def flag(text):
        MvRunq.flagged = True
        print("! " + text)

    @staticmethod
    def print_running(c, width):
        cur = c["current"]
        if int(cur) == 0:
            print("running:    (none yet: no scheduling decision so far)")
            return
        print("running:    %s" % vcpu_line(cur.dereference(), width))
        print("            charged up to %d ns; next wake-up scan at %s" % (
            int(c["run_start"]), wake_str(c["next_wake"])))

    @staticmethod
    def print_level(c, p, bitmap, width, queued):
        """Queue p from its head, one vCPU per line; adds the vCPUs seen to `queued`.
        What is inconsistent is printed on lines of its own that start with '!'."""
        members, problem = MvRunq.walk(c["runq"][p], p)
        label = "prio %2d:" % p
        for v in members:
            queued.add(int(v.address))
            print("%-11s %s" % (label, vcpu_line(v, width)))
            label = ""
        if not bitmap & (1 << p):
            MvRunq.flag("prio %d: runq[%d] is not empty but bit %d of prio_bitmap is clear" % (p, p, p))
        if not members:
            MvRunq.flag("prio %d: bit %d of prio_bitmap is set but runq[%d] is NULL" % (p, p, p))
        if problem:
            MvRunq.flag("prio %d: %s" % (p, problem))

    @staticmethod
    def walk(head, p):
        """The vCPUs of queue p from its head, and what is wrong with the queue (or None)."""
        members, v = [], head
        while int(v) != 0 and len(members) < RUNQ_LIMIT:
            vcpu = v.dereference()
            members.append(vcpu)
            if int(vcpu["prio"]) != p or str(vcpu["state"]) != "VCPU_RUNNABLE":
                return members, "%s is in queue %d but has prio %d, state %s" % (
                    vcpu_name(vcpu), p, int(vcpu["prio"]), vcpu["state"])
            nxt = v["rq_next"]
            if int(nxt) == 0:
                return members, "%s has rq_next NULL in a circular queue" % vcpu_name(vcpu)
            if int(nxt["rq_prev"]) != int(v):
                return members, "%s's rq_next is %s, whose rq_prev is %s" % (
                    vcpu_name(vcpu), vcpu_name(nxt), vcpu_name(nxt["rq_prev"]))
            v = nxt
            if int(v) == int(head):
                return members, None
        if not members:
            return members, None   # an empty queue (the bitmap check reports a set bit)
        return members, "no way back to the head after %d vCPUs" % len(members)


def optimised_note():
    """What to make of '!' lines seen while the CPU is stopped in the kernel: the kernel is
    built with -O2 and LTO, so a stop inside the scheduler may see a queue half updated."""
    try:
        where = gdb.selected_frame().name() or "?"
    except gdb.error:
        where = "?"
    if "/debug/" in (gdb.current_progspace().filename or ""):   # make ... DEBUG=1
        return ("note: the CPU is stopped in %s: if that is in the middle of a queue update,\n"
                "      look again once it is done ('next', 'finish')." % where)
    return ("note: the CPU is stopped in %s. The kernel is optimised (-O2, LTO): inside the\n"
            "      scheduler a queue may be half updated (stores reordered, functions inlined\n"
            "      without frames of their own, so 'finish' may stop mid-way). Look again where\n"
            "      the kernel is consistent (break on trap_return), or step through a debug\n"
            "      build: make qemu-gdb DEBUG=1 SYSTEM=..., then make gdb (-Og, no LTO)." % where)


# ---- the vMMU: page tables read through the kernel's linear map ----

def vcpu_line(v, width):
    """'hello/0 * VCPU_RUNNABLE  prio 10 ...': name, '*' if running, scheduling fields."""
    return "%-*s%s %s" % (width, vcpu_name(v), "*" if is_current(v) else " ", sched_fields(v))


MvVms()
MvVcpu()
MvRunq()
