/* elf.c - a strict loader for ELF32 ARM executables. */
#include "core/elf.h"
#include "core/lib.h"
#include "mv/abi.h"

struct elf32_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define ELF_CLASS32 1
#define ELF_DATA_LE 1
#define ELF_ET_EXEC 2
#define ELF_EM_ARM  40
#define ELF_PT_LOAD 1

static const char *check_header(const struct elf32_ehdr *h, size_t len) {
    if (len < sizeof *h || memcmp(h->ident, "\x7f" "ELF", 4) != 0)
        return "not an ELF file";
    if (h->ident[4] != ELF_CLASS32 || h->ident[5] != ELF_DATA_LE)
        return "not a 32-bit little-endian ELF file";
    if (h->type != ELF_ET_EXEC || h->machine != ELF_EM_ARM)
        return "not an ARM executable";
    if (h->phentsize != sizeof(struct elf32_phdr) || h->phnum == 0)
        return "bad program header size or count";
    if (h->phoff > len || (size_t)h->phnum * sizeof(struct elf32_phdr) > len - h->phoff)
        return "program headers lie outside the file";
    return NULL;
}

static const char *check_segment(const struct elf32_phdr *p, size_t len, uint32_t mem_size) {
    if (p->filesz > p->memsz)
        return "segment file size exceeds its memory size";
    if (p->offset > len || p->filesz > len - p->offset)
        return "segment data lies outside the file";
    if (p->vaddr < MV_PAGE_SIZE || p->vaddr > mem_size || p->memsz > mem_size - p->vaddr)
        return "segment does not fit in the VM's RAM (or uses page 0)";
    return NULL;
}

int elf_load(const uint8_t *img, size_t len, uint8_t *mem, uint32_t mem_size,
             uint32_t *entry, const char **why) {
    struct elf32_ehdr h = {0};
    if (len >= sizeof h)
        memcpy(&h, img, sizeof h);   /* the image may be unaligned */
    if ((*why = check_header(&h, len)))
        return MV_EINVAL;
    int loaded = 0;
    for (uint32_t i = 0; i < h.phnum; i++) {
        struct elf32_phdr p;
        memcpy(&p, img + h.phoff + i * sizeof p, sizeof p);
        if (p.type != ELF_PT_LOAD || p.memsz == 0)
            continue;
        if ((*why = check_segment(&p, len, mem_size)))
            return MV_EINVAL;
        memcpy(mem + p.vaddr, img + p.offset, p.filesz);
        memset(mem + p.vaddr + p.filesz, 0, p.memsz - p.filesz);
        loaded++;
    }
    if (!loaded) {
        *why = "no loadable segment";
        return MV_EINVAL;
    }
    if ((h.entry & ~1u) < MV_PAGE_SIZE || (h.entry & ~1u) >= mem_size) {
        *why = "entry point outside the VM's RAM";
        return MV_EINVAL;
    }
    *entry = h.entry;
    return 0;
}
