/*
 * signal.c - signals on rt_sigaction and rt_sigprocmask. Programs use newlib's signal
 * numbers and 32-bit sigset_t; the kernel uses Linux's numbers and 64-bit sets, so every
 * number and set is translated. A handler is registered as lx_sig_dispatch, which turns the
 * kernel's number back into newlib's before calling the program's function.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "linux.h"
#include "posix.h"

extern void lx_sigreturn(void);   /* sigreturn.S */

/* newlib number (index) -> Linux number; 0: Linux has none (newlib's SIGEMT, SIGLOST). */
static const uint8_t to_linux[NSIG] = {
    0, 1, 2, 3, 4, 5, 6, 0, 8, 9, 7 /*BUS*/, 11, 31 /*SYS*/, 13, 14, 15,
    23 /*URG*/, 19 /*STOP*/, 20 /*TSTP*/, 18 /*CONT*/, 17 /*CHLD*/, 21, 22, 29 /*IO*/,
    24, 25, 26, 27, 28 /*WINCH*/, 0, 10 /*USR1*/, 12 /*USR2*/,
};

/* bash's descriptions, by Linux number, with the names kill(1) accepts. */
static const struct { const char *name, *descr; } lx_sigs[] = {
    [1] = {"HUP", "Hangup"},           [2] = {"INT", "Interrupt"},
    [3] = {"QUIT", "Quit"},            [4] = {"ILL", "Illegal instruction"},
    [5] = {"TRAP", "Trace/breakpoint trap"}, [6] = {"ABRT", "Aborted"},
    [7] = {"BUS", "Bus error"},        [8] = {"FPE", "Floating point exception"},
    [9] = {"KILL", "Killed"},          [10] = {"USR1", "User defined signal 1"},
    [11] = {"SEGV", "Segmentation fault"}, [12] = {"USR2", "User defined signal 2"},
    [13] = {"PIPE", "Broken pipe"},    [14] = {"ALRM", "Alarm clock"},
    [15] = {"TERM", "Terminated"},     [17] = {"CHLD", "Child exited"},
    [18] = {"CONT", "Continued"},      [19] = {"STOP", "Stopped (signal)"},
    [20] = {"TSTP", "Stopped"},        [21] = {"TTIN", "Stopped (tty input)"},
    [22] = {"TTOU", "Stopped (tty output)"}, [23] = {"URG", "Urgent I/O condition"},
    [24] = {"XCPU", "CPU time limit exceeded"}, [25] = {"XFSZ", "File size limit exceeded"},
    [26] = {"VTALRM", "Virtual timer expired"}, [27] = {"PROF", "Profiling timer expired"},
    [28] = {"WINCH", "Window changed"}, [29] = {"IO", "I/O possible"},
    [31] = {"SYS", "Bad system call"},
};
#define N_LX_SIGS (int)(sizeof lx_sigs / sizeof lx_sigs[0])

/* The program's handlers, by Linux number (what the kernel passes to the dispatcher). */
static _sig_func_ptr handlers[LX_NSIG + 1];

int lx_sig_to_linux(int sig) { return sig > 0 && sig < NSIG ? to_linux[sig] : 0; }

int lx_sig_from_linux(int lsig) {
    for (int s = 1; s < NSIG; s++)
        if (to_linux[s] == lsig && lsig)
            return s;
    return 0;
}

int lx_wstatus_from_linux(int status) {
    int low = status & 0x7f;
    if (low == 0 || low == 0x7f)   /* exited or stopped: no signal in the low bits */
        return status;
    return (status & ~0x7f) | (lx_sig_from_linux(low) & 0x7f);
}

static uint64_t set_to_linux(sigset_t set) {
    uint64_t l = 0;
    for (int s = 1; s < NSIG; s++)
        if ((set & (1ul << s)) && to_linux[s])
            l |= 1ull << (to_linux[s] - 1);
    return l;
}

static sigset_t set_from_linux(uint64_t l) {
    sigset_t set = 0;
    for (int s = 1; s < NSIG; s++)
        if (to_linux[s] && (l & (1ull << (to_linux[s] - 1))))
            set |= 1ul << s;
    return set;
}

