/**
 * @file elf.h
 * @brief Loading a static ARM executable (ELF32, ET_EXEC) into a process's memory.
 */
#ifndef MINILINUX_ELF_H
#define MINILINUX_ELF_H

#include "kernel/mm.h"

/** @brief What the loader learnt about a program (for the registers and the auxv). */
struct elf_info {
    uint32_t entry;   /**< Entry point (bit 0 set: Thumb). */
    uint32_t phdr;    /**< User address of the program headers (0: not loaded). */
    uint32_t phnum;   /**< Number of program headers. */
    uint32_t end;     /**< First page after the highest segment: the heap's start. */
};

/**
 * @brief Check the ELF image [@p image, @p image + @p size) and load its PT_LOAD segments
 *        into @p mm: an area per segment with its rights, its file bytes copied into
 *        freshly allocated pages now, the rest (.bss) left to demand paging.
 * @return 0 with @p info filled; -LX_ENOEXEC for anything that is not a well-formed
 *         static ARM ET_EXEC inside user space; -LX_ENOMEM when pages run out.
 */
int elf_load(struct mm *mm, const uint8_t *image, uint32_t size, struct elf_info *info);

#endif
