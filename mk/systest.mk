# systest.mk - the system test tier: boot the test systems (systems/test_*.c) in QEMU
# and check what their scenario programs (autograder/scenarios/) report.
#
#   make test-system                    build the images and the runner, run every suite
#   make test-system TIMEOUT_SCALE=3    a slow machine: every deadline and timeout x3
#   make test-system QEMU=/opt/qemu/bin/qemu-system-arm     another QEMU (MV_QEMU)
#   CK_RUN_SUITE=upcall make test-system     one suite (Check's CK_* variables all work)
#
# Serial logs and an XML report land in $(BUILD)/test-logs/.

# (and the channel demo and minilinux, whose transcripts test_chan_demo.c and
# test_minilinux.c check)
SYSTEST_SYSTEMS := $(sort $(basename $(notdir $(wildcard systems/test_*.c)))) chan_demo minilinux
# minilinux with Debian's BusyBox (without it, the image has none and the suite says it
# is skipped)
SYSTEST_SYSTEMS += minilinux_busybox
SYSTEST_IMAGES  := $(foreach s,$(SYSTEST_SYSTEMS),$(BUILD)/systems/$(s)/microvisor.elf)
SYSTEST_BIN     := $(BUILD)/autograder/systest
SYSTEST_SRCS    := autograder/lib/qemu_run.c autograder/lib/scenario.c \
                   $(wildcard autograder/tests/system/*.c)
SYSTEST_HDRS    := autograder/lib/qemu_run.h autograder/lib/scenario.h \
                   $(wildcard autograder/tests/system/*.h) kernel/include/mv/abi.h \
                   $(wildcard autograder/scenarios/*.h)

HOST_CC      ?= gcc
HOST_CFLAGS  ?= -std=gnu11 -O1 -g -Wall -Wextra -Werror -Ikernel/include
# AddressSanitizer + UBSan catch the harness's own memory bugs; SYSTEST_SAN= turns them off.
SYSTEST_SAN  ?= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
CHECK_LIBS    = $(shell pkg-config --cflags --libs check)

$(SYSTEST_BIN): $(SYSTEST_SRCS) $(SYSTEST_HDRS) mk/systest.mk $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(SYSTEST_SAN) -Iautograder/lib -Iautograder/tests/system -Iautograder/scenarios \
	    -DSYSTEST_BUILD_DIR='"$(BUILD)"' -o $@ $(SYSTEST_SRCS) $(CHECK_LIBS)

.PHONY: test-system
# then (unless one suite or case was picked) tools/run-check.sh: `make run` as the README
# says, with piped input and with none
test-system: $(SYSTEST_BIN) $(SYSTEST_IMAGES) ## Boot the test systems in QEMU and check them (TIMEOUT_SCALE=N if slow)
	@mkdir -p $(BUILD)/test-logs
	$(Q)MV_QEMU=$(QEMU) CK_TIMEOUT_MULTIPLIER=$(TIMEOUT_SCALE) \
	    ASAN_OPTIONS=$${ASAN_OPTIONS:-detect_leaks=0} $(SYSTEST_BIN); s=$$?; \
	  if [ -z "$$CK_RUN_SUITE$$CK_RUN_CASE" ]; then BUILD=$(BUILD) tools/run-check.sh || s=1; fi; \
	  exit $$s
