/*
 * sc_console_other.c - scenario of systems test_console_in and test_console_none (VM
 * "other"): a VM that does not own console input.
 *
 * Every MV_HC_CONSOLE_READ it makes must be refused with MV_EPERM, whatever the
 * arguments (the owner check comes first), and however much input is flowing to "shell".
 * It keeps running: it tries again after every wait, until "shell" raises its line at
 * the end, then reports how many tries were made and how many were not refused.
 */
#include "scenario_guest.h"

#define STOP_LINE 2u                   /* systems/test_console_*.c: shell's cap */
#define TIMEOUT_NS 1000000u            /* 1 ms of virtual time */

static uint8_t buf[64];

int main(void) {
    uint32_t d = 0xdeadbeefu, tries = 0, not_eperm = 0;
    int32_t first_bad = 0;
    sg_int("other_read", mv_console_read(buf, sizeof buf, &d));
    sg_int("other_read_range", mv_console_read(buf, MV_CONSOLE_MAX + 1, &d));
    sg_int("other_read_fault", mv_console_read((void *)0xc0000000u, 64, &d));
    sg_int("other_read_zero", mv_console_read(buf, 0, &d));
    for (;;) {
        int32_t woke = mv_wait(TIMEOUT_NS);
        int32_t r = mv_console_read(buf, sizeof buf, &d);
        tries++;
        if (r != MV_EPERM) {
            not_eperm++;
            if (!first_bad)
                first_bad = r ? r : 1000000;
        }
        if (woke > 0 && ((uint32_t)woke & (1u << STOP_LINE)))
            break;
    }
    sg_int("other_tries", (int32_t)tries);
    sg_int("other_not_eperm", (int32_t)not_eperm);
    sg_int("other_first_bad", first_bad);
    return 0;
}
