# labs.mk - the lab machinery: starter trees, grading, self-validation.
# The logic lives in tools/labtool (Python); these targets are its front door.

LAB     ?= 1
LABTOOL := python3 tools/labtool
# The self-validation grades the reference solution, so it needs the instructor's tree:
# a student's starter tree has no solutions/ (and no marked reference code).
ifneq ($(wildcard solutions/),)
LAB_TEST_TIER := test-labs
else
LAB_TEST_TIER :=
LAB_TEST_NOTE := note: test-labs is not run: it validates the labs against the reference \
  solution, which this tree does not have (no solutions/: a starter tree)
endif

.PHONY: starter grade grade-build grade-debug test-labs test-mutants check-markers gradescope
check-markers: ## Check the lab markers in the reference source
	$(Q)$(LABTOOL) check-markers

starter: $(DEPS_STAMP) ## Generate the student tree in build/starter (FILLED=K fills labs 1..K)
	$(Q)$(LABTOOL) starter --out $(BUILD)/starter --filled-upto $(or $(FILLED),0)

grade: $(DEPS_STAMP) ## Grade lab LAB in this tree: a table and `Score: X/Y` (TIMEOUT_SCALE=N if slow)
	$(Q)MV_QEMU=$(QEMU) $(LABTOOL) grade --lab $(LAB) --out $(BUILD)/grade/lab$(LAB)

# what grading needs built: both test programs and every test system image, but of
# minilinux's images only those lab LAB's manifest names (lab 5's): the others cost build
# time and no test of the lab boots them
LAB_SYSTEMS = $(shell sed -n 's/.*"system": *"\([^"]*\)".*/\1/p' labs/lab$(LAB)/lab.json 2>/dev/null)
grade-build: $(DEPS_STAMP)
	$(Q)$(MAKE) --no-print-directory -j2 $(UNIT_BIN) $(SYSTEST_BIN) \
	    $(filter-out $(foreach s,$(filter-out $(LAB_SYSTEMS),$(ML_SYSTEMS)),$(BUILD)/systems/$(s)/microvisor.elf),$(SYSTEST_IMAGES))

# The nonce of the system's last run: `make grade` keeps its logs in build/grade/labN/logs/
# (MV_LOG_DIR), `make test-system` in build/test-logs/; the newer one counts. NONCE=hex
# replays another run (a submission's: its logs/ hold SYSTEM.nonce). tools/replay-check.sh
# (make test-gdb) checks that the replay is the test's run, byte for byte.
grade-debug: $(DEPS_STAMP) ## Replay test TEST of lab LAB under GDB (system tests: QEMU waits for `make gdb`)
	$(Q)sys=$$($(LABTOOL) debug-system --lab $(LAB) --test $(TEST)) || exit 1; \
	if [ "$$sys" = unit ]; then \
	  $(MAKE) --no-print-directory $(UNIT_BIN) && $(unit_gdb); \
	else \
	  last=$$(ls -t $(BUILD)/grade/lab$(LAB)/logs/serial/$$sys.nonce \
	              $(BUILD)/test-logs/$$sys.nonce 2>/dev/null | head -n 1); \
	  nonce=$(or $(NONCE),$$([ -n "$$last" ] && cat "$$last")); \
	  echo "*** Replaying system $$sys of test $(TEST) with nonce $${nonce:-none} ($(if $(NONCE),given by NONCE,its last run's))"; \
	  $(MAKE) --no-print-directory qemu-gdb SYSTEM=$$sys NONCE=$$nonce; \
	fi

# A host unit test under GDB: no fork (Check's timeouts are off then), only TEST's TCase,
# stopped where an assertion fails. GDB_BATCH=1 runs it to the end without a prompt.
unit_gdb = echo "*** Unit test $(TEST) under GDB: 'run', then 'bt' where it stops"; \
	CK_FORK=no CK_RUN_CASE=$(TEST) ASAN_OPTIONS=detect_leaks=0 gdb -q \
	  -ex 'set breakpoint pending on' -ex 'break _ck_assert_failed' \
	  $(if $(GDB_BATCH),-batch -ex run -ex bt) $(UNIT_BIN)

test-labs: $(DEPS_STAMP) ## Self-validate the labs: reference full marks, starters 0, hostile cases
ifneq ($(LAB_TEST_TIER),)
	$(Q)MV_QEMU=$(QEMU) $(LABTOOL) validate
else
	@echo "$(LAB_TEST_NOTE)"
endif

# The instructor's mutants of lab LAB (solutions/labN/mutants.json): each is graded in full;
# any that gets full marks is a rule of the handout no test pins. A few minutes per lab.
test-mutants: $(DEPS_STAMP) ## Grade lab LAB's instructor mutants: fails if one gets full marks
ifneq ($(LAB_TEST_TIER),)
	$(Q)MV_QEMU=$(QEMU) $(LABTOOL) mutants --lab $(LAB)
else
	@echo "note: test-mutants needs the instructor's tree (solutions/)"
endif

# EARLIER=reference: grade lab LAB on top of the reference's labs 1..LAB-1 (as
# `labtool submission --earlier reference`), for students who missed an earlier lab
gradescope: $(DEPS_STAMP) ## Build the Gradescope autograder zip for lab LAB (EARLIER=reference: earlier labs from the reference)
	$(Q)$(LABTOOL) gradescope --lab $(LAB) --earlier $(or $(EARLIER),submission)