static void lx_sig_dispatch(int lsig) {
    if (lsig > 0 && lsig <= LX_NSIG && handlers[lsig])
        handlers[lsig](lx_sig_from_linux(lsig));
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    int lsig = lx_sig_to_linux(sig);
    if (!lsig) {
        errno = EINVAL;
        return -1;
    }
    struct lx_sigaction k, ko;
    _sig_func_ptr prev = handlers[lsig];
    if (act) {
        uint32_t h = (uint32_t)act->sa_handler;
        k.sa_handler = (h == LX_SIG_DFL || h == LX_SIG_IGN) ? h : (uint32_t)lx_sig_dispatch;
        /* SA_SIGINFO always: Linux then builds the rt frame that lx_sigreturn's
         * rt_sigreturn undoes (without it, ARM Linux builds the old frame of sigreturn 119,
         * which minilinux does not have). The dispatcher ignores the extra arguments. */
        k.sa_flags = (uint32_t)act->sa_flags | LX_SA_RESTORER | LX_SA_SIGINFO;
        k.sa_restorer = (uint32_t)lx_sigreturn;
        k.sa_mask = set_to_linux(act->sa_mask);
        handlers[lsig] = act->sa_handler;
    }
    int rc = lx_ret(lx_syscall6(LX_NR_rt_sigaction, (uint32_t)lsig, act ? (uint32_t)&k : 0,
                                (uint32_t)&ko, 8, 0, 0));
    if (rc < 0) {
        handlers[lsig] = prev;
        return -1;
    }
    if (old) {
        old->sa_handler = ko.sa_handler == (uint32_t)lx_sig_dispatch ? prev
                                                                   : (_sig_func_ptr)ko.sa_handler;
        old->sa_flags = (int)(ko.sa_flags & ~(LX_SA_RESTORER | LX_SA_SIGINFO));
        old->sa_mask = set_from_linux(ko.sa_mask);
    }
    return 0;
}

/* BSD semantics, as glibc's signal(): the handler stays and interrupted calls restart. */
_sig_func_ptr signal(int sig, _sig_func_ptr handler) {
    struct sigaction act = {.sa_handler = handler, .sa_mask = 0, .sa_flags = SA_RESTART};
    struct sigaction old;
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

int raise(int sig) { return kill(getpid(), sig); }

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
    static const int lx_how[] = {[SIG_BLOCK] = LX_SIG_BLOCK, [SIG_UNBLOCK] = LX_SIG_UNBLOCK,
                                 [SIG_SETMASK] = LX_SIG_SETMASK};
    if (how < 0 || how > 2) {
        errno = EINVAL;
        return -1;
    }
    uint64_t lset = set ? set_to_linux(*set) : 0, lold = 0;
    int rc = lx_ret(lx_syscall6(LX_NR_rt_sigprocmask, (uint32_t)lx_how[how],
                                set ? (uint32_t)&lset : 0, (uint32_t)&lold, 8, 0, 0));
    if (rc == 0 && old)
        *old = set_from_linux(lold);
    return rc;
}

int sigpending(sigset_t *set) {
    uint64_t l = 0;
    if (lx_ret(LX_SC(LX_NR_rt_sigpending, &l, 8, 0)) < 0)
        return -1;
    *set = set_from_linux(l);
    return 0;
}

int sigsuspend(const sigset_t *mask) {
    uint64_t l = set_to_linux(*mask);
    return lx_ret(LX_SC(LX_NR_rt_sigsuspend, &l, 8, 0));
}

/** @brief bash's description of signal @p sig ("Segmentation fault"). */
char *strsignal(int sig) {
    static char unknown[32];
    int l = lx_sig_to_linux(sig);
    if (l > 0 && l < N_LX_SIGS && lx_sigs[l].descr)
        return (char *)lx_sigs[l].descr;
    snprintf(unknown, sizeof unknown, "Unknown signal %d", sig);
    return unknown;
}

const char *lx_signame(int sig) {
    int l = lx_sig_to_linux(sig);
    return l > 0 && l < N_LX_SIGS ? lx_sigs[l].name : NULL;
}

int lx_signum(const char *name) {
    if (name[0] >= '0' && name[0] <= '9')
        return lx_sig_from_linux(atoi(name));
    if (strncmp(name, "SIG", 3) == 0)
        name += 3;
    for (int l = 1; l < N_LX_SIGS; l++)
        if (lx_sigs[l].name && strcmp(lx_sigs[l].name, name) == 0)
            return lx_sig_from_linux(l);
    return 0;
}
