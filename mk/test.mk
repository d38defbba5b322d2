# test.mk - `make test`: every tier, then one summary.
#
# Each tier is its own target so it can be run alone while working on it:
#   test-unit    host unit tests of kernel/core (Check, ASan/UBSan)      mk/unit.mk
#   test-system  QEMU system tests with deterministic icount (Check)      mk/systest.mk
#   test-gdb     the GDB workflow: breakpoint + the kit's GDB commands    mk/gdbtest.mk
#   test-oracle  minilinux against qemu-arm (Linux) on a command corpus   mk/oracle.mk
#   test-docs    Doxygen builds with zero warnings                        mk/docs.mk
#   test-labs    lab self-validation: reference full marks, starter zero  mk/labs.mk
#                (instructors only: left out where there is no solutions/, see mk/labs.mk)

TEST_TIERS ?= test-unit test-unit-minilinux test-system test-oracle test-gdb test-docs $(LAB_TEST_TIER)

.PHONY: test
test: $(DEPS_STAMP) ## Run every test tier and print a pass/fail summary
	$(if $(LAB_TEST_NOTE),@echo "$(LAB_TEST_NOTE)")
	$(Q)tools/test-all.sh $(TEST_TIERS)
