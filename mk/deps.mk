# deps.mk - every target first makes sure the Debian packages are installed.
# tools/install-deps.sh checks, and installs only what is missing; the stamp file
# keeps it to one check per build tree.

DEPS_STAMP := $(BUILD_TOP)/.deps-ok

$(DEPS_STAMP): tools/install-deps.sh
	$(Q)tools/install-deps.sh
	$(Q)mkdir -p $(@D) && touch $@

.PHONY: deps
deps: $(DEPS_STAMP) ## Install the Debian packages the kit needs (if missing)
