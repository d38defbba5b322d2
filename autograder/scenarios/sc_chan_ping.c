/*
 * sc_chan_ping.c - scenario of system test_channel (VM "ping"): writes a text into the
 * shared region, then sends ROUNDS messages "ping <i>" and checks each reply "pong <i>".
 */
#include "chan_guest.h"

int main(void) {
    static char rx[64];
    sg_int("shm_map", mv_vmmu_map(SHM_VA, 0x100000, MV_MAP_READ | MV_MAP_WRITE));
    strcpy((char *)SHM_VA, SHM_TEXT);   /* before the first message: pong reads it then */
    sg_int("first_recv", rx_setup());   /* registers its ring: nothing arrived yet */
    int replies_ok = 0;
    for (int i = 0; i < ROUNDS; i++) {
        char msg[16], want[16];
        snprintf(msg, sizeof msg, "ping %d", i);
        snprintf(want, sizeof want, "pong %d", i);
        int32_t sent = send_retry(msg);
        int32_t n = recv_wait(rx);
        replies_ok += sent == (int32_t)strlen(msg) + 1 && n == (int32_t)strlen(want) + 1 &&
                      strcmp(rx, want) == 0;
    }
    sg_int("replies_ok", replies_ok);
    return 0;
}
