/*
 * sc_chan_pong.c - scenario of system test_channel (VM "pong"): maps the shared region
 * (read-only: its cap has no write right), reads ping's text, and answers every
 * "ping <i>" with "pong <i>".
 */
#include "chan_guest.h"

int main(void) {
    static char rx[64];
    sg_int("shm_map_rw", mv_vmmu_map(SHM_VA, 0x200000, MV_MAP_READ | MV_MAP_WRITE));
    sg_int("shm_map_outside", mv_vmmu_map(SHM_VA, 0x200000 + 16 * 1024, MV_MAP_READ));
    sg_int("shm_map", mv_vmmu_map(SHM_VA, 0x200000, MV_MAP_READ));
    rx_setup();
    int pings_ok = 0, shm_seen = 0;
    for (int i = 0; i < ROUNDS; i++) {
        char reply[16], want[16];
        int32_t n = recv_wait(rx);
        if (i == 0)
            shm_seen = strcmp((const char *)SHM_VA, SHM_TEXT) == 0;
        snprintf(want, sizeof want, "ping %d", i);
        pings_ok += n == (int32_t)strlen(want) + 1 && strcmp(rx, want) == 0;
        snprintf(reply, sizeof reply, "pong %d", i);
        send_retry(reply);
    }
    sg_int("shm_seen", shm_seen);
    sg_int("pings_ok", pings_ok);
    return 0;
}
