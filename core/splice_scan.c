#include "splice_scan.h"

#include <stdlib.h>
#include <string.h>

enum { TK_EOF, TK_BAD, TK_WORD, TK_STR, TK_OPEN, TK_CLOSE, TK_SEP,
       TK_ASSIGN };

typedef struct scanner {
    const char *t;
    size_t len, pos;
    int tk;             /* the token at tstart..tend */
    size_t tstart, tend;
    /* a token looked at ahead and given back (after a string, whether
     * another follows): the next call to next() takes it, unscanned */
    bool ahead;
    int atk;
    size_t astart, aend, apos;
} scanner;

/* Character classes, looked up: strchr per byte was a third of a save at
 * 100,000 partners. */
enum { C_BLANK = 1, C_END_WORD = 2 };
static unsigned char cls[256];

static void init_classes(void)
{
    if (cls[' '])
        return;
    for (const char *p = " \t\r\n\f\v"; *p; p++)
        cls[(unsigned char)*p] |= C_BLANK;
    for (const char *p = " \t\r\n\f\v{}()[];,=:\"#/@"; *p; p++)
        cls[(unsigned char)*p] |= C_END_WORD;
}

/* Skips blanks and comments from p; SIZE_MAX at an unclosed comment. */
static size_t skip_blank(const char *t, size_t len, size_t p)
{
    while (p < len) {
        if (cls[(unsigned char)t[p]] & C_BLANK) {
            p++;
        } else if (t[p] == '#' ||
                   (t[p] == '/' && p + 1 < len && t[p + 1] == '/')) {
            while (p < len && t[p] != '\n')
                p++;
        } else if (t[p] == '/' && p + 1 < len && t[p + 1] == '*') {
            const char *e = NULL;
            for (size_t q = p + 2; q + 1 < len && !e; q++)
                if (t[q] == '*' && t[q + 1] == '/')
                    e = t + q;
            if (!e)
                return (size_t)-1;
            p = (size_t)(e - t) + 2;
        } else {
            break;
        }
    }
    return p;
}

static size_t string_end(const char *t, size_t len, size_t p)
{
    /* most strings hold no escape: the closing quote found by memchr
     * (a third of a scan went here a byte at a time) */
    const char *q = memchr(t + p + 1, '"', len - p - 1);
    if (q && !memchr(t + p + 1, '\\', (size_t)(q - t) - p - 1))
        return (size_t)(q - t) + 1;
    for (p++; p < len && t[p] != '"'; p++)
        if (t[p] == '\\')
            p++;
    return p < len ? p + 1 : (size_t)-1;
}

static void next(scanner *s)
{
    if (s->ahead) {
        s->ahead = false;
        s->tk = s->atk;
        s->tstart = s->astart;
        s->tend = s->aend;
        s->pos = s->apos;
        return;
    }
    size_t p = skip_blank(s->t, s->len, s->pos);
    s->tstart = p;
    if (p == (size_t)-1) {
        s->tk = TK_BAD;
        return;
    }
    if (p >= s->len) {
        s->tk = TK_EOF;
        s->tend = p;
        return;
    }
    char c = s->t[p];
    size_t e = p + 1;
    if (c == '"') {
        e = string_end(s->t, s->len, p);
        s->tk = e == (size_t)-1 ? TK_BAD : TK_STR;
    } else if (c == '{' || c == '(' || c == '[') {
        s->tk = TK_OPEN;
    } else if (c == '}' || c == ')' || c == ']') {
        s->tk = TK_CLOSE;
    } else if (c == ';' || c == ',') {
        s->tk = TK_SEP;
    } else if (c == '=' || c == ':') {
        s->tk = TK_ASSIGN;
    } else if (c == '@' || c == '/') {
        s->tk = TK_BAD; /* @include, or a lone slash */
    } else {
        while (e < s->len && !(cls[(unsigned char)s->t[e]] & C_END_WORD))
            e++;
        s->tk = TK_WORD;
    }
    s->tend = e;
    if (s->tk != TK_BAD)
        s->pos = e;
}

static bool parse_value(scanner *s, xf_top *top);

/* "name =" (or "name :") of a setting: true when it is there, skipped. */
static bool setting_name(scanner *s)
{
    if (s->tk != TK_WORD)
        return false;
    next(s);
    if (s->tk != TK_ASSIGN)
        return false;
    next(s);
    return true;
}

