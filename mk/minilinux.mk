# minilinux.mk - guest-minilinux: the guest kernel (port + generic kernel) and its user
# programs, linked into one VM program per init:
#
#   build/minilinux/user/P.elf      a minilinux program (userland/minilinux/P.c, newlib +
#                                   userland/minilinux/lib: Linux syscalls, not hypercalls)
#   build/minilinux/initramfs.cpio  the root file system: /bin/P for every program, and
#                                   userland/minilinux/rootfs/ (shared by every image)
#   build/guests/minilinux.elf      the guest kernel + the archive, init = /bin/init
#   build/guests/minilinux_P.elf    the guest kernel + the archive, init = /bin/P
#
# A system names either with SD_IMAGE(minilinux) or SD_IMAGE(minilinux_P). The generic
# kernel is compiled without the microvisor's headers: only the port can make hypercalls.

ML_DIR        := guest-minilinux
ML_PORT_SRCS  := $(wildcard $(ML_DIR)/port/*.c $(ML_DIR)/port/*.S)
ML_KERN_SRCS  := $(wildcard $(ML_DIR)/kernel/*.c)
ML_KERN_OBJS  := $(patsubst %,$(BUILD)/%.o,$(ML_KERN_SRCS))
ML_OBJS       := $(patsubst %,$(BUILD)/%.o,$(ML_PORT_SRCS)) $(ML_KERN_OBJS)
ML_BASE_FLAGS := $(ARM_FLAGS) -mthumb -O2 -g -std=gnu11 -Wall -Wextra -Werror \
                 -ffunction-sections -I$(ML_DIR)/include
ML_KERN_FLAGS := $(ML_BASE_FLAGS) -ffreestanding -fno-builtin -nostdlib -I$(ML_DIR)
ML_PORT_FLAGS := $(ML_KERN_FLAGS) -Ikernel/include
ML_USER_FLAGS := $(ML_BASE_FLAGS) -Iuserland/minilinux
ML_ULIB_SRCS  := $(wildcard userland/minilinux/lib/*.c userland/minilinux/lib/*.S)
ML_ULIB_OBJS  := $(patsubst %,$(BUILD)/%.o,$(ML_ULIB_SRCS))
ML_USER_LD    := userland/minilinux/lib/minilinux.ld
ML_PROGS      := $(basename $(notdir $(wildcard userland/minilinux/*.c)))
ML_MULTI      := sh usertests
ML_BIN        := $(ML_PROGS) $(ML_MULTI)
ML_HDRS        = $(wildcard $(ML_DIR)/include/minilinux/*.h $(ML_DIR)/port/*.h $(ML_DIR)/kernel/*.h)

$(BUILD)/$(ML_DIR)/kernel/%.c.o: $(ML_DIR)/kernel/%.c $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC_ARM) $(ML_KERN_FLAGS) -MMD -c $< -o $@

$(BUILD)/$(ML_DIR)/port/%.o: $(ML_DIR)/port/% $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC_ARM) $(ML_PORT_FLAGS) -MMD -c $< -o $@

$(BUILD)/userland/minilinux/%.o: userland/minilinux/% $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC_ARM) $(ML_USER_FLAGS) -MMD -c $< -o $@

$(BUILD)/minilinux/user/%.elf: $(BUILD)/userland/minilinux/%.c.o $(ML_ULIB_OBJS) $(ML_USER_LD)
	@mkdir -p $(@D)
	@echo "  MLUSER  $@"
	$(Q)$(CC_ARM) $(ML_USER_FLAGS) -specs=nano.specs -nostartfiles -T $(ML_USER_LD) \
	    -Wl,--gc-sections -o $@ $< $(ML_ULIB_OBJS) -lc -lgcc

# The initramfs, shared by every image: build/minilinux/rootfs/ is staged with bin/P for
# each program (stripped, 0755) and the static files of userland/minilinux/rootfs/, then
# packed by tools/mkinitramfs.py into a cpio "newc" archive the kernel unpacks at boot.
ML_ROOTFS_SRC := userland/minilinux/rootfs
ML_ROOTFS     := $(BUILD)/minilinux/rootfs
ML_INITRAMFS  := $(BUILD)/minilinux/initramfs.cpio
ML_STRIPPED    = $(foreach p,$(ML_BIN),$(BUILD)/minilinux/user/$(p).stripped)

$(BUILD)/minilinux/user/%.stripped: $(BUILD)/minilinux/user/%.elf
	$(Q)$(CROSS)strip -o $@ $<

# Keep the programs with their symbols too, not only the stripped copies the archive
# holds: GDB's ml-prog loads them (make would delete them as intermediate files).
.SECONDARY: $(ML_STRIPPED) $(ML_STRIPPED:.stripped=.elf)

$(ML_INITRAMFS): $(ML_STRIPPED) $(shell find $(ML_ROOTFS_SRC) 2>/dev/null) tools/mkinitramfs.py
	@echo "  CPIO    $@"
	$(Q)rm -rf $(ML_ROOTFS) && mkdir -p $(ML_ROOTFS)/bin
	$(Q)cp -R $(ML_ROOTFS_SRC)/. $(ML_ROOTFS)/
	$(Q)for p in $(ML_BIN); do \
	    install -m 0755 $(BUILD)/minilinux/user/$$p.stripped $(ML_ROOTFS)/bin/$$p || exit 1; done
	$(Q)python3 tools/mkinitramfs.py $(ML_ROOTFS) $@

# The BusyBox archive: the same tree, plus Debian's static armhf BusyBox as /bin/busybox
# and its applets (userland/minilinux/busybox/applets) as hard links in /busybox/bin, the
# way BusyBox installs itself under a prefix; /etc/shell names /busybox/bin/sh, the login
# shell init runs (userland/minilinux/init.c). BusyBox is downloaded once
# (tools/fetch-busybox.sh); when it cannot be had, the archive is the plain tree (the
# BusyBox tests then say they are skipped).
ML_BUSYBOX      := $(BUILD)/armhf/busybox
ML_BB_ROOTFS    := $(BUILD)/minilinux/rootfs-busybox
ML_BB_INITRAMFS := $(BUILD)/minilinux/initramfs-busybox.cpio
ML_BB_APPLETS   := userland/minilinux/busybox/applets

$(ML_BB_INITRAMFS): $(ML_INITRAMFS) $(ML_BB_APPLETS) tools/fetch-busybox.sh
	@echo "  CPIO    $@"
	$(Q)rm -rf $(ML_BB_ROOTFS) && cp -R $(ML_ROOTFS) $(ML_BB_ROOTFS)
	$(Q)if tools/fetch-busybox.sh $(ML_BUSYBOX); then \
	    install -m 0755 $(ML_BUSYBOX) $(ML_BB_ROOTFS)/bin/busybox && mkdir -p $(ML_BB_ROOTFS)/busybox/bin && \
	    for a in $$(grep -v '^#' $(ML_BB_APPLETS)); do \
	        ln $(ML_BB_ROOTFS)/bin/busybox $(ML_BB_ROOTFS)/busybox/bin/$$a || exit 1; done && \
	    echo /busybox/bin/sh > $(ML_BB_ROOTFS)/etc/shell; \
	  else echo "  (BusyBox unavailable: $@ is the plain tree)"; fi
	$(Q)python3 tools/mkinitramfs.py $(ML_BB_ROOTFS) $@

# Each image's blob: an archive (4-byte aligned, so its files' data is too) and the path
# of its init program (ml_initramfs, ml_initramfs_end, ml_init_path: kernel/main.c).
# $(call ml_blob,ARCHIVE,INIT) writes its assembly to $@.
ml_blob = @mkdir -p $(@D); printf '%s\n' '    .section .rodata.ml_initramfs, "a"' '    .balign 4' \
	    '    .global ml_initramfs, ml_initramfs_end, ml_init_path' \
	    'ml_initramfs: .incbin "$(1)"' 'ml_initramfs_end:' 'ml_init_path: .asciz "$(2)"' > $@

$(BUILD)/minilinux/blob_%.S: mk/minilinux.mk
	$(call ml_blob,$(ML_INITRAMFS),/bin/$*)

$(BUILD)/minilinux/blob_%.o: $(BUILD)/minilinux/blob_%.S $(ML_INITRAMFS)
	$(Q)$(CC_ARM) $(ML_KERN_FLAGS) -c $< -o $@

# The images with the BusyBox archive: minilinux_busybox (init runs its login shell) and
# minilinux_oracle (the oracle tier's runner, which runs BusyBox's command lines too).
$(BUILD)/minilinux/blob-busybox.S: mk/minilinux.mk
	$(call ml_blob,$(ML_BB_INITRAMFS),/bin/init)

$(BUILD)/minilinux/blob_oracle.S: mk/minilinux.mk
	$(call ml_blob,$(ML_BB_INITRAMFS),/bin/oracle)

$(BUILD)/minilinux/blob-busybox.o $(BUILD)/minilinux/blob_oracle.o: $(ML_BB_INITRAMFS)
$(BUILD)/minilinux/blob-busybox.o: $(BUILD)/minilinux/blob-busybox.S
	$(Q)$(CC_ARM) $(ML_KERN_FLAGS) -c $< -o $@

$(BUILD)/guests/minilinux_busybox.elf: userland/lib/guest.ld $(ML_OBJS) $(BUILD)/minilinux/blob-busybox.o
	$(ML_LINK)

# The generic kernel never makes a hypercall: no svc instruction in its objects.
ML_LINK = @echo "  GUEST   $@"; mkdir -p $(@D); \
	if $(CROSS)objdump -d $(ML_KERN_OBJS) | grep -qw svc; then \
	    echo "error: guest-minilinux/kernel makes a hypercall (svc); only port/ may"; exit 1; fi; \
	$(CC_ARM) $(ML_KERN_FLAGS) -nostartfiles -T userland/lib/guest.ld -Wl,--gc-sections \
	    -o $@ $(ML_OBJS) $(lastword $^) -lgcc

# Explicit rules, one per program: a pattern rule for minilinux_%.elf would compete
# with build.mk's %.elf, and make may pick that one when the objects do not exist yet.
# the systems that boot minilinux (the lab grading builds leave them out: mk/labs.mk)
ML_SYSTEMS := $(basename $(notdir $(shell grep -l '^SD_IMAGE.minilinux' systems/*.c)))

define ml_image
$(BUILD)/guests/$(1).elf: userland/lib/guest.ld $(ML_OBJS) $(BUILD)/minilinux/blob_$(2).o
	$$(ML_LINK)
endef
$(eval $(call ml_image,minilinux,init))
$(foreach p,$(ML_PROGS),$(eval $(call ml_image,minilinux_$(p),$(p))))

# Programs of several files: userland/minilinux/P/*.c is linked into P.elf like any other
# program (the shell and usertests; ML_MULTI, at the top).
define ml_multi
ML_$(1)_OBJS := $$(patsubst %,$$(BUILD)/%.o,$$(wildcard userland/minilinux/$(1)/*.c))
$$(BUILD)/minilinux/user/$(1).elf: $$(ML_$(1)_OBJS) $$(ML_ULIB_OBJS) $$(ML_USER_LD)
	@mkdir -p $$(@D)
	@echo "  MLUSER  $$@"
	$$(Q)$$(CC_ARM) $$(ML_USER_FLAGS) -specs=nano.specs -nostartfiles -T $$(ML_USER_LD) \
	    -Wl,--gc-sections -o $$@ $$(ML_$(1)_OBJS) $$(ML_ULIB_OBJS) -lc -lgcc
endef
$(foreach p,$(ML_MULTI),$(eval $(call ml_multi,$(p))))
$(foreach p,$(ML_MULTI),$(eval $(call ml_image,minilinux_$(p),$(p))))
