/*
 * lex.c - splits a line into tokens. Words keep their quotes and backslashes (expansion
 * removes them later, when it also knows what was quoted); the lexer only needs them to
 * find where a word ends. Operators: | || & && ; < > >> N> N>&M, and # starts a comment.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "sh.h"

static int lex_is_op(char c) { return strchr("|&;<> \t\n", c) != NULL; }

/* The end of the raw word starting at @p p, or NULL on an unterminated quote. */
static const char *lex_word_end(const char *p) {
    while (*p && !lex_is_op(*p)) {
        if (*p == '\\') {
            p += p[1] ? 2 : 1;
        } else if (*p == '\'') {
            const char *q = strchr(p + 1, '\'');
            if (!q)
                return NULL;
            p = q + 1;
        } else if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (!*p)
                return NULL;
            p++;
        } else {
            p++;
        }
    }
    return p;
}

/* A redirection at @p p (with @p fd given by a leading digit, or -1): fills @p t and
 * returns the characters used. */
static int lex_redir(const char *p, int fd, struct sh_token *t) {
    t->type = SH_REDIR;
    t->rfd = fd;
    if (*p == '<') {
        t->rkind = SH_R_IN;
        t->rfd = fd < 0 ? 0 : fd;
        return 1;
    }
    t->rfd = fd < 0 ? 1 : fd;
    if (p[1] == '>') {
        t->rkind = SH_R_APPEND;
        return 2;
    }
    if (p[1] == '&' && isdigit((unsigned char)p[2])) {
        t->rkind = SH_R_DUP;
        t->rdup = p[2] - '0';
        return 3;
    }
    t->rkind = SH_R_OUT;
    return 1;
}

/* An operator at @p p: fills @p t and returns its length. */
static int lex_op(const char *p, struct sh_token *t) {
    t->type = SH_END;
    if (*p == '<' || *p == '>')
        return lex_redir(p, -1, t);
    if (p[0] == '|' && p[1] == '|')
        return t->type = SH_OR, 2;
    if (p[0] == '&' && p[1] == '&')
        return t->type = SH_AND, 2;
    if (*p == '|')
        return t->type = SH_PIPE, 1;
    if (*p == '&')
        return t->type = SH_AMP, 1;
    return t->type = SH_SEMI, 1;   /* ';' and '\n' */
}

int sh_lex(const char *line, struct sh_token *toks, int max) {
    int n = 0;
    for (const char *p = line;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (n == max - 1) {
            fprintf(stderr, "sh: line too long\n");
            return -1;
        }
        struct sh_token *t = &toks[n];
        memset(t, 0, sizeof *t);
        if (!*p || *p == '#') {
            t->type = SH_END;
            return n + 1;
        }
        if (isdigit((unsigned char)p[0]) && (p[1] == '>' || p[1] == '<')) {
            p += 1 + lex_redir(p + 1, p[0] - '0', t);
        } else if (lex_is_op(*p)) {
            p += lex_op(p, t);
        } else {
            const char *end = lex_word_end(p);
            if (!end) {
                fprintf(stderr, "sh: syntax error: unterminated quoted string\n");
                return -1;
            }
            t->type = SH_WORD;
            t->text = sh_strndup(p, (size_t)(end - p));
            p = end;
        }
        n++;
    }
}
