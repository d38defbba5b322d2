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

VM is an index or a name. Loaded by tools/gdb/gdbinit. Everything here only reads
kernel variables (vm_table, vm_count, sched.c's static cpu0, asid_state, region_table,
vtimer_next_at, console_in) through GDB's Python API, and page tables through the
kernel's linear map of RAM, so it works wherever the kernel is stopped after the MMU
is on.
"""
import struct

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
                print("! %s is VCPU_RUNNABLE but in no run queue" % vcpu_name(v))

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
            print("! prio %d: runq[%d] is not empty but bit %d of prio_bitmap is clear" % (p, p, p))
        if not members:
            print("! prio %d: bit %d of prio_bitmap is set but runq[%d] is NULL" % (p, p, p))
        if problem:
            print("! prio %d: %s" % (p, problem))

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


# ---- the vMMU: page tables read through the kernel's linear map ----

KERNEL_VIRT_OFFSET = 0x80000000   # kernel VA = PA + this (arch/armv7/platform.h)
PAGE_SIZE = 4096
SECTION_SHIFT = 20                # one level-1 entry maps 1 MiB (arch.h)
L1_ENTRIES = 2048                 # the guest half, 2 GiB (TTBCR.N = 1)
L2_ENTRIES = 256
L2_SIZE = L2_ENTRIES * 4
L1_TYPE_MASK, L1_TYPE_TABLE = 3, 1   # arch/armv7/mmu.c encodes only table entries
L2_SMALL = 1 << 1
L2_XN = 1 << 0
L2_AP_RO = 1 << 9                 # AP[2]: read-only
ASID_GEN_FIXED = 2**64 - 1        # asid.h: a guest-kernel space's fixed ASID
VMMU_TABLE_FREE = 0xffff          # vm.h: owner of a free level-2 table

_symtabs_expanded = False


def kernel_global(name):
    """A kernel global by name. Under -flto GDB may not find it until the symbol tables
    are expanded (gdbinit's note on 'maint expand-symtabs'): then expand them once and
    try again."""
    global _symtabs_expanded
    try:
        return gdb.parse_and_eval(name)
    except gdb.MemoryError:
        raise
    except gdb.error:
        if _symtabs_expanded:
            raise gdb.GdbError("symbol %s not found in the kernel: wrong ELF file?" % name)
        _symtabs_expanded = True
        gdb.execute("maint expand-symtabs", to_string=True)
        return kernel_global(name)


def read_words(va, count, what):
    """count little-endian 32-bit words at kernel address va."""
    try:
        mem = gdb.selected_inferior().read_memory(va, 4 * count)
    except gdb.MemoryError:
        raise gdb.GdbError("cannot read %s at 0x%08x (is the MMU on?)" % (what, va))
    return struct.unpack("<%dI" % count, bytes(mem))


def read_phys_words(pa, count, what):
    """count words at physical address pa, read through the kernel's linear map."""
    return read_words(pa + KERNEL_VIRT_OFFSET, count, "%s (pa 0x%08x)" % (what, pa))


def pte_rights(pte):
    """'rwx', 'r-x', 'rw-' or 'r--' for a level-2 small-page entry (mmu.c's arch_pte())."""
    return "r" + ("-" if pte & L2_AP_RO else "w") + ("-" if pte & L2_XN else "x")


def live_contexts(m):
    return [c for c in range(int(m["ncontexts"]) + 1) if c == 0 or bool(m["spaces"][c]["live"])]


class GuestMemory:
    """Where a physical page is for one VM: its RAM, a shared region one of its memory
    caps places in its guest-physical space, or one of its vCPUs' state pages."""

    def __init__(self, vm):
        self.ram_pa, self.ram_size = int(vm["ram_pa"]), int(vm["ram_size"])
        self.regions = []   # (name, pa, size, gpa or None when no cap of this VM places it)
        table = kernel_global("region_table")
        caps = [vm["caps"][i] for i in range(vm["caps"].type.range()[1] + 1)]
        for i in range(int(kernel_global("region_count"))):
            r = table[i]
            gpa = None
            for c in caps:
                if str(c["type"]) == "CAP_MEMORY" and int(c["region"]) == int(r.address):
                    gpa = int(c["gpa"])
            self.regions.append((r["name"].string(), int(r["pa"]), int(r["size"]), gpa))
        self.state_pages = {int(v["shared_pa"]): int(v["index"]) for v in vcpus(vm)}

    def classify(self, pa):
        """(kind, guest-physical address or None) of physical address pa."""
        if self.ram_pa <= pa < self.ram_pa + self.ram_size:
            return "ram", pa - self.ram_pa
        for name, rpa, size, gpa in self.regions:
            if rpa <= pa < rpa + size:
                return "region " + name, None if gpa is None else gpa + pa - rpa
        base = pa & ~(PAGE_SIZE - 1)
        if base in self.state_pages:
            return "state %d" % self.state_pages[base], None
        return "outside", None


def describe_target(kind, gpa, npages):
    """The middle column of a mapping line: what the pages are for the VM."""
    end = lambda a: a + npages * PAGE_SIZE - 1
    if kind == "ram":
        return "gpa 0x%08x-0x%08x" % (gpa, end(gpa))
    if kind.startswith("region "):
        name = kind[len("region "):]
        if gpa is None:
            return "! region '%s', which no memory cap of this VM places" % name
        return "gpa 0x%08x-0x%08x (region '%s')" % (gpa, end(gpa), name)
    if kind.startswith("state "):
        return "state page of vcpu %s" % kind[len("state "):]
    return "! not the VM's memory"


def walk_space(l1_pa):
    """Every mapping of a space: (level-2 tables as [(section, pa)], pages as
    [(va, pa, rights)], problems as ['! ...'])."""
    tables, pages, problems = [], [], []
    for section, e in enumerate(read_phys_words(l1_pa, L1_ENTRIES, "a level-1 table")):
        if e == 0:
            continue
        if e & L1_TYPE_MASK != L1_TYPE_TABLE:
            problems.append("! section 0x%03x: level-1 entry 0x%08x is not a table entry" % (
                section, e))
            continue
        l2_pa = e & ~(L2_SIZE - 1)
        tables.append((section, l2_pa))
        for i, pte in enumerate(read_phys_words(l2_pa, L2_ENTRIES, "a level-2 table")):
            if pte == 0:
                continue
            va = (section << SECTION_SHIFT) | (i * PAGE_SIZE)
            if not pte & L2_SMALL:
                problems.append("! 0x%08x: level-2 entry 0x%08x is not a small page" % (va, pte))
                continue
            pages.append((va, pte & ~(PAGE_SIZE - 1), pte_rights(pte)))
    return tables, pages, problems


def mapping_runs(pages, memory):
    """Group pages that continue each other (next VA, next physical page, same kind and
    rights) into runs [va, pa, kind, gpa, rights, npages]."""
    runs = []
    for va, pa, rights in pages:
        kind, gpa = memory.classify(pa)
        last = runs[-1] if runs else None
        if (last and last[2] == kind and last[4] == rights and not kind.startswith("state ")
                and va == last[0] + last[5] * PAGE_SIZE and pa == last[1] + last[5] * PAGE_SIZE):
            last[5] += 1
        else:
            runs.append([va, pa, kind, gpa, rights, 1])
    return runs


def asid_text(space):
    """A space's ASID and whether it is valid now (asid.h: generations)."""
    gen, asid = int(space["asid_gen"]), int(space["asid"])
    if gen == ASID_GEN_FIXED:
        return "ASID %d (fixed)" % asid
    if gen == 0:
        return "no ASID yet (not activated since it was created)"
    current = int(kernel_global("asid_state")["generation"])
    if gen == current:
        return "ASID %d (generation %d, current)" % (asid, gen)
    return ("ASID %d (generation %d, stale: the current one is %d, so it has no TLB entries "
            "and takes a new ASID when next activated)" % (asid, gen, current))


class MvVmmu(gdb.Command):
    """Show a VM's vMMU: its page-table quota, then one MMU context and its mappings.
The first line gives the level-2 tables of the VM's quota in use (used/total), free, the
evictions so far and the live process contexts (live/quota). Then context CTX (default 0,
the guest kernel's space): its ASID (with its generation, compared with the global
asid_state), the physical address of its level-1 table, and every mapping as
    VA range -> guest-physical range (or the state page, or the shared region)  pa range  rights
with contiguous pages grouped into one line. The tables are read through the kernel's
linear map (VA = PA + 0x80000000) and decoded as kernel/arch/armv7/mmu.c encodes them;
a table that disagrees with the quota's bookkeeping is flagged on a line starting with '!'.
Usage: mv-vmmu VM [CTX]   (VM is an index or a name; e.g. mv-vmmu hello, mv-vmmu 0 1)"""

    def __init__(self):
        super().__init__("mv-vmmu", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if len(args) not in (1, 2) or (len(args) == 2 and not args[1].isdigit()):
            raise gdb.GdbError("usage: mv-vmmu VM [CTX]")
        vm = find_vm(args[0])
        m = vm["vmmu"]
        name = vm["name"].string()
        ctx = int(args[1]) if len(args) == 2 else 0
        live = live_contexts(m)
        if ctx not in live:
            raise gdb.GdbError("VM '%s' has no live context %d (live: %s; quota %d process "
                               "contexts)" % (name, ctx, ", ".join(map(str, live)),
                                              int(m["ncontexts"])))
        owners = self.table_owners(m)
        print(self.quota_line(vm, m, owners, live))
        self.check_free_count(m, owners)
        space = m["spaces"][ctx]
        self.print_space(vm, m, ctx, space, owners)

    @staticmethod
    def table_owners(m):
        """The quota's bookkeeping: [(owner, section)] for each level-2 table."""
        n = int(m["ntables"])
        if n == 0:
            return []
        words = read_words(int(m["tables"]), n, "the page-table quota's bookkeeping")
        return [(w & 0xffff, w >> 16) for w in words]   # struct vmmu_table {owner, section}

    @staticmethod
    def quota_line(vm, m, owners, live):
        ntables, nfree = int(m["ntables"]), int(m["nfree"])
        return ("vm %d '%s': page tables %d/%d used, %d free, %d evictions so far; "
                "process contexts %d/%d live" % (
                    int(vm["index"]), vm["name"].string(), ntables - nfree, ntables, nfree,
                    int(m["evictions"]), len(live) - 1, int(m["ncontexts"])))

    @staticmethod
    def check_free_count(m, owners):
        free = sum(1 for owner, _ in owners if owner == VMMU_TABLE_FREE)
        if free != int(m["nfree"]):
            print("! nfree is %d but %d tables are marked free" % (int(m["nfree"]), free))

    @staticmethod
    def print_space(vm, m, ctx, space, owners):
        l1_pa = int(space["l1_pa"])
        tables, pages, problems = walk_space(l1_pa)
        users = ["vcpu %d (now %s)" % (int(v["index"]), v["mode"]) for v in vcpus(vm)
                 if ctx != 0 and int(v["ctx"]) == ctx]
        print("context %d%s: %s, level-1 table at pa 0x%08x, %d level-2 table%s%s" % (
            ctx, " (the guest kernel's space)" if ctx == 0 else "", asid_text(space), l1_pa,
            len(tables), "" if len(tables) == 1 else "s",
            "; guest-user mode of " + ", ".join(users) if users else ""))
        if int(space["l1"]) != l1_pa + KERNEL_VIRT_OFFSET:
            problems.append("! l1 is 0x%08x, not the linear-map address of l1_pa (0x%08x)" % (
                int(space["l1"]), l1_pa + KERNEL_VIRT_OFFSET))
        problems += MvVmmu.check_tables(m, ctx, tables, owners)
        memory = GuestMemory(vm)
        runs = mapping_runs(pages, memory)
        targets = [describe_target(kind, gpa, n) for _, _, kind, gpa, _, n in runs]
        width = max([len(t) for t in targets] + [0])
        for (va, pa, _, _, rights, n), target in zip(runs, targets):
            print("  0x%08x-0x%08x -> %-*s  pa 0x%08x-0x%08x  %s  (%d page%s)" % (
                va, va + n * PAGE_SIZE - 1, width, target, pa, pa + n * PAGE_SIZE - 1,
                rights, n, "" if n == 1 else "s"))
        if not runs:
            print("  (no mappings)")
        else:
            print("  %d page%s mapped" % (len(pages), "" if len(pages) == 1 else "s"))
        for p in problems:
            print(p)

    @staticmethod
    def check_tables(m, ctx, tables, owners):
        """The level-1 table's links against the quota's bookkeeping, both ways."""
        problems, base = [], int(m["tables_pa"])
        linked = set()
        for section, l2_pa in tables:
            t, off = divmod(l2_pa - base, L2_SIZE)
            if l2_pa < base or off or t >= len(owners):
                problems.append("! section 0x%03x: level-2 table at pa 0x%08x is not in the "
                                "VM's quota" % (section, l2_pa))
                continue
            linked.add(t)
            if owners[t] != (ctx, section):
                problems.append("! section 0x%03x: table %d is linked here but the quota says "
                                "owner %d, section 0x%03x" % (section, t, owners[t][0], owners[t][1]))
        for t, (owner, section) in enumerate(owners):
            if owner == ctx and t not in linked:
                problems.append("! table %d is context %d's (section 0x%03x) but its level-1 "
                                "table does not link it" % (t, ctx, section))
        return problems


# ---- virtual interrupts: lines, payloads, virtual timers, console input ----

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


def vcpu_line(v, width):
    """'hello/0 * VCPU_RUNNABLE  prio 10 ...': name, '*' if running, scheduling fields."""
    return "%-*s%s %s" % (width, vcpu_name(v), "*" if is_current(v) else " ", sched_fields(v))


MvVms()
MvVcpu()
MvRunq()
MvVmmu()
MvVirq()
