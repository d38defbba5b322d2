# gdbtest.mk - a non-interactive check that GDB and the mv-* commands work.

GDB_TEST_IMAGE := $(BUILD)/systems/demo/microvisor.elf

.PHONY: test-gdb
test-gdb: $(GDB_TEST_IMAGE) ## Smoke-test GDB + tools/gdb/mv.py on the demo system
	$(Q)QEMU="$(QEMU)" QEMU_FLAGS="$(QEMU_FLAGS)" tools/gdb-smoke.sh $(GDB_TEST_IMAGE) $(BUILD)/test-gdb
