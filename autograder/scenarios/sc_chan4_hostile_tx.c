/*
 * sc_chan4_hostile_tx.c - scenario of system test_chan_hostile (VM "tx"): at each step
 * of hostile_steps (chan4_guest.h) it waits for "rx" to break its ring, makes one send
 * that must fail (<step>_bad), lets "rx" repair the ring, and sends message <step> of
 * HOSTILE_LEN bytes, which must arrive (<step>_good).
 * At step "src" the ring is intact and the source pointers are bad: src_null (page 0),
 * src_kernel (the microvisor's half), src_region (the shared region tx has a cap for
 * but did not map), src_past_ram (the last bytes of its RAM and beyond), src_phys (a
 * physical address of the machine's RAM, where the VMs live), src_wrap (across the top
 * of the address space). Then it maps the region read-only (src_map) and sends its
 * first HOSTILE_LEN bytes, which rx wrote there (src_good).
 */
#include "chan4_guest.h"

#define RAM_END (256u * 1024u)   /* systems/test_chan_hostile.c */

static int32_t send_from(uint32_t va) { return mv_chan_send(CAP_CH, (const void *)va, HOSTILE_LEN); }

static void bad_sources(void) {
    sg_int("src_null", send_from(0));
    sg_int("src_kernel", send_from(0xc0100000u));
    sg_int("src_region", send_from(HOSTILE_SHM_GPA));
    sg_int("src_past_ram", send_from(RAM_END - 16u));
    sg_int("src_phys", send_from(0x40100000u));
    sg_int("src_wrap", send_from(0xffffff00u));
    sg_int("src_map", mv_vmmu_map(HOSTILE_SHM_GPA, HOSTILE_SHM_GPA, MV_MAP_READ));
}

int main(void) {
    static uint8_t msg[HOSTILE_LEN];
    for (uint32_t k = 0; k < HOSTILE_STEPS; k++) {
        c4_wait_sync();   /* rx broke its ring (step "src": nothing) */
        c4_fill(msg, HOSTILE_LEN, k);
        if (k == 0)
            bad_sources();
        else
            c4_int(hostile_steps[k], "bad", mv_chan_send(CAP_CH, msg, HOSTILE_LEN));
        c4_go();
        c4_wait_sync();   /* rx repaired it */
        c4_int(hostile_steps[k], "good", k == 0 ? send_from(HOSTILE_SHM_GPA)
                                                : mv_chan_send(CAP_CH, msg, HOSTILE_LEN));
        c4_go();
    }
    return 0;
}
