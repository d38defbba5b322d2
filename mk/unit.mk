# unit.mk - the host unit-test tier: kernel/core compiled for this machine, linked with
# a test double of the arch layer (autograder/unit/arch_double.c) and tested with Check
# under AddressSanitizer and UBSan. No QEMU involved: it runs in seconds.
#
#   make test-unit                      run every unit test
#   make test-unit CK_RUN_CASE=hypercall      one topic (cap_lookup hypercall system elf_load vm_console channel irq)
#   make test-unit CK_INCLUDE_TAGS=lab1       the graded tests of lab 1 (lab1_unit_...)
#   make test-unit CK_VERBOSITY=verbose every test's result

HOST_CC     ?= gcc
UNIT_DIR    := $(BUILD)/unit
UNIT_BIN    := $(UNIT_DIR)/unit-tests
UNIT_CPPFLAGS := -Ikernel -Ikernel/include -Ikernel/arch -Dsched_yield=mv_sched_yield
UNIT_FLAGS  := -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
               -fno-sanitize-recover=all -fno-omit-frame-pointer $(UNIT_CPPFLAGS)
# Why the -D: in the host process the kernel's sched_yield(struct vcpu *) would take the
# place of POSIX sched_yield(), which the sanitizer runtime calls (LeakSanitizer at exit
# then hangs or crashes in the kernel's function). Renaming it in every unit object
# keeps the two apart; the kernel source stays as it is.

# the core for the host: all of it but kmain, with libc's string functions
# (and the arch port's pure functions: context.c has no hardware access)
UNIT_SRCS   := $(filter-out kernel/core/main.c,$(wildcard kernel/core/*.c)) kernel/lib/kprintf.c \
               kernel/arch/armv7/context.c userland/lib/chan_ring.c $(wildcard autograder/unit/*.c)

# Lab 5: minilinux's port (all of it but its assembly) compiled for the host, against a
# fake microvisor: autograder/unit/port_fake/mv/guest.h comes before kernel/include, so
# each hypercall of the port is a call to autograder/unit/port_fake.c. Those tests
# (*port*.c) include the port's headers too.
UNIT_PORT_SRCS := $(addprefix guest-minilinux/port/,upcall.c mmu.c tick.c boot.c)
UNIT_SRCS   += $(UNIT_PORT_SRCS)
UNIT_OBJS   := $(patsubst %,$(UNIT_DIR)/%.o,$(UNIT_SRCS))
UNIT_PORT_OBJS := $(patsubst %,$(UNIT_DIR)/%.o,$(UNIT_PORT_SRCS) $(wildcard autograder/unit/*port*.c))
UNIT_PORT_INCS := -Iautograder/unit/port_fake -Iguest-minilinux -Iguest-minilinux/include
$(UNIT_PORT_OBJS): private UNIT_FLAGS := $(UNIT_PORT_INCS) $(UNIT_FLAGS)

$(UNIT_DIR)/%.c.o: %.c mk/unit.mk $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(UNIT_FLAGS) $$(pkg-config --cflags check) -MMD -MP -c $< -o $@

# Kernel code shares the test process with the Check runner that records the results,
# so before linking, tools/audit-kernel-objects.py refuses kernel code that reaches
# outside the kernel (C library calls, system calls, constructors): it could fake them.
UNIT_KERNEL_SRCS := $(filter kernel/%,$(UNIT_SRCS))
UNIT_AUDIT_FLAGS := -std=gnu11 -O1 $(UNIT_CPPFLAGS)

$(UNIT_DIR)/.audit-ok: $(UNIT_KERNEL_SRCS) $(UNIT_DIR)/autograder/unit/arch_double.c.o tools/audit-kernel-objects.py
	@echo "  AUDIT   kernel code linked into the unit tests"
	$(Q)python3 tools/audit-kernel-objects.py $(HOST_CC) $(UNIT_AUDIT_FLAGS) -- \
		$(UNIT_DIR)/autograder/unit/arch_double.c.o -- $(UNIT_KERNEL_SRCS)
	@touch $@

# minilinux's port runs in the test process too (a student's, when grading lab 5): the
# same audit, its test double being the fake microvisor and kernel. boot.c may use the
# linker's `end` (and, position-independent, the GOT that reaches it).
UNIT_PORT_AUDIT := $(UNIT_DIR)/autograder/unit/port_fake.c.o
$(UNIT_DIR)/.audit-port-ok: $(UNIT_PORT_SRCS) $(UNIT_PORT_AUDIT) tools/audit-kernel-objects.py
	@echo "  AUDIT   minilinux's port code linked into the unit tests"
	$(Q)python3 tools/audit-kernel-objects.py --double mv_ --double kern_ --double port_fpu_ \
		--allow end --allow _GLOBAL_OFFSET_TABLE_ \
		$(HOST_CC) $(UNIT_PORT_INCS) $(UNIT_AUDIT_FLAGS) -- $(UNIT_PORT_AUDIT) -- $(UNIT_PORT_SRCS)
	@touch $@

unit_link = $(HOST_CC) $(UNIT_FLAGS) -o $@ $(UNIT_OBJS) $$(pkg-config --libs check)

$(UNIT_BIN): $(UNIT_OBJS) $(UNIT_DIR)/.audit-ok $(UNIT_DIR)/.audit-port-ok
	@echo "  HOSTLD  $@"
	$(Q)$(unit_link)

# The same program without the audit (2 s of compiling every kernel file again), for the
# instructor's own mutants only: `labtool mutants --fast` (make test-labs) relinks it once
# per mutant. Grading never runs it.
$(UNIT_DIR)/unit-tests-unaudited: $(UNIT_OBJS)
	$(Q)$(unit_link)

.PHONY: test-unit
test-unit: $(UNIT_BIN) ## Unit-test kernel/core on the host (Check + ASan/UBSan; CK_INCLUDE_TAGS=lab1)
	$(Q)CK_TIMEOUT_MULTIPLIER=$(TIMEOUT_SCALE) $(UNIT_BIN)