/* From the opening bracket (the current token) to its closing one; the
 * elements are recorded in top when it is not NULL. */
static bool parse_aggregate(scanner *s, xf_top *top)
{
    char open = s->t[s->tstart];
    char close = open == '{' ? '}' : open == '(' ? ')' : ']';
    if (top) {
        top->kind = open;
        top->open = s->tstart;
    }
    size_t cap = 0;
    next(s);
    while (s->tk != TK_CLOSE) {
        xf_span k = { .start = s->tstart };
        if (open == '{' && !setting_name(s))
            return false;
        if (!parse_value(s, NULL))
            return false;
        k.vend = k.end = s->tend;
        next(s);
        if (s->tk == TK_SEP) {
            k.comma = s->t[s->tstart] == ',';
            k.end = s->tend;
            next(s);
        } else if (open != '{' && s->tk != TK_CLOSE) {
            return false;
        }
        if (top) {
            if (top->nkids == cap) {
                cap = cap ? cap * 2 : 16;
                top->kids = realloc(top->kids, cap * sizeof *top->kids);
                if (!top->kids)
                    abort();
            }
            top->kids[top->nkids++] = k;
        }
    }
    if (s->t[s->tstart] != close)
        return false;
    if (top)
        top->close = s->tstart;
    return true;
}

/* A value starting at the current token; its last token stays current. */
static bool parse_value(scanner *s, xf_top *top)
{
    if (s->tk == TK_OPEN)
        return parse_aggregate(s, top);
    if (s->tk == TK_WORD)
        return true;
    if (s->tk != TK_STR)
        return false;
    for (;;) { /* "a" "b" is one string */
        size_t pos = s->pos, ts = s->tstart, te = s->tend;
        next(s);
        if (s->tk != TK_STR) {
            s->ahead = true;
            s->atk = s->tk;
            s->astart = s->tstart;
            s->aend = s->tend;
            s->apos = s->pos;
            s->pos = pos;
            s->tstart = ts;
            s->tend = te;
            s->tk = TK_STR;
            return true;
        }
    }
}

static void extend(const char *t, size_t len, size_t lo, xf_span *k)
{
    size_t p = k->start;
    while (p > lo && (t[p - 1] == ' ' || t[p - 1] == '\t'))
        p--;
    k->xs = p == 0 || t[p - 1] == '\n' ? p : k->start;
    p = k->end;
    while (p < len && (t[p] == ' ' || t[p] == '\t' || t[p] == '\r'))
        p++;
    if (p < len && (t[p] == '#' || (t[p] == '/' && p + 1 < len &&
                                    t[p + 1] == '/')))
        while (p < len && t[p] != '\n')
            p++;
    k->xe = p < len && t[p] == '\n' ? p + 1 : k->end;
}

static void extend_all(const char *t, size_t len, xf_layout *l)
{
    size_t lo = 0;
    for (size_t i = 0; i < l->n; i++) {
        xf_top *top = &l->v[i];
        extend(t, len, lo, &top->s);
        size_t klo = top->open + 1;
        for (size_t k = 0; k < top->nkids; k++) {
            extend(t, top->close, klo, &top->kids[k]);
            klo = top->kids[k].xe;
        }
        lo = top->s.xe;
    }
}

static bool scan_top(scanner *s, xf_layout *out, size_t *cap)
{
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        out->v = realloc(out->v, *cap * sizeof *out->v);
        if (!out->v)
            abort();
    }
    xf_top *top = &out->v[out->n++];
    *top = (xf_top){ .s.start = s->tstart };
    if (!setting_name(s) || !parse_value(s, top))
        return false;
    top->s.vend = top->s.end = s->tend;
    next(s);
    if (s->tk == TK_SEP) {
        top->s.end = s->tend;
        next(s);
    }
    return true;
}

bool xf_scan(const char *text, size_t len, xf_layout *out)
{
    *out = (xf_layout){ 0 };
    init_classes();
    scanner s = { .t = text, .len = len };
    size_t cap = 0;
    next(&s);
    while (s.tk != TK_EOF)
        if (s.tk == TK_BAD || !scan_top(&s, out, &cap)) {
            xf_layout_free(out);
            return false;
        }
    extend_all(text, len, out);
    return true;
}

void xf_layout_free(xf_layout *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].kids);
    free(l->v);
    *l = (xf_layout){ 0 };
}
