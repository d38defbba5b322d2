# gdbtest.mk - non-interactive checks that GDB and the mv-* commands work (on the kernel
# as built, and on the DEBUG=1 flavour: -Og, no LTO), that `make grade-debug` replays a
# system test's run exactly, and that `make gdb` then loads that system's symbols.

GDB_TEST_IMAGE := $(BUILD)/systems/demo/microvisor.elf
# chan_demo: for mv-chan
GDB_CHAN_IMAGE := $(BUILD)/systems/chan_demo/microvisor.elf
GDB_DEBUG_IMAGE := $(BUILD)/debug/systems/demo/microvisor.elf
# test_minilinux_proc: for ml-sym and ml-ps
GDB_ML_IMAGE := $(BUILD)/systems/test_minilinux_proc/microvisor.elf

.PHONY: test-gdb
test-gdb: $(GDB_TEST_IMAGE) $(GDB_CHAN_IMAGE) $(GDB_ML_IMAGE) $(SYSTEST_BIN) $(BUILD)/systems/test_virq/microvisor.elf ## Smoke-test GDB + tools/gdb/mv*.py on the demo and chan_demo systems (also DEBUG=1); check the grade-debug replay
	$(Q)$(MAKE) --no-print-directory -s build DEBUG=1 SYSTEM=demo
	$(Q)s=0; smoke() { QEMU="$(QEMU)" QEMU_FLAGS="$(QEMU_FLAGS)" tools/gdb-smoke.sh "$$@"; }; \
	  smoke $(GDB_TEST_IMAGE) $(BUILD)/test-gdb $(GDB_CHAN_IMAGE) $(GDB_ML_IMAGE) || s=1; \
	  smoke $(GDB_DEBUG_IMAGE) $(BUILD)/test-gdb/debug || s=1; \
	  MV_QEMU=$(QEMU) BUILD=$(BUILD) tools/replay-check.sh $(BUILD)/test-gdb/replay || s=1; exit $$s
