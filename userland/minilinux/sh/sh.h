/**
 * @file sh.h
 * @brief minilinux's shell: the parsed form of a line and the modules that make and run it.
 *
 * A line is lexed (lex.c) into tokens whose words keep their quotes, parsed (parse.c) into
 * and-or lists of pipelines of commands, and each list is run (exec.c) after its words
 * are expanded (expand.c) -- expansion waits until then so that `false; echo $?` sees the
 * status of `false`. Builtins are in builtin.c, the input loop in main.c.
 */
#ifndef SH_H
#define SH_H

#include <stddef.h>

#define SH_MAX_WORDS 64   /**< Words of one command. */
#define SH_MAX_REDIRS 8   /**< Redirections of one command. */
#define SH_MAX_CMDS 16    /**< Commands of one pipeline. */
#define SH_MAX_PIPES 16   /**< Pipelines of one and-or list. */
#define SH_MAX_LISTS 32   /**< And-or lists of one line. */

/** @brief Token kinds. */
enum sh_tok { SH_WORD, SH_PIPE, SH_AND, SH_OR, SH_SEMI, SH_AMP, SH_REDIR, SH_END };

/** @brief Redirection kinds. */
enum sh_redir_kind { SH_R_IN, SH_R_OUT, SH_R_APPEND, SH_R_DUP };

/** @brief One token; a word's text is raw (quotes and backslashes still in it). */
struct sh_token {
    enum sh_tok type;
    char *text;                 /**< SH_WORD: the raw word. */
    enum sh_redir_kind rkind;   /**< SH_REDIR: which. */
    int rfd;                    /**< SH_REDIR: the descriptor redirected. */
    int rdup;                   /**< SH_R_DUP: the descriptor copied (2>&1: 1). */
};

/** @brief One redirection of a command. */
struct sh_redir {
    enum sh_redir_kind kind;
    int fd, dup;     /**< fd is redirected; SH_R_DUP: to a copy of dup. */
    char *word;      /**< The file name, raw. */
};

/** @brief One simple command: raw words (assignments first) and redirections. */
struct sh_cmd {
    char *words[SH_MAX_WORDS + 1];
    int nwords, nassign;   /**< The first nassign words are NAME=value. */
    struct sh_redir redirs[SH_MAX_REDIRS];
    int nredirs;
};

/** @brief Commands joined by |. */
struct sh_pipeline {
    struct sh_cmd cmds[SH_MAX_CMDS];
    int ncmds;
};

/** @brief Pipelines joined by && and ||, ended by ;, & or the end of the line. */
struct sh_list {
    struct sh_pipeline *pipes[SH_MAX_PIPES];
    enum sh_tok ops[SH_MAX_PIPES];   /**< ops[i] joins pipes[i] and pipes[i+1]. */
    int npipes;
    int background;                  /**< Ended by &. */
};

/** @brief Shell state the modules share. */
struct sh_state {
    int status;          /**< $? */
    int last_bg;         /**< $! */
    int interactive;     /**< stdin is a tty: prompt, job control, SIGINT ignored. */
    int argc;            /**< $0..$9 and $#: the script's arguments. */
    char **argv;
};
extern struct sh_state sh;

/** @brief Allocates @p n zeroed bytes freed by sh_arena_reset (exits if out of memory). */
void *sh_alloc(size_t n);
/** @brief A copy of @p s (len bytes) in the arena. */
char *sh_strndup(const char *s, size_t len);
/** @brief Frees everything sh_alloc gave since the last reset (after each line). */
void sh_arena_reset(void);

/** @brief Lexes @p line into @p toks (at most @p max, ending with SH_END); the count, or
 *         -1 after printing a syntax error. */
int sh_lex(const char *line, struct sh_token *toks, int max);
/** @brief Parses tokens into @p lists; the number of lists, or -1 after an error. */
int sh_parse(struct sh_token *toks, struct sh_list **lists, int max);
/** @brief Expands raw @p word (quotes, backslashes, $VAR, $?) into fields appended to
 *         @p out from index @p n (at most @p max); the new count. Unquoted expansions
 *         are split at white space. */
int sh_expand(const char *word, char **out, int n, int max);
/** @brief Expands @p word into exactly one string (file names, assignments). */
char *sh_expand1(const char *word);
/** @brief Runs one and-or list; sets sh.status. */
void sh_run_list(struct sh_list *l);
/** @brief Runs builtin argv[0] if it is one: 1 and its status in @p status, else 0. */
int sh_builtin(char **argv, int *status);
/** @brief Runs one line of input (lex, parse, run). */
void sh_run_line(const char *line);
/** @brief Reaps background children that have ended, without waiting. */
void sh_reap(void);

#endif
