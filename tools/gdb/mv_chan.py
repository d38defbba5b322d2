"""mv_chan.py - the GDB command mv-chan (see mv.py and mv_vmmu.py, whose helpers it uses:
gdbinit sources them first, into one namespace)."""
import gdb

RING_WORDS = ("posted", "filled", "notify", "space_wanted")   # abi.h: struct mv_chan_ring


def guest_translate(vm, va):
    """(physical address, writable) of guest-kernel VA va of vm, through its context 0's
    page tables (as the microvisor's own chan_send() reaches a ring); None if unmapped."""
    l1_pa = int(vm["vmmu"]["spaces"][0]["l1_pa"])
    section = va >> SECTION_SHIFT
    if section >= L1_ENTRIES:
        return None
    l1e = read_phys_words(l1_pa + 4 * section, 1, "a level-1 entry")[0]
    if l1e & L1_TYPE_MASK != L1_TYPE_TABLE:
        return None
    l2_pa = l1e & ~(L2_SIZE - 1)
    pte = read_phys_words(l2_pa + 4 * ((va >> 12) & (L2_ENTRIES - 1)), 1, "a level-2 entry")[0]
    if not pte & L2_SMALL:
        return None
    return (pte & ~(PAGE_SIZE - 1)) | (va & (PAGE_SIZE - 1)), not pte & L2_AP_RO


def read_ring_header(vm, ring_va):
    """The ring header's words as a dict, each read where the VM's page tables put it;
    None if a word is unmapped (and the unmapped VA)."""
    words = {}
    for i, name in enumerate(RING_WORDS):
        where = guest_translate(vm, ring_va + 4 * i)
        if where is None:
            return None, ring_va + 4 * i
        words[name] = read_phys_words(where[0], 1, "a ring word")[0]
    return words, None


class MvChan(gdb.Command):
    """Show the channels: for each channel of chan_table its name, then its two ends. An
end shows the VM and vCPU that own it and the line raised on it; its receive ring (guest
VA, descriptors, bytes) or 'no ring'; the microvisor's `filled` (the truth) and
`space_wanted` (the peer waits for a free buffer); then the ring's header as the guest's
memory holds it (posted, filled, notify, space_wanted), read through the owner VM's page
tables, or 'unmapped'; and the end's counters (`stats`). A ring whose `filled` differs
from the microvisor's, or with more buffers posted than slots, is flagged on a line
starting with '!'.
Usage: mv-chan"""

    def __init__(self):
        super().__init__("mv-chan", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("usage: mv-chan")
        vm_table()   # fails clearly before boot
        count = int(kernel_global("chan_count"))
        table = kernel_global("chan_table")
        if count == 0:
            print("no channels in this system")
        for i in range(count):
            c = table[i]
            print("channel %d '%s'" % (i, c["name"].string()))
            for j in range(2):
                self.print_end(j, c["ends"][j])

    @staticmethod
    def print_end(j, e):
        owner = e["owner"]
        n, ring_va, filled = int(e["ring_n"]), int(e["ring_va"]), int(e["filled"])
        print("  end %d: %s line %d  %s  filled %d  space_wanted %d" % (
            j, vcpu_name(owner), int(e["line"]),
            "ring 0x%08x, %d descriptor%s (%d bytes)" % (
                ring_va, n, "" if n == 1 else "s", 16 + 16 * n) if n else "no ring",
            filled, int(e["space_wanted"])))
        if n and int(owner):
            MvChan.print_ring(owner["vm"].dereference(), ring_va, n, filled)
        s = e["stats"]
        print("         stats: messages %d, bytes %d, notified %d, full %d, space signals %d" % (
            int(s["messages"]), int(s["bytes"]), int(s["notified"]), int(s["full"]),
            int(s["space_signals"])))

    @staticmethod
    def print_ring(vm, ring_va, n, filled):
        words, bad = read_ring_header(vm, ring_va)
        if words is None:
            print("         ring in guest memory: unmapped (0x%08x in VM '%s')" % (
                bad, vm["name"].string()))
            return
        posted = words["posted"]
        print("         ring in guest memory: posted %d  filled %d  notify %d  space_wanted %d"
              "  (%d free)" % (posted, words["filled"], words["notify"], words["space_wanted"],
                               (posted - filled) & 0xffffffff))
        if words["filled"] != filled:
            print("! the ring's filled is %d but the microvisor's is %d" % (words["filled"], filled))
        if (posted - filled) & 0xffffffff > n:
            print("! posted %d - filled %d is more than the ring's %d slots" % (posted, filled, n))


MvChan()
