# bench.mk - `make bench`: boot every systems/bench_*.c image and print its figures.
#
# A benchmark is a guest program bench/NAME.c (helpers in bench/bench.h) plus a
# system file systems/bench_NAME.c that runs it; nothing here needs to change.

BENCH_SYSTEMS := $(filter bench_%,$(ALL_SYSTEMS))
BENCH_IMAGES  := $(foreach s,$(BENCH_SYSTEMS),$(BUILD)/systems/$(s)/microvisor.elf)

.PHONY: bench
bench: $(BENCH_IMAGES) ## Run the benchmarks (instruction counts under QEMU icount)
	$(Q)QEMU="$(QEMU)" QEMU_FLAGS="$(QEMU_FLAGS)" BENCH_DIR=$(BUILD)/bench tools/bench.sh $(BENCH_IMAGES)
