/* test_elf.c - elf_load(): a good image loads exactly; every malformed one is refused. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "core/elf.h"

#define MEM_SIZE  0x20000u   /* 128 KiB of guest RAM */
#define UNTOUCHED 0xeeu

static uint8_t img[TEST_ELF_MAX + 8] __attribute__((aligned(8)));
static uint8_t *mem;

static void setup_mem(void) {
    mem = malloc(MEM_SIZE);
    ck_assert_ptr_nonnull(mem);
    memset(mem, UNTOUCHED, MEM_SIZE);
}

static void teardown_mem(void) { free(mem); }

static void expect_untouched(uint32_t from, uint32_t to) {
    for (uint32_t a = from; a < to; a++)
        REQUIRE(mem[a] == UNTOUCHED, "byte 0x%x was written (0x%02x)", a, mem[a]);
}

START_TEST(good_image_loads) {
    size_t len = test_elf_good(img);
    uint32_t entry = 0;
    const char *why = NULL;
    ck_assert_int_eq(elf_load(img, len, mem, MEM_SIZE, &entry, &why), 0);
    ck_assert_uint_eq(entry, TEST_ENTRY);   /* Thumb bit kept */
    for (uint32_t i = 0; i < 64; i++)
        ck_assert_uint_eq(mem[TEST_TEXT_VA + i], test_pattern(1, i));
    for (uint32_t i = 0; i < 16; i++)
        ck_assert_uint_eq(mem[TEST_DATA_VA + i], test_pattern(3, i));
    for (uint32_t a = TEST_DATA_VA + 16; a < TEST_END_VA; a++)
        REQUIRE(mem[a] == 0, "bss byte 0x%x not zeroed", a);
    expect_untouched(0, TEST_TEXT_VA);      /* page 0 and the PT_NOTE never land */
    expect_untouched(TEST_TEXT_VA + 64, TEST_DATA_VA);
    expect_untouched(TEST_END_VA, MEM_SIZE);
}
END_TEST

START_TEST(unaligned_image_and_segment_at_ram_end_load) {
    const struct test_seg seg = {PT_LOAD, MEM_SIZE - 0x1000, 0x20, 0x1000, 9};
    size_t len = test_elf_build(img, MEM_SIZE - 0x1000, &seg, 1);
    memmove(img + 1, img, len);   /* the loader gets it at an odd address */
    uint32_t entry = 0;
    const char *why = NULL;
    ck_assert_msg(elf_load(img + 1, len, mem, MEM_SIZE, &entry, &why) == 0, "refused: %s", why);
    ck_assert_uint_eq(entry, MEM_SIZE - 0x1000);
    ck_assert_uint_eq(mem[MEM_SIZE - 0x1000], test_pattern(9, 0));
    ck_assert_uint_eq(mem[MEM_SIZE - 1], 0);
}
END_TEST

/* ---- rejections: each case damages a good image in one way ---- */

struct bad_case {
    const char *name;
    void (*damage)(uint8_t *buf, size_t *len);
    const char *keyword;   /* the reason must mention this */
};

