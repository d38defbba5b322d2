# hardfloat.mk - hard-float programs: code that uses VFP/NEON and the armhf calling
# convention (floating-point arguments in d registers), like Debian's armhf binaries.
#
# Everything else is built -mfloat-abi=soft, and the two conventions cannot be linked
# together: a hard-float program needs its runtime built again, and newlib's
# thumb/v7-a+simd/hard multilib (`arm-none-eabi-gcc -print-multi-lib`), which the
# flags below select. -ffp-contract=off: no fused multiply-add, so the arithmetic is
# exactly what the host computes for the same source.
#
#   build/hf/...                       the runtimes' objects, hard-float
#   build/guests/P.elf                 a microvisor guest P in HF_GUESTS
#   build/minilinux/user/P.elf         a minilinux program P in ML_HF_PROGS

HF_FLAGS     := -march=armv7-a+simd -mfloat-abi=hard -ffp-contract=off -fno-math-errno
# (GCC picks the multilib only if no other -march/-mfloat-abi is on the command line)
hf_flags      = $(filter-out -march=armv7-a -mfloat-abi=soft,$(1)) $(HF_FLAGS)
HF_GUESTS    := sc_fpu
ML_HF_PROGS  := fptest

$(BUILD)/hf/userland/lib/%.o: userland/lib/% $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC-HF   $<"
	$(Q)$(CC_ARM) $(call hf_flags,$(GUEST_FLAGS)) -MMD -c $< -o $@

$(BUILD)/hf/userland/minilinux/%.o: userland/minilinux/% $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC-HF   $<"
	$(Q)$(CC_ARM) $(call hf_flags,$(ML_USER_FLAGS)) -Iautograder/scenarios -MMD -c $< -o $@

HF_ULIB_OBJS    := $(patsubst $(BUILD)/%,$(BUILD)/hf/%,$(ULIB_OBJS))
HF_ML_ULIB_OBJS := $(patsubst $(BUILD)/%,$(BUILD)/hf/%,$(ML_ULIB_OBJS))

# Explicit rules (they win over build.mk's and minilinux.mk's pattern rules).
define hf_guest
$(BUILD)/guests/$(1).elf: $(call guest_source,$(1)) $(wildcard $(dir $(call guest_source,$(1)))*.h) \
                          $(wildcard kernel/include/mv/*.h) $(HF_ULIB_OBJS) userland/lib/guest.ld
	@mkdir -p $$(@D)
	@echo "  GUEST-HF $$@"
	$$(Q)$$(CC_ARM) $$(call hf_flags,$$(GUEST_FLAGS)) -specs=nano.specs -nostartfiles \
	    -T userland/lib/guest.ld -Wl,--gc-sections -o $$@ $$< $$(HF_ULIB_OBJS) -lc -lgcc
endef
$(foreach g,$(HF_GUESTS),$(eval $(call hf_guest,$(g))))

define hf_ml_prog
$(BUILD)/minilinux/user/$(1).elf: $(BUILD)/hf/userland/minilinux/$(1).c.o $(HF_ML_ULIB_OBJS) $(ML_USER_LD)
	@mkdir -p $$(@D)
	@echo "  MLUSER-HF $$@"
	$$(Q)$$(CC_ARM) $$(call hf_flags,$$(ML_USER_FLAGS)) -specs=nano.specs -nostartfiles \
	    -T $$(ML_USER_LD) -Wl,--gc-sections -o $$@ $$< $$(HF_ML_ULIB_OBJS) -lc -lgcc
endef
$(foreach p,$(ML_HF_PROGS),$(eval $(call hf_ml_prog,$(p))))
