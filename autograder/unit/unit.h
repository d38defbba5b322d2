/**
 * @file unit.h
 * @brief Shared pieces of the host unit tests: fixtures, test ELF images, test systems.
 *
 * Each test file defines one TCase per topic (`<topic>_tcase()`); unit_main.c puts
 * them in one suite. The foundation's TCases are tagged `foundation unit`; a lab's are
 * graded, one TCase per item of its lab.json, tagged `labN unit`. Each test starts from
 * a clean kernel and a clean arch double (unit_reset()).
 */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>
#include <elf.h>
#include "arch_double.h"
#include "core/sysdesc.h"
#include "core/vm.h"

/** @brief Reset the arch double and every piece of kernel state (VM table, scheduler,
 *  allocator). Runs before each test. */
void unit_reset(void);
/** @brief A TCase called @p name, tagged `foundation unit`, with unit_reset() as fixture. */
TCase *unit_tcase(const char *name);
/** @brief A TCase called @p name with the given Check @p tags (e.g. "lab1 unit": graded
 *  as the lab 1 test of that name), with unit_reset() as fixture. */
TCase *unit_tcase_tagged(const char *name, const char *tags);
/** @brief Add a TCase called @p name, tagged @p tags, holding the NULL-terminated @p tests,
 *  with unit_reset() and then @p setup (if not NULL) as fixtures. */
void unit_add_tests(Suite *s, const char *name, const char *tags, void (*setup)(void),
                    const TTest *const *tests);
/** @brief One graded TCase: its name (an item of a lab.json) and up to 4 tests. */
struct unit_graded {
    const char *name;
    const TTest *tests[4];
};
/** @brief Add the @p n graded TCases @p g to @p s, each tagged @p tags ("lab1 unit"). */
void unit_add_graded(Suite *s, const char *tags, const struct unit_graded *g, size_t n);

/** @brief One segment of a test ELF image: its data is @p filesz bytes of a pattern
 *  derived from @p seed (see test_pattern()). */
struct test_seg {
    uint32_t type, vaddr, filesz, memsz, seed;
};

/** @brief Byte @p i of the data of a segment with seed @p seed. */
static inline uint8_t test_pattern(uint32_t seed, uint32_t i) {
    return (uint8_t)(seed * 31u + i * 7u + 1u);
}

/** @brief Room for a test ELF image. */
#define TEST_ELF_MAX 8192u

/**
 * @brief Write an ELF32 little-endian ARM executable into @p buf: the ELF header, the
 *        program headers right after it, then each segment's data (4-byte aligned).
 * @return the image size.
 */
size_t test_elf_build(uint8_t *buf, uint32_t entry, const struct test_seg *segs, unsigned n);

/** @brief Where test_elf_good() puts its text (64 bytes, seed 1). */
#define TEST_TEXT_VA 0x4000u
/** @brief Where test_elf_good() puts its data (16 bytes, seed 3, then bss up to TEST_END_VA). */
#define TEST_DATA_VA 0x5000u
/** @brief End of test_elf_good()'s bss: the image fits the smallest VM (64 KiB). */
#define TEST_END_VA  0x6100u
/** @brief Entry point of test_elf_good() (Thumb). */
#define TEST_ENTRY   (TEST_TEXT_VA | 1u)
/** @brief Build the standard good image (text, a PT_NOTE to skip, data + bss). Returns the size. */
size_t test_elf_good(uint8_t *buf);
/** @brief The ELF header of an image built by test_elf_build(). */
static inline Elf32_Ehdr *test_ehdr(uint8_t *buf) { return (Elf32_Ehdr *)buf; }
/** @brief Program header @p i of an image built by test_elf_build(). */
static inline Elf32_Phdr *test_phdr(uint8_t *buf, unsigned i) {
    return (Elf32_Phdr *)(buf + sizeof(Elf32_Ehdr)) + i;
}

/** @brief An sd_image holding test_elf_good(). */
const struct sd_image *test_image(void);

/** @brief A one-VM system: VM "guest" with @p ram_kb KiB, max_prio 10, @p nvcpus vCPUs at
 *  priority 5 (slice 200 us), no caps. Tests adjust it before loading. */
struct sd_system test_system(uint32_t ram_kb, uint32_t nvcpus);
/** @brief system_load() @p sys and fail the test (with the loader's message) if it fails. */
void test_load(const struct sd_system *sys);

/** @brief Hypercall @p nr made by vCPU @p v as the trap path makes it (arguments in its
 *  saved registers r0..r3, the number in r7). @return r0 afterwards. */
int32_t unit_hypercall(struct vcpu *v, uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
                       uint32_t a3);

/** @brief Host pointer to guest-physical address @p gpa of @p vm. */
void *test_guest_ptr(const struct vm *vm, uint32_t gpa);

struct mv_chan_ring;
/** @brief A receive ring of @p n descriptors at guest-physical @p gpa of @p vm (the same
 *  guest-kernel VA: RAM is identity-mapped), all zero as mv_ring_init() leaves it. */
struct mv_chan_ring *test_ring_init(const struct vm *vm, uint32_t gpa, uint32_t n);
/** @brief Post buffer @p addr (a guest VA) of @p size bytes on ring @p r of @p n
 *  descriptors as a receiver does, without the guest library: the descriptor, then
 *  `posted`. */
void test_ring_post(struct mv_chan_ring *r, uint32_t n, uint32_t addr, uint32_t size);

/** @name The TCases, one per topic. */
/** @{ */
TCase *cap_tcase(void);
TCase *hypercall_tcase(void);
TCase *system_tcase(void);
TCase *elf_tcase(void);
/** @brief The scheduler's tests: lab 1's graded TCases, added to @p s (tasks 1 and 2:
 *  run queues and accounting; then those of sched_state_add_tcases()). */
void sched_add_tcases(Suite *s);
/** @brief Lab 1's graded TCases of task 3 (state changes), added to @p s. */
void sched_state_add_tcases(Suite *s);
/** @brief The vMMU's tests: lab 2's graded TCases, added to @p s. */
void vmmu_add_tcases(Suite *s);
/** @brief The vIRQ tests of lab 3 (payloads, virtual timers, console input), added to @p s. */
void virq3_add_tcases(Suite *s);
TCase *console_tcase(void);
TCase *channel_tcase(void);
/** @brief Lab 4's graded TCases: the guest ring library and the microvisor's channel
 *  send, added to @p s. */
void chan4_add_tcases(Suite *s);
TCase *irq_tcase(void);
/** @brief Lab 5's graded TCases: minilinux's port between a fake microvisor and a fake
 *  generic kernel (port_fake.h), added to @p s. */
void port_add_tcases(Suite *s);
/** @} */

#endif
