/**
 * @file elf.h
 * @brief Loading a guest's ELF image into its RAM.
 *
 * Guest images are 32-bit little-endian ARM executables linked to run at their
 * guest-physical load addresses (the boot mapping is the identity). The loader
 * trusts nothing in the image: every header field is checked against the image
 * size and the VM's RAM before a byte is copied.
 */
#ifndef MV_ELF_H
#define MV_ELF_H
#include <stddef.h>
#include <stdint.h>

/**
 * @brief Copy the PT_LOAD segments of @p img (@p len bytes) into @p mem, which is the
 *        guest-physical range [0, @p mem_size). Bytes past a segment's file size are zeroed.
 * @param img   the ELF file (untrusted; need not be aligned).
 * @param len   its size in bytes.
 * @param mem   kernel-virtual pointer to the VM's guest-physical address 0.
 * @param mem_size bytes of guest-physical memory.
 * @param entry set to the entry point (bit 0 set for Thumb code).
 * @param why   set to a readable reason on failure.
 * @return 0 or ::MV_EINVAL.
 */
int elf_load(const uint8_t *img, size_t len, uint8_t *mem, uint32_t mem_size,
             uint32_t *entry, const char **why);
#endif
