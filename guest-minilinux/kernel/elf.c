/*
 * elf.c - the ELF loader: static ARM executables (ET_EXEC, 32-bit, little endian, no
 * interpreter). Trusts nothing in the image: every segment must lie inside the file and
 * inside user space. File bytes are copied into the process's pages at once; pages
 * beyond the file's bytes are allocated on first touch.
 */
#include "kernel/elf.h"

#define EM_ARM 40u
#define ET_EXEC 2u
#define PT_LOAD 1u
#define PT_INTERP 3u
#define PF_X 1u
#define PF_W 2u
#define PF_R 4u
#define MAX_PHDRS 16u

struct elf32_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static int header_ok(const struct elf32_ehdr *eh, uint32_t size) {
    static const uint8_t magic[6] = {0x7f, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* LE */};
    return size >= sizeof *eh && memcmp(eh->ident, magic, sizeof magic) == 0 &&
           eh->type == ET_EXEC && eh->machine == EM_ARM &&
           eh->phentsize == sizeof(struct elf32_phdr) && eh->phnum && eh->phnum <= MAX_PHDRS &&
           eh->phoff < size && eh->phnum * sizeof(struct elf32_phdr) <= size - eh->phoff;
}

static uint32_t rights_of(uint32_t pflags) {
    return ((pflags & PF_R) ? PORT_READ : 0u) | ((pflags & PF_W) ? PORT_WRITE : 0u) |
           ((pflags & PF_X) ? PORT_EXEC : 0u);
}

/* Copy the segment's file bytes into its pages (allocating them). */
static int copy_segment(struct mm *mm, const uint8_t *src, uint32_t va, uint32_t len) {
    while (len) {
        uint32_t off = va & (LX_PAGE_SIZE - 1u), n = LX_PAGE_SIZE - off;
        if (n > len)
            n = len;
        uint8_t *page = mm_page(mm, va, 1);
        if (!page)
            return -LX_ENOMEM;
        memcpy(page + off, src, n);
        src += n;
        va += n;
        len -= n;
    }
    return 0;
}

static int load_segment(struct mm *mm, const uint8_t *image, uint32_t size,
                        const struct elf32_phdr *ph) {
    if (ph->filesz > ph->memsz || ph->offset > size || ph->filesz > size - ph->offset ||
        ph->memsz > MM_USER_LIMIT || ph->vaddr > MM_USER_LIMIT - ph->memsz)
        return -LX_ENOEXEC;
    int rc = mm_add_vma(mm, PAGE_DOWN(ph->vaddr), PAGE_UP(ph->vaddr + ph->memsz),
                        rights_of(ph->flags));
    if (rc < 0)
        return rc == -LX_ENOMEM ? rc : -LX_ENOEXEC;
    return copy_segment(mm, image + ph->offset, ph->vaddr, ph->filesz);
}

int elf_load(struct mm *mm, const uint8_t *image, uint32_t size, struct elf_info *info) {
    struct elf32_ehdr eh;
    if (size < sizeof eh)
        return -LX_ENOEXEC;
    memcpy(&eh, image, sizeof eh);   /* the blob need not be aligned */
    if (!header_ok(&eh, size))
        return -LX_ENOEXEC;
    *info = (struct elf_info){.entry = eh.entry, .phnum = eh.phnum};
    for (uint32_t i = 0; i < eh.phnum; i++) {
        struct elf32_phdr ph;
        memcpy(&ph, image + eh.phoff + i * sizeof ph, sizeof ph);
        if (ph.type == PT_INTERP)
            return -LX_ENOEXEC;   /* dynamically linked: not supported */
        if (ph.type != PT_LOAD || ph.memsz == 0)
            continue;
        int rc = load_segment(mm, image, size, &ph);
        if (rc)
            return rc;
        if (eh.phoff >= ph.offset && eh.phoff - ph.offset < ph.filesz)
            info->phdr = ph.vaddr + (eh.phoff - ph.offset);
        if (PAGE_UP(ph.vaddr + ph.memsz) > info->end)
            info->end = PAGE_UP(ph.vaddr + ph.memsz);
    }
    return info->end ? 0 : -LX_ENOEXEC;
}
