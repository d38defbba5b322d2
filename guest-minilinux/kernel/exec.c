/*
 * exec.c - starting a program: load its ELF image, build Linux's initial stack and set
 * its first registers. The stack's first page is written here, through the kernel's own
 * pointer to it; the rest of the stack is demand paged.
 *
 * The initial stack (what crt0 reads at sp), from sp up:
 *
 *     argc | argv[0] .. argv[argc-1] | NULL | envp[0] .. | NULL | auxv pairs .. AT_NULL 0
 *     ... 16 random bytes (AT_RANDOM) | the strings | MM_STACK_TOP
 */
#include "kernel/exec.h"
#include "kernel/elf.h"

#define MAX_STRINGS EXEC_ARGS_MAX
#define AUXV_PAIRS 15u

/* Building the first stack page: a cursor that moves down from the top. */
struct stack {
    uint8_t *page;   /* kernel pointer to the page of [base, base + page size) */
    uint32_t base;   /* its user address */
    uint32_t sp;     /* user address of the lowest byte written so far */
};

static void *kaddr(struct stack *s, uint32_t uva) { return s->page + (uva - s->base); }

/* Copy @p len bytes below the cursor; returns their user address (0: no room). */
static uint32_t push(struct stack *s, const void *data, uint32_t len) {
    if (s->sp - s->base < len)
        return 0;
    s->sp -= len;
    memcpy(kaddr(s, s->sp), data, len);
    return s->sp;
}

/* Push strings @p v, their user addresses into @p out; returns the count, or -1. */
static int push_strings(struct stack *s, const char *const v[], uint32_t out[]) {
    int n = 0;
    for (; v && v[n]; n++)
        if (n == MAX_STRINGS || !(out[n] = push(s, v[n], (uint32_t)strlen(v[n]) + 1u)))
            return -1;
    return n;
}

static int build_stack(struct stack *s, const char *path, const char *const argv[],
                       const char *const envp[], const struct elf_info *info) {
    static uint32_t args[MAX_STRINGS], envs[MAX_STRINGS];   /* one exec at a time */
    uint32_t random[4];
    uint32_t execfn = push(s, path, (uint32_t)strlen(path) + 1u);
    int argc = push_strings(s, argv, args), envc = push_strings(s, envp, envs);
    for (uint32_t i = 0, x = 0x2545f491u; i < 4; i++)   /* no entropy source yet: fixed */
        random[i] = x = x * 1103515245u + 12345u;
    uint32_t rnd = push(s, random, sizeof random);
    if (argc < 0 || envc < 0 || !rnd || !execfn)
        return -LX_E2BIG;
    const uint32_t auxv[AUXV_PAIRS * 2] = {
        LX_AT_PHDR, info->phdr, LX_AT_PHENT, 32, LX_AT_PHNUM, info->phnum,
        LX_AT_PAGESZ, LX_PAGE_SIZE, LX_AT_ENTRY, info->entry, LX_AT_UID, 0, LX_AT_EUID, 0,
        LX_AT_GID, 0, LX_AT_EGID, 0, LX_AT_HWCAP, LX_HWCAP_CORTEX_A15, LX_AT_CLKTCK, 100, LX_AT_SECURE, 0,
        LX_AT_RANDOM, rnd, LX_AT_EXECFN, execfn, LX_AT_NULL, 0};
    uint32_t words = 1u + (uint32_t)argc + 1u + (uint32_t)envc + 1u + AUXV_PAIRS * 2u;
    uint32_t sp = (s->sp - words * 4u) & ~15u;   /* the EABI wants sp 8-aligned; 16 is Linux's */
    if (sp < s->base || s->sp < words * 4u)
        return -LX_E2BIG;
    uint32_t *w = kaddr(s, sp);
    *w++ = (uint32_t)argc;
    memcpy(w, args, (uint32_t)argc * 4u), w += argc, *w++ = 0;
    memcpy(w, envs, (uint32_t)envc * 4u), w += envc, *w++ = 0;
    memcpy(w, auxv, sizeof auxv);
    s->sp = sp;
    return 0;
}

/* Load the program into @p mm (empty) and build its first stack; *@p regs gets its first
 * registers. */
static int build(struct mm *mm, const char *path, const uint8_t *image, uint32_t size,
                 const char *const argv[], const char *const envp[], struct uregs *regs) {
    struct elf_info info;
    int rc = elf_load(mm, image, size, &info);
    if (!rc)
        rc = mm_heap_init(mm, info.end);
    if (!rc)
        rc = mm_add_vma(mm, MM_STACK_TOP - MM_STACK_MAX, MM_STACK_TOP, PORT_READ | PORT_WRITE);
    if (rc < 0)
        return rc;
    struct stack s = {.base = MM_STACK_TOP - LX_PAGE_SIZE, .sp = MM_STACK_TOP};
    if (!(s.page = mm_page(mm, s.base, 1)))
        return -LX_ENOMEM;
    if ((rc = build_stack(&s, path, argv, envp, &info)))
        return rc;
    *regs = (struct uregs){.sp = s.sp, .pc = info.entry & ~1u,
                           .cpsr = PORT_CPSR_USER | ((info.entry & 1u) ? PORT_CPSR_THUMB : 0u)};
    return 0;
}

static const char *basename(const char *path) {
    const char *b = path;
    for (const char *c = path; *c; c++)
        if (*c == '/' && c[1])
            b = c + 1;
    return b;
}

/* The new program is built beside the old one, so a failure leaves the process as it
 * was; then the old memory goes and, with it, the whole MMU context (every mapping the
 * vMMU cached for the old program). */
int exec_image(struct proc *p, const char *path, const uint8_t *image, uint32_t size,
               const char *const argv[], const char *const envp[]) {
    static struct mm next;   /* too big for the kernel stack; one exec at a time */
    struct uregs regs;
    mm_init(&next);
    int rc = build(&next, path, image, size, argv, envp, &regs);
    int as = rc ? -1 : port_as_create();
    if (rc || as < 0) {
        mm_free(&next);
        return rc ? rc : -LX_ENOMEM;
    }
    port_as_destroy(p->th.as);
    mm_free(&p->mm);
    p->mm = next;
    p->th.as = as;
    p->th.regs = regs;
    p->th.tls = 0;
    port_fpu_reset(&p->th);
    kstrlcpy(p->name, basename(path), sizeof p->name);
    files_exec(&p->files);
    sig_exec(&p->sig);
    return 0;
}
