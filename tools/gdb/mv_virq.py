"""mv_virq.py - the GDB command mv-virq (see mv.py, whose helpers it uses, and mv_vmmu.py's
kernel_global(): gdbinit sources them first, into one namespace)."""
import gdb

VIRQ_LINE_MASK = (1 << 31) - 1   # abi.h: MV_VIRQ_LINES = 31 lines, bits 0..30


def lines_str(mask):
    """0x00000018 -> 'lines 3 4'; 0 -> 'none'."""
    lines = [str(i) for i in range(32) if mask & (1 << i)]
    return "lines " + " ".join(lines) if lines else "none"


def printable(data):
    """Console bytes as a quoted string, with \\n, \\t and \\xNN escapes."""
    out = []
    for b in data:
        c = chr(b)
        if c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c in "\"\\":
            out.append("\\" + c)
        elif 0x20 <= b < 0x7f:
            out.append(c)
        else:
            out.append("\\x%02x" % b)
    return '"' + "".join(out) + '"'


class MvVirq(gdb.Command):
    """Show the virtual interrupts: for each vCPU of VM (every VM if none is given) its mode
and state, the vIRQ flags of its state page (virq_enabled, and the pending lines of
virq_pending), the payload of every line that has one, and its virtual timer (the deadline
in virtual ns and the line it raises, or off); then vtimer_next_at, the deadline the
microvisor's hardware timer must come back for (never: no timer armed), and the console
input: the vCPU and line it signals, the bytes waiting to be read (and the first of them)
and the bytes dropped because the buffer was full. A vtimer_next_at later than an armed
deadline (that timer would fire late) or a console buffer count out of range is flagged
on a line starting with '!'.
Usage: mv-virq [VM]   (VM is an index or a name; e.g. mv-virq, mv-virq hello)"""

    PREVIEW = 32   # console bytes shown

    def __init__(self):
        super().__init__("mv-virq", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if len(args) > 1:
            raise gdb.GdbError("usage: mv-virq [VM]")
        everyone = vm_table()
        for vm in [find_vm(args[0])] if args else everyone:
            print("vm %d '%s'  %s" % (int(vm["index"]), vm["name"].string(), vm["state"]))
            for v in vcpus(vm):
                self.print_vcpu(v)
        self.print_next_at(everyone)
        self.print_console()

    @staticmethod
    def print_vcpu(v):
        s = v["shared"].dereference()
        pending = int(s["virq_pending"])
        print("  %s vcpu %d  %s  %-13s  virq_enabled %d  pending 0x%08x (%s)" % (
            "*" if is_current(v) else " ", int(v["index"]), v["mode"], v["state"],
            int(s["virq_enabled"]), pending, lines_str(pending & VIRQ_LINE_MASK)))
        payloads = v["virq_payload"]
        nlines = payloads.type.range()[1] + 1
        shown = ["line %d 0x%08x%s" % (i, int(payloads[i]),
                                        "" if pending & (1 << i) else " (not pending)")
                 for i in range(nlines) if int(payloads[i]) != 0]
        print("            payloads: %s" % (", ".join(shown) if shown else "none"))
        at = int(v["vtimer_at"])
        if at == NEVER:
            print("            vtimer off")
        else:
            print("            vtimer at %d ns, line %d" % (at, int(v["vtimer_line"])))

    @staticmethod
    def print_next_at(vms):
        next_at = int(kernel_global("vtimer_next_at"))
        armed = [(int(v["vtimer_at"]), vcpu_name(v)) for vm in vms for v in vcpus(vm)
                 if int(v["vtimer_at"]) != NEVER]
        earliest = min(armed) if armed else None
        text = "vtimer_next_at " + wake_str(next_at)
        if earliest is None:
            text += "  (no virtual timer armed)"
        elif next_at == earliest[0]:
            text += "  (the earliest armed deadline: %s's)" % earliest[1]
        elif next_at < earliest[0]:
            text += ("  (earlier than the earliest armed deadline, %s's at %d ns: the next "
                     "expiry corrects it)" % (earliest[1], earliest[0]))
        print(text)
        if earliest is not None and next_at > earliest[0]:
            print("! vtimer_next_at is later than %s's deadline %d ns: that timer fires late" % (
                earliest[1], earliest[0]))

    @classmethod
    def print_console(cls):
        c = kernel_global("console_in")
        size = c["buf"].type.range()[1] + 1
        count, head, dropped = int(c["count"]), int(c["head"]), int(c["dropped"])
        owner = c["owner"]
        if int(owner) == 0:
            who = "no owner (input is read and discarded)"
        else:
            who = "owner %s line %d" % (vcpu_name(owner), int(c["line"]))
        print("console input: %s; %d of %d bytes waiting, %d dropped" % (
            who, count, size, dropped))
        if count > size or head >= size:
            print("! console_in has count %d, head %d for a buffer of %d bytes" % (
                count, head, size))
        elif count:
            data = [int(c["buf"][(head + i) % size]) for i in range(min(count, cls.PREVIEW))]
            print("  waiting: %s%s" % (printable(data), " ..." if count > cls.PREVIEW else ""))


MvVirq()
