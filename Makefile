# The microvisor teaching kit. `make help` lists the targets.
#
# The build is split by concern into mk/*.mk; this file holds the settings every
# part shares. Everything is built under build/ (`make clean` removes it).

SYSTEM ?= minilinux
BUILD  ?= build
# DEBUG=1 (with build, run, qemu-gdb, gdb): a kernel to step through in GDB, built with -Og
# and without LTO into a build directory of its own; the tests never use it.
BUILD_TOP := $(BUILD)
ifneq ($(DEBUG),)
override BUILD := $(BUILD)/debug
endif
# MV_FPU_LAZY=1: the other way of switching the floating-point registers between vCPUs
# (kernel/core/fpu.c), built into a directory of its own like DEBUG=1
ifeq ($(MV_FPU_LAZY),1)
override BUILD := $(BUILD)/fpu-lazy
endif
Q      := $(if $(V),,@)

# One setting for slow machines: every timeout and deadline (QEMU runs, Check's
# per-test timeouts, GDB, grading builds and runs, batch grading, git clones) is
# multiplied by it. A positive number: TIMEOUT_SCALE=3, or the environment's
# MV_TIMEOUT_SCALE, which is what the tools read.
TIMEOUT_SCALE ?= $(or $(MV_TIMEOUT_SCALE),1)
export MV_TIMEOUT_SCALE := $(TIMEOUT_SCALE)

.DEFAULT_GOAL := help
.SUFFIXES:
.DELETE_ON_ERROR:

include mk/deps.mk      # installing the Debian packages
include mk/build.mk     # kernel, guests, one image per system
include mk/minilinux.mk # guest-minilinux: its kernel, its programs
include mk/hardfloat.mk # hard-float (VFP/NEON) programs and their runtimes
include mk/run.mk       # run, qemu-gdb, gdb
include mk/unit.mk      # test-unit: host unit tests
include mk/unit-minilinux.mk # test-unit-minilinux: the tty on the host
include mk/systest.mk   # test-system: QEMU system tests
include mk/gdbtest.mk   # test-gdb
include mk/oracle.mk    # test-oracle: minilinux against qemu-arm
include mk/docs.mk      # docs, test-docs
include mk/bench.mk     # bench
include mk/bench-linux.mk # bench-linux: minilinux against real Linux (opt-in)
include mk/labs.mk      # starter, grade, test-labs, ...
include mk/platforms.mk # grade-one, classroom, prairielearn
include mk/test.mk      # test: every tier

.PHONY: help clean
help: ## Show this help
	@echo "Microvisor teaching kit - make targets (variables: SYSTEM=$(SYSTEM), V=1 for commands)"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'
	@echo
	@echo "Systems (make run SYSTEM=name): $(ALL_SYSTEMS)"

clean: ## Remove everything the build made
	rm -rf $(BUILD)
