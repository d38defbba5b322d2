# unit-minilinux.mk - host unit tests of minilinux's generic-kernel logic that needs no
# machine (the tty's line discipline), compiled for this machine with stand-ins for the
# port and the process core (autograder/unit-minilinux/). No QEMU: it runs in a second.
#
#   make test-unit-minilinux

MLUNIT_BIN   := $(BUILD)/unit-minilinux/tty-tests
MLUNIT_FLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
                -fno-sanitize-recover=all -Iguest-minilinux -Iguest-minilinux/include

$(MLUNIT_BIN): autograder/unit-minilinux/test_tty.c guest-minilinux/kernel/tty.c $(ML_HDRS) mk/unit-minilinux.mk
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(MLUNIT_FLAGS) $$(pkg-config --cflags check) -o $@ \
	    autograder/unit-minilinux/test_tty.c guest-minilinux/kernel/tty.c $$(pkg-config --libs check)

.PHONY: test-unit-minilinux
test-unit-minilinux: $(MLUNIT_BIN) ## Unit-test minilinux's tty line discipline on the host
	$(Q)$(MLUNIT_BIN)