static void too_short(uint8_t *b, size_t *len) { (void)b, *len = sizeof(Elf32_Ehdr) - 1; }
static void empty_file(uint8_t *b, size_t *len) { (void)b, *len = 0; }
static void bad_magic(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_ident[EI_MAG1] = 'X'; }
static void class64(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_ident[EI_CLASS] = ELFCLASS64; }
static void big_endian(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_ident[EI_DATA] = ELFDATA2MSB; }
static void wrong_machine(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_machine = EM_AARCH64; }
static void not_exec(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_type = ET_DYN; }
static void bad_phentsize(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_phentsize = 56; }
static void no_phdrs(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_phnum = 0; }
static void phdrs_past_end(uint8_t *b, size_t *len) { test_ehdr(b)->e_phoff = (Elf32_Off)*len - 40; }
static void phoff_huge(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_phoff = 0xfffffff0u; }
static void phnum_huge(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_phnum = 0xffff; }
static void data_past_end(uint8_t *b, size_t *len) { test_phdr(b, 2)->p_offset = (Elf32_Off)*len - 8; }
static void offset_huge(uint8_t *b, size_t *len) { (void)len, test_phdr(b, 0)->p_offset = 0xfffffff8u; }
static void filesz_huge(uint8_t *b, size_t *len) {
    (void)len, test_phdr(b, 0)->p_filesz = test_phdr(b, 0)->p_memsz = 0xffffff00u;
}
static void filesz_over_memsz(uint8_t *b, size_t *len) { (void)len, test_phdr(b, 2)->p_memsz = 8; }
static void in_page0(uint8_t *b, size_t *len) { (void)len, test_phdr(b, 0)->p_vaddr = 0x800; }
static void past_ram(uint8_t *b, size_t *len) { (void)len, test_phdr(b, 2)->p_vaddr = MEM_SIZE - 0x10; }
static void at_ram_end(uint8_t *b, size_t *len) { (void)len, test_phdr(b, 2)->p_vaddr = MEM_SIZE; }
static void memsz_huge(uint8_t *b, size_t *len) { (void)len, test_phdr(b, 2)->p_memsz = 0xfffff000u; }
static void far_past_ram(uint8_t *b, size_t *len) { (void)len, test_phdr(b, 0)->p_vaddr = 0x80000000u; }
static void vaddr_wraps(uint8_t *b, size_t *len) {   /* 0xfffff000 + 0x2000 = 0x1000 */
    (void)len, test_phdr(b, 2)->p_vaddr = 0xfffff000u, test_phdr(b, 2)->p_memsz = 0x2000;
}
static void entry_page0(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_entry = 0x801; }
static void entry_at_end(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_entry = MEM_SIZE; }
static void entry_huge(uint8_t *b, size_t *len) { (void)len, test_ehdr(b)->e_entry = 0xffffffffu; }
static void no_load(uint8_t *b, size_t *len) {
    (void)len, test_phdr(b, 0)->p_type = PT_NULL, test_phdr(b, 2)->p_type = PT_ARM_EXIDX;
}
static void load_empty(uint8_t *b, size_t *len) {   /* PT_LOADs of size 0 load nothing */
    (void)len;
    for (unsigned i = 0; i < 3; i += 2)
        test_phdr(b, i)->p_filesz = test_phdr(b, i)->p_memsz = 0;
}

static const struct bad_case bad_cases[] = {
    {"too short", too_short, "ELF"},
    {"empty file", empty_file, "ELF"},
    {"bad magic", bad_magic, "ELF"},
    {"64-bit class", class64, "32-bit"},
    {"big-endian", big_endian, "little-endian"},
    {"wrong machine", wrong_machine, "ARM"},
    {"not EXEC", not_exec, "executable"},
    {"bad phentsize", bad_phentsize, "program header"},
    {"phnum 0", no_phdrs, "program header"},
    {"program headers past the end", phdrs_past_end, "program headers"},
    {"program header offset overflows", phoff_huge, "program headers"},
    {"too many program headers", phnum_huge, "program headers"},
    {"segment data past the end", data_past_end, "outside the file"},
    {"segment offset overflows", offset_huge, "outside the file"},
    {"segment file size overflows", filesz_huge, "outside the file"},
    {"filesz > memsz", filesz_over_memsz, "file size"},
    {"segment in page 0", in_page0, "page 0"},
    {"segment past RAM end", past_ram, "RAM"},
    {"segment starting at RAM end", at_ram_end, "RAM"},
    {"segment far past RAM", far_past_ram, "RAM"},
    {"huge memsz", memsz_huge, "RAM"},
    {"vaddr + memsz overflows", vaddr_wraps, "RAM"},
    {"entry in page 0", entry_page0, "entry"},
    {"entry at RAM end", entry_at_end, "entry"},
    {"entry far outside RAM", entry_huge, "entry"},
    {"no PT_LOAD", no_load, "loadable"},
    {"only empty PT_LOADs", load_empty, "loadable"},
};

START_TEST(bad_image_is_refused) {
    const struct bad_case *bc = &bad_cases[_i];
    size_t len = test_elf_good(img);
    bc->damage(img, &len);
    uint32_t entry = 0x12345678u;
    const char *why = NULL;
    int rc = elf_load(img, len, mem, MEM_SIZE, &entry, &why);
    ck_assert_msg(rc == MV_EINVAL, "%s: elf_load returned %d, want MV_EINVAL", bc->name, rc);
    ck_assert_msg(why && strstr(why, bc->keyword), "%s: reason '%s' should mention '%s'",
                  bc->name, why ? why : "(none)", bc->keyword);
    ck_assert_msg(entry == 0x12345678u, "%s: entry written on failure", bc->name);
}
END_TEST

TCase *elf_tcase(void) {
    TCase *tc = unit_tcase("elf_load");
    tcase_add_checked_fixture(tc, setup_mem, teardown_mem);
    tcase_add_test(tc, good_image_loads);
    tcase_add_test(tc, unaligned_image_and_segment_at_ram_end_load);
    tcase_add_loop_test(tc, bad_image_is_refused, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
    return tc;
}
