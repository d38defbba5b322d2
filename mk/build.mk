# build.mk - the microvisor, the guest runtime and programs, and one bootable
# image per system description in systems/.
#
#   build/kernel/...            kernel objects (the same for every system)
#   build/guests/NAME.elf       a guest program (userland/demo, autograder/scenarios, bench)
#   build/systems/S/microvisor.elf   kernel + system S's description + its guest images

.SECONDEXPANSION:
.SECONDARY:

CROSS   ?= arm-none-eabi-
CC_ARM  := $(CROSS)gcc
ARCH    := armv7

# uint32_t is `unsigned long` in bare-metal GCC but `unsigned int` on Linux and the host;
# make it `unsigned int` everywhere so printf formats are checked the same way on both.
ARM_FLAGS    := -march=armv7-a -mfloat-abi=soft -U__UINT32_TYPE__ -D'__UINT32_TYPE__=unsigned int' \
                -U__INT32_TYPE__ -D'__INT32_TYPE__=int'
# (DEBUG=1: -Og without LTO, so that GDB sees every function and variable; see Makefile)
KERNEL_OPT   := $(if $(DEBUG),-Og,-O2 -flto)
KERNEL_FLAGS := $(ARM_FLAGS) -marm -ffreestanding -fno-builtin -nostdlib $(KERNEL_OPT) -g \
                -std=gnu11 -Wall -Wextra -Werror -Ikernel -Ikernel/include -Ikernel/arch \
                -Ikernel/arch/$(ARCH) $(if $(filter 1,$(MV_FPU_LAZY)),-DMV_FPU_LAZY=1)
GUEST_FLAGS  := $(ARM_FLAGS) -mthumb -O2 -g -std=gnu11 -Wall -Wextra -Werror \
                -Ikernel/include -ffunction-sections

KERNEL_SRCS := $(wildcard kernel/core/*.c kernel/lib/*.c kernel/arch/$(ARCH)/*.c kernel/arch/$(ARCH)/*.S)
KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRCS))
KERNEL_LD   := kernel/arch/$(ARCH)/kernel.ld

GUEST_DIRS  := userland/demo autograder/scenarios bench
ULIB_SRCS   := $(wildcard userland/lib/*.c userland/lib/*.S)
ULIB_OBJS   := $(patsubst %,$(BUILD)/%.o,$(ULIB_SRCS))
ALL_SYSTEMS := $(sort $(basename $(notdir $(wildcard systems/*.c))))

# the programs a system file names with SD_IMAGE(name)
system_images = $(shell sed -n 's/^SD_IMAGE(\([A-Za-z0-9_]*\)).*/\1/p' systems/$(1).c)
guest_source  = $(firstword $(wildcard $(addsuffix /$(1).c,$(GUEST_DIRS))))

$(BUILD)/%.c.o: %.c $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC_ARM) $(if $(filter userland/% autograder/% bench/%,$<),$(GUEST_FLAGS),$(KERNEL_FLAGS)) -MMD -c $< -o $@

$(BUILD)/%.S.o: %.S $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(CC_ARM) $(if $(filter userland/%,$<),$(GUEST_FLAGS),$(KERNEL_FLAGS)) -MMD -c $< -o $@

# guest programs: newlib (nano) + our runtime
$(BUILD)/guests/%.elf: $$(call guest_source,$$*) $$(wildcard $$(dir $$(call guest_source,$$*))*.h) \
                       $(wildcard kernel/include/mv/*.h) $(ULIB_OBJS) userland/lib/guest.ld $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(if $(call guest_source,$*),,$(error no source for guest program '$*' in $(GUEST_DIRS)))
	@echo "  GUEST   $@"
	$(Q)$(CC_ARM) $(GUEST_FLAGS) -specs=nano.specs -nostartfiles -T userland/lib/guest.ld \
	    -Wl,--gc-sections -o $@ $(call guest_source,$*) $(ULIB_OBJS) -lc -lgcc

# one image per system
$(BUILD)/systems/%/images.S: systems/%.c
	@mkdir -p $(@D)
	$(Q){ echo '    .section .rodata.guest_images, "a"'; \
	  for img in $(call system_images,$*); do \
	    echo "    .balign 4"; \
	    echo "    .global guest_image_$${img}_start, guest_image_$${img}_end"; \
	    echo "guest_image_$${img}_start: .incbin \"$(BUILD)/guests/$${img}.elf\""; \
	    echo "guest_image_$${img}_end:"; \
	  done; } > $@

$(BUILD)/systems/%/images.o: $(BUILD)/systems/%/images.S $$(foreach i,$$(call system_images,$$*),$(BUILD)/guests/$$(i).elf)
	$(Q)$(CC_ARM) $(KERNEL_FLAGS) -c $< -o $@

$(BUILD)/systems/%/system.o: systems/%.c $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC_ARM) $(KERNEL_FLAGS) -MMD -c $< -o $@

$(BUILD)/systems/%/microvisor.elf: $(KERNEL_OBJS) $(BUILD)/systems/%/system.o $(BUILD)/systems/%/images.o $(KERNEL_LD)
	@echo "  LD      $@"
	$(Q)$(CC_ARM) $(KERNEL_FLAGS) -T $(KERNEL_LD) -o $@ $(KERNEL_OBJS) \
	    $(BUILD)/systems/$*/system.o $(BUILD)/systems/$*/images.o -lgcc

IMAGE := $(BUILD)/systems/$(SYSTEM)/microvisor.elf

.PHONY: build all
build: $(IMAGE) ## Build the image of SYSTEM (default: minilinux)
all: $(foreach s,$(ALL_SYSTEMS),$(BUILD)/systems/$(s)/microvisor.elf) ## Build every system

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
