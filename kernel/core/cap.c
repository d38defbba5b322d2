/* cap.c - capability lookup: the one gate between a hypercall argument and an object. */
#include "core/cap.h"
#include "core/vm.h"
#include "mv/abi.h"

const struct cap *cap_lookup(const struct vm *vm, uint32_t index, enum cap_type type,
                             uint32_t rights, int *err) {
    if (index >= MV_MAX_CAPS || vm->caps[index].type != type || type == CAP_NONE) {
        *err = MV_ECAP;
        return NULL;
    }
    const struct cap *c = &vm->caps[index];
    if ((c->rights & rights) != rights) {
        *err = MV_EPERM;
        return NULL;
    }
    *err = MV_EOK;
    return c;
}
