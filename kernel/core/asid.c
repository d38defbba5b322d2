/* asid.c - ASIDs for process contexts, recycled by generation (see asid.h). */
#include "core/asid.h"
#include "core/lab.h"

struct asid_state asid_state = {.generation = 1, .next = ASID_FIRST_CONTEXT};

void asid_reset(void) { asid_state = (struct asid_state){.generation = 1, .next = ASID_FIRST_CONTEXT}; }

void asid_fix(struct vmmu_space *s, uint32_t asid) {
    s->asid = asid;
    s->asid_gen = ASID_GEN_FIXED;
}

bool asid_live(const struct vmmu_space *s) {
    return s->asid_gen == ASID_GEN_FIXED || s->asid_gen == asid_state.generation;
}

void asid_assign(struct vmmu_space *s) {
    /* LAB 2 BEGIN: take the next free ASID; when none is left, start a new generation (and flush the TLB) first */
    if (asid_state.next == ARCH_ASIDS) {
        asid_state.generation++;
        asid_state.next = ASID_FIRST_CONTEXT;
        arch_tlb_flush_all();   /* every ASID may now go to a new owner */
    }
    s->asid = asid_state.next++;
    s->asid_gen = asid_state.generation;
    /* LAB 2 STUB
    (void)s;
    LAB_NOT_IMPLEMENTED(2, "asid_assign");
    LAB 2 END */
}
