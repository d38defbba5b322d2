/*
 * parse.c - turns tokens into and-or lists of pipelines of commands (sh.h). The grammar:
 *   line     := list (';' | '&' list)* [';' | '&']
 *   list     := pipeline (('&&' | '||') pipeline)*
 *   pipeline := command ('|' command)*
 *   command  := (word | redirection)+      redirection := op word  |  N>&M
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "sh.h"

static struct sh_token *pos;

static int parse_error(const char *what) {
    fprintf(stderr, "sh: syntax error: %s\n", what);
    return -1;
}

/* NAME=... with an unquoted, valid NAME: an assignment word. */
static int parse_is_assign(const char *w) {
    if (!(w[0] == '_' || isalpha((unsigned char)w[0])))
        return 0;
    for (const char *p = w; *p; p++) {
        if (*p == '=')
            return 1;
        if (!(*p == '_' || isalnum((unsigned char)*p)))
            return 0;
    }
    return 0;
}

static int parse_redir(struct sh_cmd *c) {
    struct sh_token *t = pos++;
    if (c->nredirs == SH_MAX_REDIRS)
        return parse_error("too many redirections");
    struct sh_redir *r = &c->redirs[c->nredirs++];
    r->kind = t->rkind;
    r->fd = t->rfd;
    r->dup = t->rdup;
    if (r->kind == SH_R_DUP)
        return 0;
    if (pos->type != SH_WORD)
        return parse_error("redirection without a file name");
    r->word = (pos++)->text;
    return 0;
}

static int parse_command(struct sh_cmd *c) {
    int only_assign = 1;
    while (pos->type == SH_WORD || pos->type == SH_REDIR) {
        if (pos->type == SH_REDIR) {
            if (parse_redir(c) < 0)
                return -1;
            continue;
        }
        if (c->nwords == SH_MAX_WORDS)
            return parse_error("too many words");
        only_assign = only_assign && parse_is_assign(pos->text);
        c->nassign += only_assign;
        c->words[c->nwords++] = (pos++)->text;
    }
    if (c->nwords == 0 && c->nredirs == 0)
        return parse_error(pos->type == SH_END ? "unexpected end of line" : "unexpected operator");
    return 0;
}

static struct sh_pipeline *parse_pipeline(void) {
    struct sh_pipeline *p = sh_alloc(sizeof *p);
    for (;;) {
        if (p->ncmds == SH_MAX_CMDS) {
            parse_error("pipeline too long");
            return NULL;
        }
        if (parse_command(&p->cmds[p->ncmds++]) < 0)
            return NULL;
        if (pos->type != SH_PIPE)
            return p;
        pos++;
    }
}

static struct sh_list *parse_list(void) {
    struct sh_list *l = sh_alloc(sizeof *l);
    for (;;) {
        if (l->npipes == SH_MAX_PIPES) {
            parse_error("list too long");
            return NULL;
        }
        if (!(l->pipes[l->npipes] = parse_pipeline()))
            return NULL;
        if (pos->type != SH_AND && pos->type != SH_OR)
            break;
        l->ops[l->npipes++] = (pos++)->type;
    }
    l->npipes++;
    if (pos->type == SH_AMP)
        l->background = 1;
    if (pos->type == SH_AMP || pos->type == SH_SEMI)
        pos++;
    return l;
}

int sh_parse(struct sh_token *toks, struct sh_list **lists, int max) {
    int n = 0;
    pos = toks;
    while (pos->type != SH_END) {
        if (n == max)
            return parse_error("too many commands on one line");
        if (!(lists[n++] = parse_list()))
            return -1;
    }
    return n;
}
