/**
 * @file sc_vmmu.h
 * @brief What the scenario sc_vmmu.c and its host test test_vmmu.c agree on: the values
 *        the guest kernel plants and its user code writes, and the user address layout.
 *        Inputs only: what the results *should* be is still decided by the host test.
 */
#ifndef SC_VMMU_H
#define SC_VMMU_H

/** @brief A page (the layout below counts in pages). */
#define PAGE 4096u

/* Values the kernel plants and the user code writes . */
#define V_RW0 0xa5a50001u
#define V_RW1 0xa5a50002u
#define V_RO 0x0f0f0003u
#define V_NEW0 0x5a5a0004u
#define V_NEW1 0x5a5a0005u
#define V_DEMAND 0xd00d0006u
#define V_STORE 0x570e0007u
#define V_RO_OLD 0x0dd00008u
#define V_RO_NEW 0x0dd00009u
#define V_ISO_A 0xaaaa000au
#define V_ISO_B 0xbbbb000bu
#define V_SECRET 0x5ec2e70cu
#define V_INTRUDER 0xbad0000du

/* The user address layout. It lies at 0x40000000, far from the
 * guest-physical addresses of the VM's RAM (0 to 1 MiB): a vMMU that confused a VA with a
 * guest-physical address could not pass. Odd pages in between stay unmapped. */
#define UVA(n) (0x40000000u + (n) * PAGE)
#define RW_VA UVA(0)          /* read-write: frame F_RW */
#define RO_VA UVA(2)          /* read-only: frame F_RO */
#define RD_VA UVA(4)          /* unmapped until a read faults there */
#define WR_VA UVA(6)          /* unmapped until a write faults there */
#define ROW_VA UVA(8)         /* read-only until a write faults there */
#define NX_VA UVA(10)         /* the user code's page again, first without MV_MAP_EXEC */
#define ISO_VA UVA(12)        /* frame F_ISO_A in context A, F_ISO_B in context B */
#define CP_VA UVA(14)         /* read-write; the next page stays unmapped */
#define CPW_VA UVA(16)        /* read-write; the next page is read-only */
#define SPAN_VA UVA(20)       /* two pages backed by frames that are not adjacent */
#define BIG_VA 0x40100000u    /* MV_COPY_MAX bytes and a page more, backed by big[] */

#endif
