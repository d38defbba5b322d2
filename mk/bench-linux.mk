# bench-linux.mk - `make bench-linux`: minilinux against real Linux, side by side.
#
# Opt-in, never part of `make test`: it needs Debian's armhf kernel package (apt must know
# the armhf architecture, set up once as root; tools/bench-linux.py says how) and
# downloads it once into build/bench-linux/. The same static program, mlbench, runs as
# minilinux's init (system bench_minilinux) and as real Linux's /init, on the same QEMU
# flags; the table gives each figure on both and the ratio.

BENCH_LINUX_PROG  := $(BUILD)/minilinux/user/mlbench.stripped
BENCH_LINUX_IMAGE := $(BUILD)/systems/bench_minilinux/microvisor.elf

.PHONY: bench-linux bench-linux-check
bench-linux: $(BENCH_LINUX_PROG) $(BENCH_LINUX_IMAGE) ## minilinux against real Linux (Debian armhf kernel; needs root once)
	$(Q)QEMU="$(QEMU)" QEMU_FLAGS="$(QEMU_FLAGS)" BENCH_DIR=$(BUILD)/bench BENCH_LINUX_DIR=$(BUILD)/bench-linux \
	    tools/bench-linux.py $(BENCH_LINUX_PROG) $(BENCH_LINUX_IMAGE)

bench-linux-check: ## bench-linux's dry self-check (no QEMU, no download)
	$(Q)tools/bench-linux.py --self-check
