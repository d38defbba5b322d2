# gdbtest.mk - non-interactive checks that GDB and the mv-* commands work, and that
# `make grade-debug` replays a system test's run exactly.

GDB_TEST_IMAGE := $(BUILD)/systems/demo/microvisor.elf
GDB_CHAN_IMAGE := $(BUILD)/systems/chan_demo/microvisor.elf   # for mv-chan

.PHONY: test-gdb
test-gdb: $(GDB_TEST_IMAGE) $(GDB_CHAN_IMAGE) $(SYSTEST_BIN) $(BUILD)/systems/test_virq/microvisor.elf ## Smoke-test GDB + tools/gdb/mv*.py on the demo and chan_demo systems; check the grade-debug replay
	$(Q)QEMU="$(QEMU)" QEMU_FLAGS="$(QEMU_FLAGS)" tools/gdb-smoke.sh $(GDB_TEST_IMAGE) $(BUILD)/test-gdb $(GDB_CHAN_IMAGE); \
	  s=$$?; MV_QEMU=$(QEMU) BUILD=$(BUILD) tools/replay-check.sh $(BUILD)/test-gdb/replay || s=1; exit $$s
