/* fixtures.c - the per-test reset, test ELF images and test systems shared by the unit tests. */
#include <string.h>
#include "unit.h"
#include "core/hypercall.h"
#include "core/mem.h"
#include "core/sched.h"
#include "core/system.h"

void unit_reset(void) {
    double_reset();
    memset(vm_table, 0, sizeof vm_table);
    vm_count = 0;
    memset(sched_cpu(), 0, sizeof *sched_cpu());
    mem_init();
}

TCase *unit_tcase_tagged(const char *name, const char *tags) {
    TCase *tc = tcase_create(name);
    tcase_set_tags(tc, tags);
    tcase_add_checked_fixture(tc, unit_reset, NULL);
    return tc;
}

TCase *unit_tcase(const char *name) { return unit_tcase_tagged(name, "foundation unit"); }

void unit_add_tests(Suite *s, const char *name, const char *tags, void (*setup)(void),
                    const TTest *const *tests) {
    TCase *tc = unit_tcase_tagged(name, tags);
    if (setup)
        tcase_add_checked_fixture(tc, setup, NULL);
    for (; *tests; tests++)
        tcase_add_test(tc, *tests);
    suite_add_tcase(s, tc);
}

void unit_add_graded(Suite *s, const char *tags, const struct unit_graded *g, size_t n) {
    for (size_t i = 0; i < n; i++) {
        TCase *tc = unit_tcase_tagged(g[i].name, tags);
        for (size_t j = 0; j < 4 && g[i].tests[j]; j++)
            tcase_add_test(tc, g[i].tests[j]);
        suite_add_tcase(s, tc);
    }
}

/* ---- ELF images, built field by field with the host's <elf.h> definitions ---- */

size_t test_elf_build(uint8_t *buf, uint32_t entry, const struct test_seg *segs, unsigned n) {
    Elf32_Ehdr *h = test_ehdr(buf);
    size_t off = sizeof *h + n * sizeof(Elf32_Phdr);
    memset(buf, 0, TEST_ELF_MAX);
    memcpy(h->e_ident, ELFMAG, SELFMAG);
    h->e_ident[EI_CLASS] = ELFCLASS32;
    h->e_ident[EI_DATA] = ELFDATA2LSB;
    h->e_ident[EI_VERSION] = EV_CURRENT;
    h->e_type = ET_EXEC;
    h->e_machine = EM_ARM;
    h->e_version = EV_CURRENT;
    h->e_entry = entry;
    h->e_phoff = sizeof *h;
    h->e_ehsize = sizeof *h;
    h->e_phentsize = sizeof(Elf32_Phdr);
    h->e_phnum = (Elf32_Half)n;
    for (unsigned i = 0; i < n; i++) {
        Elf32_Phdr *p = test_phdr(buf, i);
        off = (off + 3u) & ~(size_t)3u;
        ck_assert_uint_le(off + segs[i].filesz, TEST_ELF_MAX);
        *p = (Elf32_Phdr){.p_type = segs[i].type, .p_offset = (Elf32_Off)off,
                          .p_vaddr = segs[i].vaddr, .p_paddr = segs[i].vaddr,
                          .p_filesz = segs[i].filesz, .p_memsz = segs[i].memsz,
                          .p_flags = PF_R | PF_X, .p_align = 4};
        for (uint32_t b = 0; b < segs[i].filesz; b++)
            buf[off + b] = test_pattern(segs[i].seed, b);
        off += segs[i].filesz;
    }
    return off;
}

size_t test_elf_good(uint8_t *buf) {
    const struct test_seg segs[] = {
        {PT_LOAD, TEST_TEXT_VA, 64, 64, 1},
        {PT_NOTE, 0, 8, 8, 2},
        {PT_LOAD, TEST_DATA_VA, 16, TEST_END_VA - TEST_DATA_VA, 3},
    };
    return test_elf_build(buf, TEST_ENTRY, segs, 3);
}

const struct sd_image *test_image(void) {
    static uint8_t bytes[TEST_ELF_MAX] __attribute__((aligned(8)));
    static struct sd_image img = {"testprog", bytes, bytes};
    if (img.end == bytes)
        img.end = bytes + test_elf_good(bytes);
    return &img;
}

/* ---- systems ---- */

struct sd_system test_system(uint32_t ram_kb, uint32_t nvcpus) {
    struct sd_system sys = {.name = "unit"};
    sys.vms[0] = (struct sd_vm){.name = "guest", .image = test_image(), .ram_kb = ram_kb,
                                .max_prio = 10, .nvcpus = nvcpus};
    for (uint32_t i = 0; i < MV_MAX_VCPUS; i++)
        sys.vms[0].vcpus[i] = (struct sd_vcpu){.prio = 5, .slice_us = 200};
    return sys;
}

void test_load(const struct sd_system *sys) {
    char err[160] = "";
    int rc = system_load(sys, err, sizeof err);
    ck_assert_msg(rc == 0, "system_load failed (%d): %s", rc, err);
}

int32_t unit_hypercall(struct vcpu *v, uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
                       uint32_t a3) {
    struct mv_regs *r = &v->regs;
    r->r[0] = a0, r->r[1] = a1, r->r[2] = a2, r->r[3] = a3, r->r[7] = nr;
    hypercall_dispatch(v, r);
    return (int32_t)r->r[0];
}

void *test_guest_ptr(const struct vm *vm, uint32_t gpa) {
    ck_assert_uint_lt(gpa, vm->ram_size);
    return (uint8_t *)arch_phys_to_virt(vm->ram_pa) + gpa;
}

/* The guest ring library's stubs (userland/lib/chan_ring.c in a starter tree) end here. */
void mv_ring_lab_missing(const char *what) {
    ck_abort_msg("lab 4: not implemented: %s (userland/lib/chan_ring.c)", what);
    __builtin_unreachable();
}
