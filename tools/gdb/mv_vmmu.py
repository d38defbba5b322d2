"""mv_vmmu.py - the GDB command mv-vmmu (see mv.py, whose helpers it uses: gdbinit sources
mv.py first, and GDB runs every sourced Python file in one namespace)."""
import struct

import gdb

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


MvVmmu()
