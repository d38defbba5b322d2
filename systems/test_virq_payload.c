/*
 * test_virq_payload.c - lab 3: vIRQ payloads across VMs (autograder/scenarios/
 * sc_vt_recv.c, sc_vt_sender.c, sc_vt_intruder.c). Three senders share line 3 of
 * "recv", each with its own payload bits, and report on line 4 when they are done;
 * "recv" starts each phase with a raise of their line 1, whose payload names the
 * phase. Two intruders run first (higher priority): "nocap" has no vIRQ cap at all
 * (slot 0 empty, slot 1 a vCPU cap), "noright" a cap to the same line without
 * CAP_R_RAISE. Short, different slices make the senders and the receiver interleave
 * often.
 */
#include "core/sysdesc.h"

SD_IMAGE(sc_vt_recv);
SD_IMAGE(sc_vt_sender);
SD_IMAGE(sc_vt_intruder);

#define TO_RECV(l) { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = "recv", .line = (l) }
#define GO(name) { .type = CAP_VIRQ, .rights = CAP_R_RAISE, .vm = (name), .line = 1 }
#define SENDER(nm, slice)                                                              \
    { .name = (nm), .image = &image_sc_vt_sender, .ram_kb = 256, .max_prio = 5,      \
      .nvcpus = 1, .vcpus = { { .prio = 5, .slice_us = (slice) } },                  \
      .caps = { [0] = TO_RECV(3), [1] = TO_RECV(4) } }

const struct sd_system system_desc = {
    .name = "test_virq_payload",
    .vms = {
        { .name = "recv", .image = &image_sc_vt_recv, .ram_kb = 256, .max_prio = 5,
          .nvcpus = 1, .vcpus = { { .prio = 5, .slice_us = 7 } },
          .caps = { [0] = GO("s0"), [1] = GO("s1"), [2] = GO("s2") } },
        SENDER("s0", 5),
        SENDER("s1", 11),
        SENDER("s2", 13),
        { .name = "nocap", .image = &image_sc_vt_intruder, .ram_kb = 256, .max_prio = 6,
          .nvcpus = 1, .vcpus = { { .prio = 6 } },
          .caps = { [1] = { .type = CAP_VCPU, .rights = CAP_R_CONTROL, .vcpu = 0 } } },
        { .name = "noright", .image = &image_sc_vt_intruder, .ram_kb = 256, .max_prio = 6,
          .nvcpus = 1, .vcpus = { { .prio = 6 } },
          .caps = { [0] = { .type = CAP_VIRQ, .rights = CAP_R_CONTROL, .vm = "recv",
                            .line = 3 } } },
    },
};
