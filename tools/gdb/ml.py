"""ml.py - GDB commands for minilinux, the paravirtual guest (see mv.py, mv_vmmu.py and
mv_chan.py, whose helpers it uses: gdbinit sources them first, into one namespace).

minilinux's kernel is a program of its own, linked at its own addresses in its VM's
address space: ml-sym loads its symbols beside the microvisor's, and ml-ps reads its
process table through the VM's page tables (the CPU may be stopped in any address space).
"""
import os

import gdb

STATE_VA0 = 0x80000000 - 0x1000   # MV_STATE_VA(0): the state page of vCPU 0 (mv/abi.h)
PROC_STATES = {0: "unused", 1: "embryo", 2: "runnable", 3: "sleeping", 4: "zombie"}


def ml_image(vm_name):
    """The name of the program the system description gives VM vm_name (minilinux_P)."""
    vms = kernel_global("system_desc")["vms"]
    try:
        for i in range(int(vms.type.range()[1]) + 1):
            if not int(vms[i]["name"]):
                break
            if vms[i]["name"].string() == vm_name:
                return vms[i]["image"]["name"].string()
    except gdb.MemoryError:
        raise gdb.GdbError("the microvisor has not turned its MMU on yet: "
                           "'break kmain', 'continue', then try again")
    raise gdb.GdbError("no VM '%s' in system_desc" % vm_name)


def ml_load_symbols(vm_name):
    """Load the symbols of VM vm_name's guest kernel (build/guests/IMAGE.elf) once."""
    image = ml_image(vm_name)
    path = os.path.join(os.environ.get("BUILD", "build"), "guests", image + ".elf")
    if any(o.filename and os.path.samefile(o.filename, path) for o in gdb.objfiles()
           if o.filename and os.path.exists(o.filename) and os.path.exists(path)):
        return path
    if not os.path.exists(path):
        raise gdb.GdbError("no %s: build the system first (make build SYSTEM=...)" % path)
    gdb.execute("add-symbol-file %s" % path, to_string=True)
    return path


def read_guest(vm, va, size):
    """size bytes at guest-kernel address va of vm, page by page through its tables."""
    out = b""
    while size > 0:
        n = min(size, PAGE_SIZE - (va & (PAGE_SIZE - 1)))
        where = guest_translate(vm, va)
        if where is None:
            raise gdb.GdbError("guest address 0x%08x is not mapped in VM '%s'" % (
                va, vm["name"].string()))
        out += bytes(gdb.selected_inferior().read_memory(where[0] + KERNEL_VIRT_OFFSET, n))
        va, size = va + n, size - n
    return out


def wchan_text(p, table_va, proc_size):
    """What a sleeping process waits for, in words."""
    w = int(p["wchan"])
    if not w:
        return "time (until %d ns)" % int(p["wake_at"]) if int(p["wake_at"]) else "-"
    if table_va <= w < table_va + proc_size * 64 and (w - table_va) % proc_size == 0:
        return "wait4 (a child's end)"
    where = gdb.execute("info symbol 0x%x" % w, to_string=True).strip()
    return where if "No symbol" not in where else "0x%08x" % w


def cpu_in_user_mode():
    """Is the CPU in user mode (the guest kernel or a process: both run there)?"""
    return (int(gdb.parse_and_eval("$cpsr")) & 0x1f) == 0x10


def in_guest_kernel():
    """Is the CPU stopped in a guest kernel's address space? Guest kernel and processes
both run in user mode, and both are linked at 0x10000, so symbols cannot tell them apart:
the state page can. It is mapped (MV_STATE_VA(0), magic "MV") only in the guest kernel's
own context (MV_CTX_KERNEL), never in a process's."""
    if not cpu_in_user_mode():
        return False
    try:
        magic = gdb.selected_inferior().read_memory(STATE_VA0, 4)
    except gdb.MemoryError:
        return False
    return int.from_bytes(bytes(magic), "little") == 0x4d56   # MV_STATE_MAGIC


class MlPs(gdb.Command):
    """ml-ps [VM]: minilinux's processes (VM 'minilinux' unless named): pid, parent,
process group, state, name, the pc it resumes at, and what a sleeping one waits for.
Loads the guest kernel's symbols first (ml-sym)."""

    def __init__(self):
        super().__init__("ml-ps", gdb.COMMAND_USER)

    @staticmethod
    def reader(name):
        """How to read the guest kernel's memory: through the VM's page tables when stopped
        in the microvisor, directly when stopped in the guest kernel (then the microvisor's
        own memory is not mapped)."""
        if in_guest_kernel():
            return lambda va, n: bytes(gdb.selected_inferior().read_memory(va, n))
        if cpu_in_user_mode():
            raise gdb.GdbError("stopped in a process: neither the guest kernel's memory nor "
                               "the microvisor's is mapped here; stop in the microvisor "
                               "(break hypercall_dispatch) or in the guest kernel first")
        vm = find_vm(name)
        ml_load_symbols(name)
        return lambda va, n: read_guest(vm, va, n)

    def invoke(self, arg, from_tty):
        name = arg.strip() or "minilinux"
        reader = self.reader(name)
        sym = gdb.lookup_global_symbol("proc_table")
        if sym is None:
            raise gdb.GdbError("proc_table not found in the guest kernel's symbols")
        table_va = int(sym.value().address)
        table = gdb.Value(reader(table_va, sym.type.sizeof), sym.type)
        proc_size = sym.type.target().sizeof
        print("  PID  PPID  PGID  STATE     NAME             PC          WAITS FOR")
        for i in range(int(sym.type.range()[1]) + 1):
            p = table[i]
            state = int(p["state"])
            if state == 0:
                continue
            parent = int(p["parent"])
            ppid = int(gdb.Value(reader(parent, proc_size), sym.type.target())["pid"]) \
                if parent else 0
            waits = wchan_text(p, table_va, proc_size) if state == 3 else ""
            print("%5d %5d %5d  %-8s  %-15s  0x%08x  %s" % (
                int(p["pid"]), ppid, int(p["pgid"]), PROC_STATES.get(state, "?"),
                p["name"].string(), int(p["th"]["regs"]["pc"]), waits))


