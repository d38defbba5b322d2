# run.mk - booting an image in QEMU, interactively or under GDB.

QEMU       := qemu-system-arm
QEMU_FLAGS := -M virt -cpu cortex-a15 -m 256M -icount shift=0,sleep=off -nic none
# NONCE=hex: put a test run's nonce where the kernel looks for it (make grade-debug
# uses it to replay a system test exactly)
ifneq ($(NONCE),)
QEMU_FLAGS += -device loader,addr=0x4FFFF000,data=0x4e4f4e43,data-len=4 \
              -device loader,addr=0x4FFFF004,data=0x$(NONCE),data-len=4
endif
# xv6's trick: a GDB port per user, so students on one server do not collide
GDB_PORT   ?= $(shell expr 26000 + `id -u` % 5000)

.PHONY: run qemu-gdb gdb
# Input from a pipe or file is paced line by line at the shell's prompts and ends with
# Ctrl-D, so `printf 'ls\n' | make run` and `make run </dev/null` finish by themselves.
run: $(IMAGE) ## Boot SYSTEM in QEMU (quit: Ctrl-A then x; Ctrl-D at minilinux's shell)
	@echo "*** Booting system '$(SYSTEM)'. To quit QEMU: press Ctrl-A, then x. ***"
	$(Q)tools/run-console.py $(QEMU) $(QEMU_FLAGS) -nographic -kernel $(IMAGE)

# The image QEMU runs on GDB_PORT, for `make gdb` (written while QEMU waits): after
# `make grade-debug LAB=1 TEST=lab1_sys_priority`, a plain `make gdb` loads the symbols of
# test_sched_prio, not those of SYSTEM's default.
GDB_RECORD = $(BUILD_TOP)/gdb/port-$(GDB_PORT).elf

qemu-gdb: $(IMAGE) ## Boot SYSTEM stopped, waiting for `make gdb` on port GDB_PORT
	@echo "*** QEMU waits for GDB on localhost:$(GDB_PORT): run 'make gdb' in another terminal (it loads $(IMAGE)). Quit: Ctrl-A x ***"
	$(Q)mkdir -p $(dir $(GDB_RECORD)) && echo "$(IMAGE)" > $(GDB_RECORD)
	$(Q)$(QEMU) $(QEMU_FLAGS) -nographic -kernel $(IMAGE) -S -gdb tcp:localhost:$(GDB_PORT); \
	  rc=$$?; rm -f $(GDB_RECORD); exit $$rc

# GDB_EXPAND: the kernel is built with -flto, and GDB's quick symbol index misses many of
# its functions (vmmu_map, sched_wake, cap_lookup...) until the full symbol tables are
# read: a fresh 'break vmmu_map' says "not defined". Reading them all up front takes a
# fraction of a second. tools/gdb-smoke.sh (make test-gdb) does the same and checks it.
GDB_EXPAND := -ex "maint expand-symtabs"

# The symbols are those of the image the waiting QEMU runs (GDB_RECORD), whatever SYSTEM
# says; with no QEMU waiting, SYSTEM's. GDB_EXTRA: more arguments (tools/replay-check.sh).
gdb: $(if $(wildcard $(GDB_RECORD)),,$(IMAGE)) ## Attach gdb-multiarch to `make qemu-gdb` with the kernel's symbols
	$(Q)elf=$$(cat $(GDB_RECORD) 2>/dev/null || echo $(IMAGE)); \
	if [ "$$elf" != "$(IMAGE)" ] && [ "$(origin SYSTEM)" = "command line" ]; then \
	  echo "*** note: the QEMU waiting on port $(GDB_PORT) runs $$elf, not SYSTEM=$(SYSTEM): using its symbols"; fi; \
	echo "*** GDB: symbols of $$elf, QEMU on localhost:$(GDB_PORT)"; \
	gdb-multiarch -q -nx -x tools/gdb/gdbinit \
	    -ex "file $$elf" $(GDB_EXPAND) -ex "target remote localhost:$(GDB_PORT)" $(GDB_EXTRA)
