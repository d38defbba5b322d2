/*
 * scenario.c - parse result lines (`[<vm>| ]@@ <nonce> <key> <value>`) out of a serial log.
 *
 * The parser is strict on purpose: anything that is not exactly a result line is
 * ignored, so a damaged or forged line can only make a fact "not seen", never change
 * a value that was seen.
 */
#include "scenario.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The line [start, end) of the output that begins at *pos; moves *pos to the next line. */
static bool next_line(const struct qemu_run_result *r, size_t *pos, const char **start, size_t *len) {
    if (!r->output || *pos >= r->len)
        return false;
    const char *s = r->output + *pos;
    const char *nl = memchr(s, '\n', r->len - *pos);
    *start = s;
    *len = nl ? (size_t)(nl - s) : r->len - *pos;
    *pos += *len + (nl ? 1 : 0);
    return true;
}

static bool vm_name_char(char c) { return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.'; }

/* Skip an optional "<vmname>| " prefix; copy the name into l->vm. Returns the bytes used. */
static size_t parse_vm_prefix(const char *s, size_t len, struct scenario_line *l) {
    size_t n = 0;
    while (n < len && n < SCENARIO_VM_MAX - 1 && vm_name_char(s[n]))
        n++;
    if (n == 0 || n + 2 > len || s[n] != '|' || s[n + 1] != ' ')
        return 0;   /* no prefix: the line must start with "@@" itself */
    memcpy(l->vm, s, n);
    l->vm[n] = '\0';
    return n + 2;
}

/* "<8 hex digits> " */
static bool parse_nonce(const char *s, size_t len, uint32_t *nonce) {
    if (len < 9 || s[8] != ' ')
        return false;
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
        int c = tolower((unsigned char)s[i]);
        if (!isxdigit(c))
            return false;
        v = v << 4 | (uint32_t)(isdigit(c) ? c - '0' : c - 'a' + 10);
    }
    *nonce = v;
    return true;
}

/* "<key>[ <value>]" up to the end of the line. */
static bool parse_key_value(const char *s, size_t len, struct scenario_line *l) {
    size_t k = 0;
    while (k < len && s[k] != ' ' && s[k] != '\r')
        k++;
    if (k == 0 || k >= SCENARIO_KEY_MAX)
        return false;
    memcpy(l->key, s, k);
    l->key[k] = '\0';
    size_t v = k < len ? k + 1 : k, vlen = len - v;
    while (vlen && (s[v + vlen - 1] == '\r' || s[v + vlen - 1] == ' '))
        vlen--;
    if (vlen >= SCENARIO_VALUE_MAX)
        vlen = SCENARIO_VALUE_MAX - 1;
    memcpy(l->value, s + v, vlen);
    l->value[vlen] = '\0';
    return true;
}

static bool parse_result_line(const char *s, size_t len, struct scenario_line *l) {
    *l = (struct scenario_line){0};
    size_t p = parse_vm_prefix(s, len, l);
    if (len - p < 3 || memcmp(s + p, "@@ ", 3) != 0)
        return false;
    p += 3;
    if (!parse_nonce(s + p, len - p, &l->nonce))
        return false;
    p += 9;
    return parse_key_value(s + p, len - p, l);
}

bool scenario_next(const struct qemu_run_result *r, size_t *pos, struct scenario_line *line) {
    const char *s;
    size_t len, at = *pos;
    while (next_line(r, pos, &s, &len)) {
        if (parse_result_line(s, len, line)) {
            line->offset = at;
            return true;
        }
        at = *pos;
    }
    return false;
}

static bool matches(const struct scenario_line *l, uint32_t nonce, const char *vm, const char *key) {
    return l->nonce == nonce && strcmp(l->key, key) == 0 && (!vm || strcmp(l->vm, vm) == 0);
}

int scenario_count(const struct qemu_run_result *r, uint32_t nonce, const char *vm, const char *key) {
    struct scenario_line l;
    size_t pos = 0;
    int n = 0;
    while (scenario_next(r, &pos, &l))
        n += matches(&l, nonce, vm, key);
    return n;
}

bool scenario_find(const struct qemu_run_result *r, uint32_t nonce, const char *vm, const char *key,
                   struct scenario_line *line) {
    size_t pos = 0;
    while (scenario_next(r, &pos, line))
        if (matches(line, nonce, vm, key))
            return true;
    return false;
}

const char *scenario_get_vm(const struct qemu_run_result *r, uint32_t nonce, const char *vm,
                            const char *key, char *value, size_t size) {
    struct scenario_line l;
    if (size == 0 || !scenario_find(r, nonce, vm, key, &l))
        return NULL;
    strncpy(value, l.value, size - 1);
    value[size - 1] = '\0';
    return value;
}

const char *scenario_get(const struct qemu_run_result *r, uint32_t nonce, const char *key,
                         char *value, size_t size) {
    return scenario_get_vm(r, nonce, NULL, key, value, size);
}

bool scenario_get_int(const struct qemu_run_result *r, uint32_t nonce, const char *vm, const char *key,
                      long long *value) {
    struct scenario_line l;
    if (!scenario_find(r, nonce, vm, key, &l) || l.value[0] == '\0')
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(l.value, &end, 0);
    if (errno || *end != '\0')
        return false;
    *value = v;
    return true;
}

long scenario_find_line(const struct qemu_run_result *r, const char *prefix, size_t from, char *line,
                        size_t size) {
    const char *s;
    size_t len, pos = from, plen = strlen(prefix);
    for (size_t at = pos; next_line(r, &pos, &s, &len); at = pos) {
        if (len < plen || memcmp(s, prefix, plen) != 0)
            continue;
        if (line)
            qemu_run_sanitize(line, size, s, len);
        return (long)at;
    }
    return -1;
}
