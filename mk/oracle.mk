# oracle.mk - test-oracle: the differential oracle. Every command line of the corpus
# (userland/minilinux/rootfs/etc/oracle/corpus) runs under minilinux (the image
# test_minilinux_oracle, with userland/minilinux/oracle.c as init) and under qemu-arm,
# QEMU's Linux user-mode emulator; stdout, stderr and exit status must match.
# tools/oracle.py does the work and explains; -v lists the lines that pass:
#   make test-oracle ORACLE_FLAGS=-v

ORACLE_IMAGE := $(BUILD)/systems/test_minilinux_oracle/microvisor.elf

.PHONY: test-oracle
test-oracle: $(ORACLE_IMAGE) $(ML_INITRAMFS) ## Compare minilinux with qemu-arm (Linux) on a corpus of command lines
	$(Q)QEMU=$(QEMU) QEMU_FLAGS="$(QEMU_FLAGS)" python3 tools/oracle.py --build $(BUILD) $(ORACLE_FLAGS)
