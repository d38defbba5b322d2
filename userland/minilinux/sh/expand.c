/*
 * expand.c - word expansion: quote and backslash removal, $NAME ${NAME} $? $$ $! $# $0..$9,
 * and field splitting of unquoted expansions at white space (no globbing). Also the arena
 * that holds one line's tokens, parse and expansions, freed after the line has run.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* ---- the arena: a list of blocks, each freed at the end of the line ---- */
struct arena_block { struct arena_block *next; };
static struct arena_block *arena;

void *sh_alloc(size_t n) {
    struct arena_block *b = calloc(1, sizeof *b + n);
    if (!b) {
        fprintf(stderr, "sh: out of memory\n");
        exit(2);
    }
    b->next = arena;
    arena = b;
    return b + 1;
}

char *sh_strndup(const char *s, size_t len) {
    char *d = sh_alloc(len + 1);
    memcpy(d, s, len);
    return d;
}

void sh_arena_reset(void) {
    while (arena) {
        struct arena_block *next = arena->next;
        free(arena);
        arena = next;
    }
}

/* ---- a growing string ---- */
struct exp_buf { char *s; size_t len, cap; int used; };   /* used: the word exists ("") */

static void exp_putc(struct exp_buf *b, char c) {
    if (b->len + 1 >= b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        if (!(b->s = realloc(b->s, b->cap))) {
            fprintf(stderr, "sh: out of memory\n");
            exit(2);
        }
    }
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
    b->used = 1;
}

/* The value of the variable named at @p p (after '$'); sets *end past the name. NULL
 * means '$' is literal here. @p tmp holds numbers. */
static const char *exp_var(const char *p, const char **end, char tmp[16]) {
    char name[64];
    size_t n = 0;
    *end = p + 1;
    if (*p == '?' || *p == '$' || *p == '!' || *p == '#') {
        int v = *p == '?' ? sh.status : *p == '$' ? (int)getpid() : *p == '!' ? sh.last_bg
                                                                     : (sh.argc > 0 ? sh.argc - 1 : 0);
        snprintf(tmp, 16, "%d", v);
        return tmp;
    }
    if (isdigit((unsigned char)*p))
        return *p - '0' < sh.argc ? sh.argv[*p - '0'] : "";
    int braced = *p == '{';
    const char *q = p + braced;
    while ((isalnum((unsigned char)*q) || *q == '_') && n < sizeof name - 1)
        name[n++] = *q++;
    name[n] = '\0';
    if (n == 0 || (braced && *q != '}'))
        return NULL;
    *end = q + braced;
    const char *v = getenv(name);
    return v ? v : "";
}

/* Appends field @p b (if it exists) to @p out and starts a new one. */
static int exp_field(struct exp_buf *b, char **out, int n, int max) {
    if (b->used && n < max)
        out[n++] = sh_strndup(b->s ? b->s : "", b->len);
    b->len = 0;
    b->used = 0;
    if (b->s)
        b->s[0] = '\0';
    return n;
}

/* Expands a '$' at @p p into @p b; splits at white space unless @p quoted. */
static const char *exp_dollar(const char *p, struct exp_buf *b, int quoted, char **out,
                              int *n, int max) {
    char tmp[16];
    const char *end, *v = exp_var(p + 1, &end, tmp);
    if (!v) {
        exp_putc(b, '$');
        return p + 1;
    }
    for (; *v; v++) {
        if (!quoted && isspace((unsigned char)*v))
            *n = exp_field(b, out, *n, max);
        else
            exp_putc(b, *v);
    }
    if (quoted)
        b->used = 1;
    return end;
}

int sh_expand(const char *w, char **out, int n, int max) {
    struct exp_buf b = {0};
    while (*w) {
        if (*w == '\'') {
            const char *q = strchr(w + 1, '\'');
            for (b.used = 1, w++; w < q; w++)
                exp_putc(&b, *w);
            w++;
        } else if (*w == '"') {
            for (b.used = 1, w++; *w && *w != '"';) {
                if (*w == '\\' && strchr("$\"\\`", w[1]) && w[1]) {
                    exp_putc(&b, w[1]);
                    w += 2;
                } else if (*w == '$') {
                    w = exp_dollar(w, &b, 1, out, &n, max);
                } else {
                    exp_putc(&b, *w++);
                }
            }
            w += *w == '"';
        } else if (*w == '\\') {
            if (w[1])
                exp_putc(&b, w[1]);
            w += w[1] ? 2 : 1;
        } else if (*w == '$') {
            w = exp_dollar(w, &b, 0, out, &n, max);
        } else {
            exp_putc(&b, *w++);
        }
    }
    n = exp_field(&b, out, n, max);
    free(b.s);
    return n;
}

char *sh_expand1(const char *word) {
    char *fields[SH_MAX_WORDS];
    int n = sh_expand(word, fields, 0, SH_MAX_WORDS);
    if (n <= 1)
        return n ? fields[0] : sh_strndup("", 0);
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += strlen(fields[i]) + 1;
    char *joined = sh_alloc(len);
    for (int i = 0; i < n; i++) {
        strcat(joined, fields[i]);
        if (i < n - 1)
            strcat(joined, " ");
    }
    return joined;
}
