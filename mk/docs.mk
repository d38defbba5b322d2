# docs.mk - the reference documentation (Doxygen) and its check.
#
#   build/docs/html/index.html   the docs; the main page is docs/architecture.md
#   build/docs/warnings.log      Doxygen's warnings: must stay empty
#
# docs/Doxyfile holds the settings; here we add what depends on the build: the
# output directory, the warning log, and the labs' READMEs that exist right now.
# DOCS_EXTRA adds more inputs (e.g. to check that `make test-docs` can fail:
# `make test-docs DOCS_EXTRA=some-undocumented-header.h`).

DOXYGEN       := doxygen
DOXYFILE      := docs/Doxyfile
DOCS_OUT      := $(BUILD)/docs
DOCS_WARNINGS := $(DOCS_OUT)/warnings.log
DOCS_LOG      := $(DOCS_OUT)/doxygen.log
DOCS_INPUTS   := $(wildcard labs/*/README.md) $(DOCS_EXTRA)

# Doxygen reads the Doxyfile, then our overrides, from stdin. It writes warnings
# only to the log, so an old log must go first. One command group, so that
# `! $(run_doxygen)` negates all of it. Exit status: Doxygen's own.
define run_doxygen
{ mkdir -p $(DOCS_OUT) && rm -f $(DOCS_WARNINGS) && \
  { cat $(DOXYFILE); \
    echo 'OUTPUT_DIRECTORY = $(DOCS_OUT)'; \
    echo 'WARN_LOGFILE = $(DOCS_WARNINGS)'; \
    echo 'INPUT += $(DOCS_INPUTS)'; } | $(DOXYGEN) - >$(DOCS_LOG) 2>&1 && touch $(DOCS_WARNINGS); }
endef

.PHONY: docs test-docs
docs: $(DEPS_STAMP) ## Build the HTML docs into build/docs/html (kernel API + architecture)
	@echo "  DOXYGEN $(DOCS_OUT)/html"
	$(Q)$(run_doxygen) || { echo "docs: doxygen failed:"; cat $(DOCS_LOG); exit 1; }
	$(Q)n=$$(grep -c 'warning:' $(DOCS_WARNINGS)); \
	  if [ "$$n" -ne 0 ]; then echo "docs: $$n Doxygen warning(s), see $(DOCS_WARNINGS)"; fi
	@echo "docs: open file://$(abspath $(DOCS_OUT))/html/index.html"

test-docs: $(DEPS_STAMP) ## Build the docs and fail on any Doxygen warning
	@echo "  DOXYGEN $(DOCS_OUT)/html"
	$(Q)if ! $(run_doxygen); then \
	    echo "FAIL docs: doxygen failed:"; cat $(DOCS_LOG); echo "0 passed, 1 failed"; exit 1; \
	elif [ -s $(DOCS_WARNINGS) ]; then \
	    echo "FAIL docs: Doxygen printed warnings (undocumented API or broken doc comments):"; \
	    cat $(DOCS_WARNINGS); echo "0 passed, 1 failed"; exit 1; \
	else \
	    echo "PASS docs: zero Doxygen warnings"; echo "1 passed, 0 failed"; \
	fi