class MlSym(gdb.Command):
    """ml-sym [VM]: load the symbols of VM's minilinux kernel (VM 'minilinux' unless named)
beside the microvisor's, so that 'break kern_syscall' or 'break sys_fork' stops in the
guest kernel. A process's own symbols: add-symbol-file build/minilinux/user/P.elf."""

    def __init__(self):
        super().__init__("ml-sym", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        print("minilinux kernel symbols: %s" % ml_load_symbols(arg.strip() or "minilinux"))


class MlProg(gdb.Command):
    """ml-prog NAME: load the symbols of minilinux program NAME (build/minilinux/user/NAME.elf),
so that 'break main' stops in that process. Every program is linked at 0x10000, like the
guest kernel (in other address spaces): with both loaded, GDB may name an address after
the wrong one; 'remove-symbol-file -a 0x10000' drops a program again."""

    def __init__(self):
        super().__init__("ml-prog", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        name = arg.strip()
        if not name:
            raise gdb.GdbError("usage: ml-prog NAME (a program of userland/minilinux, e.g. sh)")
        path = os.path.join(os.environ.get("BUILD", "build"), "minilinux", "user", name + ".elf")
        if not os.path.exists(path):
            raise gdb.GdbError("no %s: is %s a minilinux program? (make build first)" % (path, name))
        gdb.execute("add-symbol-file %s" % path, to_string=True)
        print("symbols of %s loaded" % path)


ACCESS = {1: "read", 2: "write", 4: "execute"}   # MV_MAP_READ/WRITE/EXEC


def static_in(name, file_end):
    """The static variable `name` of the source file ending in file_end (names like
`table` or `current` are in several files)."""
    for sym in gdb.lookup_static_symbols(name):
        if sym.symtab and sym.symtab.filename.endswith(file_end):
            return sym
    return None


def syscall_name(reader, nr):
    """sys_NAME from the generic kernel's table (kernel/syscall.c), or None."""
    table = static_in("table", "kernel/syscall.c")
    if table is None or not 0 <= nr <= int(table.type.range()[1]):
        return None
    fn = int.from_bytes(reader(int(table.value().address) + 4 * nr, 4), "little")
    where = gdb.execute("info symbol 0x%x" % fn, to_string=True) if fn else ""
    return where.split()[0] if where and "No symbol" not in where else None


def current_process(reader):
    """(pid, name) of the process whose thread is the port's `current` (upcall.c), or None."""
    cur = static_in("current", "port/upcall.c")
    table = gdb.lookup_global_symbol("proc_table")
    if cur is None or table is None:
        return None
    ptr = int.from_bytes(reader(int(cur.value().address), 4), "little")
    proc_t = table.type.target()
    base = int(table.value().address)
    th_off = [f for f in proc_t.fields() if f.name == "th"][0].bitpos // 8
    for i in range(int(table.type.range()[1]) + 1):
        if base + i * proc_t.sizeof + th_off == ptr:
            p = gdb.Value(reader(base + i * proc_t.sizeof, proc_t.sizeof), proc_t)
            return int(p["pid"]), p["name"].string()
    return None


class MlUpcall(gdb.Command):
    """ml-upcall [VM]: the last upcall of minilinux's vCPU 0 as its port sees it (lab 5): the
cause in words (a system call with its number, name and arguments; a fault with its address
and access; the pending vIRQ lines), the process it came from (the port's `current`) and
the registers the microvisor saved in the state page. Works stopped in the microvisor or in
the guest kernel; loads the guest kernel's symbols first (ml-sym)."""

    def __init__(self):
        super().__init__("ml-upcall", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        name = arg.strip() or "minilinux"
        reader = MlPs.reader(name)
        st = gdb.lookup_type("struct mv_state")
        s = gdb.Value(reader(STATE_VA0, st.sizeof), st)
        cause = enum_name(s["cause"], "enum mv_cause")
        u = s["user"]
        who = current_process(reader)
        print("last upcall of VM '%s' vCPU 0: %s, from %s" % (
            name, cause, "pid %d (%s)" % who if who else "no process (idle)"))
        c = int(s["cause"])
        if c == 1:   # MV_CAUSE_SYSCALL
            nr = int(u["r"][7])
            args = ", ".join("0x%x" % int(u["r"][i]) for i in range(6))
            print("  system call %d (r7) -> %s(%s); returns to pc 0x%08x, after the svc" % (
                nr, syscall_name(reader, nr) or "?", args, int(u["pc"])))
        elif c in (3, 4):   # MV_CAUSE_PABT, MV_CAUSE_DABT
            print("  %s at 0x%08x (%s), pc 0x%08x: the port maps it (kern_page_fault) or "
                  "signals" % ("prefetch abort" if c == 3 else "data abort", int(s["fault_addr"]),
                               ACCESS.get(int(s["fault_access"]), "?"), int(u["pc"])))
        elif c == 5:   # MV_CAUSE_VIRQ
            print("  vIRQ lines pending 0x%08x (line 0: the tick, line 1: console input)" % (
                int(s["virq_pending"])))
        print("  the process's registers in the state page (user):")
        print_regs(u, indent="    ")


MlPs()
MlSym()
MlProg()
MlUpcall()
