# The microvisor teaching kit. `make help` lists the targets.
#
# The build is split by concern into mk/*.mk; this file holds the settings every
# part shares. Everything is built under build/ (`make clean` removes it).

SYSTEM ?= demo
BUILD  ?= build
Q      := $(if $(V),,@)

.DEFAULT_GOAL := help
.SUFFIXES:
.DELETE_ON_ERROR:

include mk/deps.mk
include mk/build.mk
include mk/run.mk
include mk/labs.mk
include mk/test.mk
-include mk/docs.mk
-include mk/bench.mk
-include mk/systest.mk
-include mk/unit.mk
-include mk/gdbtest.mk

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
