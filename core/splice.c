#include "splice.h"
#include "splice_scan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

struct xf_splice {
    char *before; /* the tree as libconfig rendered it before the change */
    size_t blen;
};

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static char *render(config_t *cf, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        abort();
    __fsetlocking(f, FSETLOCKING_BYCALLER); /* libconfig writes a byte at a time */
    config_write(cf, f);
    if (fclose(f) != 0)
        abort();
    return text;
}

/* Each top-level setting and each of its elements learns its place, so
 * that after the change the survivors are known by it. */
static void tag(config_t *cf)
{
    config_setting_t *root = config_root_setting(cf);
    int n = config_setting_length(root);
    for (int i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
        config_setting_set_hook(s, (void *)(uintptr_t)(i + 1));
        int m = config_setting_is_aggregate(s) ? config_setting_length(s) : 0;
        for (int k = 0; k < m; k++)
            config_setting_set_hook(config_setting_get_elem(s, (unsigned)k),
                                    (void *)(uintptr_t)(k + 1));
    }
}

xf_splice *xf_splice_begin(config_t *cf)
{
    xf_splice *sp = calloc(1, sizeof *sp);
    if (!sp)
        abort();
    config_set_tab_width(cf, 2); /* what reindent() expects */
    tag(cf);
    sp->before = render(cf, &sp->blen);
    return sp;
}

void xf_splice_free(xf_splice *sp)
{
    if (sp)
        free(sp->before);
    free(sp);
}

/* --- putting the text together ----------------------------------------- */

typedef struct ctx {
    const char *o, *c0, *c1;   /* the file, before and after, rendered */
    xf_layout lo, l0, l1;
    const char *nl;            /* "\n", or "\r\n" in a CRLF file */
    char unit[32];             /* one level of the file's indentation */
    buf b;
} ctx;

static size_t tag_of(const config_setting_t *s)
{
    return (size_t)(uintptr_t)config_setting_get_hook(s);
}

/* The indentation of the line that pos is on. */
static void line_indent(const char *t, size_t pos, size_t *at, size_t *n)
{
    size_t p = pos;
    while (p > 0 && t[p - 1] != '\n')
        p--;
    *at = p;
    while (p < pos && (t[p] == ' ' || t[p] == '\t'))
        p++;
    *n = p - *at;
}

/* Text libconfig rendered at depth (0: a top-level setting, 1: one of its
 * elements), put at the file's indentation base; on one line when the
 * text it replaces was on one line. */
static void reindent(ctx *c, const char *t, size_t n, size_t base_at,
                     size_t base_n, int depth, bool oneline)
{
    size_t p = 0;
    while (p < n) {
        size_t e = p;
        while (e < n && t[e] != '\n')
            e++;
        if (p > 0) {
            size_t sp = 0;
            while (p + sp < e && t[p + sp] == ' ')
                sp++;
            if (oneline) {
                put(&c->b, " ", 1);
            } else {
                put(&c->b, c->nl, strlen(c->nl));
                put(&c->b, c->o + base_at, base_n);
                for (int l = depth; l < (int)(sp / 2); l++)
                    put(&c->b, c->unit, strlen(c->unit));
            }
            p += sp;
        }
        put(&c->b, t + p, e - p);
        p = e < n ? e + 1 : e;
    }
}

/* The text between two elements; before a dropped one that shares its
 * line with others, the blanks go with it ("5, 6, 7" less 6 is "5, 7"). */
static void put_gap(ctx *c, size_t from, size_t to, bool dropped)
{
    bool blank = true;
    for (size_t p = from; p < to && blank; p++)
        blank = c->o[p] == ' ' || c->o[p] == '\t';
    if (!(dropped && blank))
        put(&c->b, c->o + from, to - from);
}

static bool has_nl(const char *t, size_t from, size_t to)
{
    return memchr(t + from, '\n', to - from) != NULL;
}

static bool same_text(const char *a, size_t as, size_t ae, const char *b,
                      size_t bs, size_t be)
{
    return ae - as == be - bs && memcmp(a + as, b + bs, ae - as) == 0;
}

/* Element i of a list or group, as it was (its bytes, the comma made
 * right) or as rendered when it changed. */
static void emit_kid(ctx *c, const xf_span *o, const xf_span *k0,
                     const xf_span *k1, bool list, bool comma)
{
    size_t e0 = list ? k0->vend : k0->end, e1 = list ? k1->vend : k1->end;
    if (same_text(c->c0, k0->start, e0, c->c1, k1->start, e1)) {
        if (list && o->comma && !comma) {
            put(&c->b, c->o + o->xs, o->end - 1 - o->xs);
            put(&c->b, c->o + o->end, o->xe - o->end);
        } else if (list && !o->comma && comma) {
            put(&c->b, c->o + o->xs, o->vend - o->xs);
            put(&c->b, ",", 1);
            put(&c->b, c->o + o->vend, o->xe - o->vend);
        } else {
            put(&c->b, c->o + o->xs, o->xe - o->xs);
        }
        return;
    }
    size_t at, n;
    line_indent(c->o, o->start, &at, &n);
    put(&c->b, c->o + o->xs, o->start - o->xs);
    reindent(c, c->c1 + k1->start, e1 - k1->start, at, n, 1,
             !has_nl(c->o, o->start, o->vend));
    if (list && comma)
        put(&c->b, ",", 1);
    put(&c->b, c->o + o->end, o->xe - o->end);
}

/* A new element, after the last one of the file's list or group. */
static void emit_new_kid(ctx *c, const xf_top *ot, const xf_span *k1,
                         bool list, bool comma)
{
    size_t at, n;
    line_indent(c->o, ot->kids[ot->nkids - 1].start, &at, &n);
    bool own_line = c->b.n && c->b.p[c->b.n - 1] == '\n';
    if (own_line)
        put(&c->b, c->o + at, n);
    else
        put(&c->b, " ", 1);
    reindent(c, c->c1 + k1->start, (list ? k1->vend : k1->end) - k1->start,
             at, n, 1, !own_line);
    if (list && comma)
        put(&c->b, ",", 1);
    if (own_line)
        put(&c->b, c->nl, strlen(c->nl));
}

/* The elements of a top-level list or group, old ones in their place
 * (dropped ones leave the text around them), new ones at the end. */
static bool emit_kids(ctx *c, const config_setting_t *r, const xf_top *ot,
                      const xf_top *t0, const xf_top *t1)
{
    bool list = ot->kind != '{';
    size_t prev = ot->open + 1, j = 0, n1 = t1->nkids, first_new = n1;
    for (size_t m = 0; m < n1; m++) {
        size_t tg = tag_of(config_setting_get_elem(r, (unsigned)m));
        if (!tg) {
            first_new = m < first_new ? m : first_new;
            continue;
        }
        size_t i = tg - 1;
        if (i < j || i >= ot->nkids || first_new < n1)
            return false; /* not in the order of the file */
        for (; j <= i; j++) {
            put_gap(c, prev, ot->kids[j].xs, j < i);
            prev = ot->kids[j].xe;
        }
        emit_kid(c, &ot->kids[i], &t0->kids[i], &t1->kids[m], list,
                 m + 1 < n1);
    }
    for (; j < ot->nkids; j++) { /* the last ones were dropped */
        put_gap(c, prev, ot->kids[j].xs, true);
        prev = ot->kids[j].xe;
    }
    for (size_t m = first_new; m < n1; m++)
        emit_new_kid(c, ot, &t1->kids[m], list, m + 1 < n1);
    put(&c->b, c->o + prev, ot->close - prev);
    return true;
}

static bool emit_top(ctx *c, const config_setting_t *s, size_t i, size_t k)
{
    const xf_top *ot = &c->lo.v[i], *t0 = &c->l0.v[i], *t1 = &c->l1.v[k];
    if (same_text(c->c0, t0->s.start, t0->s.end, c->c1, t1->s.start,
                  t1->s.end)) {
        put(&c->b, c->o + ot->s.xs, ot->s.xe - ot->s.xs);
        return true;
    }
    if (ot->kind && ot->nkids && t0->kind == t1->kind &&
        t0->nkids == ot->nkids && t1->nkids == (size_t)config_setting_length(s)) {
        put(&c->b, c->o + ot->s.xs, ot->open + 1 - ot->s.xs);
        if (!emit_kids(c, s, ot, t0, t1))
            return false;
        put(&c->b, c->o + ot->close, ot->s.xe - ot->close);
        return true;
    }
    size_t at, n;
    line_indent(c->o, ot->s.start, &at, &n);
    put(&c->b, c->o + ot->s.xs, ot->s.start - ot->s.xs);
    /* an empty ( ) that gets elements is no one-liner any more */
    reindent(c, c->c1 + t1->s.start, t1->s.end - t1->s.start, at, n, 0,
             !has_nl(c->o, ot->s.start, ot->s.end) && !ot->kind);
    put(&c->b, c->o + ot->s.end, ot->s.xe - ot->s.end);
    return true;
}

static bool emit_root(ctx *c, config_t *cf, size_t olen)
{
    const config_setting_t *root = config_root_setting(cf);
    size_t n1 = c->l1.n, j = 0, prev = 0, first_new = n1;
    for (size_t k = 0; k < n1; k++) {
        const config_setting_t *s = config_setting_get_elem(root, (unsigned)k);
        size_t tg = tag_of(s);
        if (!tg) {
            first_new = k < first_new ? k : first_new;
            continue;
        }
        size_t i = tg - 1;
        if (i < j || i >= c->lo.n || first_new < n1)
            return false;
        for (; j <= i; j++) {
            put_gap(c, prev, c->lo.v[j].s.xs, j < i);
            prev = c->lo.v[j].s.xe;
        }
        if (!emit_top(c, s, i, k))
            return false;
    }
    for (; j < c->lo.n; j++) {
        put_gap(c, prev, c->lo.v[j].s.xs, true);
        prev = c->lo.v[j].s.xe;
    }
    put(&c->b, c->o + prev, olen - prev);
    for (size_t k = first_new; k < n1; k++) {
        if (c->b.n && c->b.p[c->b.n - 1] != '\n')
            put(&c->b, c->nl, strlen(c->nl));
        const xf_top *t1 = &c->l1.v[k];
        reindent(c, c->c1 + t1->s.start, t1->s.end - t1->s.start, 0, 0, 0,
                 false);
        put(&c->b, c->nl, strlen(c->nl));
    }
    return true;
}

/* One level of indentation as the file has it: the second line of the
 * first element written on several lines, less that element's own. */
static void find_unit(ctx *c)
{
    strcpy(c->unit, "  ");
    for (size_t i = 0; i < c->lo.n; i++)
        for (size_t k = 0; k < c->lo.v[i].nkids; k++) {
            const xf_span *s = &c->lo.v[i].kids[k];
            const char *nl = memchr(c->o + s->start, '\n', s->vend - s->start);
            if (!nl)
                continue;
            size_t at, n, at2, n2;
            line_indent(c->o, s->start, &at, &n);
            line_indent(c->o, (size_t)(nl + 1 - c->o), &at2, &n2);
            size_t p = (size_t)(nl + 1 - c->o);
            while (c->o[p] == ' ' || c->o[p] == '\t')
                p++;
            n2 = p - at2;
            if (n2 > n && n2 - n < sizeof c->unit &&
                memcmp(c->o + at, c->o + at2, n) == 0) {
                memcpy(c->unit, c->o + at2 + n, n2 - n);
                c->unit[n2 - n] = '\0';
            }
            return;
        }
}

/* --- checking ------------------------------------------------------------ */

bool xf_splice_same_tree(const config_setting_t *a, const config_setting_t *b)
{
    int t = config_setting_type(a);
    const char *na = config_setting_name(a), *nb = config_setting_name(b);
    if (t != config_setting_type(b) || !na != !nb || (na && strcmp(na, nb)))
        return false;
    switch (t) {
    case CONFIG_TYPE_INT:
        return config_setting_get_int(a) == config_setting_get_int(b);
    case CONFIG_TYPE_INT64:
        return config_setting_get_int64(a) == config_setting_get_int64(b);
    case CONFIG_TYPE_FLOAT:
        return config_setting_get_float(a) == config_setting_get_float(b);
    case CONFIG_TYPE_BOOL:
        return config_setting_get_bool(a) == config_setting_get_bool(b);
    case CONFIG_TYPE_STRING:
        return strcmp(config_setting_get_string(a),
                      config_setting_get_string(b)) == 0;
    default:
        break;
    }
    int n = config_setting_length(a);
    if (n != config_setting_length(b))
        return false;
    for (int i = 0; i < n; i++)
        if (!xf_splice_same_tree(config_setting_get_elem(a, (unsigned)i),
                                 config_setting_get_elem(b, (unsigned)i)))
            return false;
    return true;
}

bool xf_splice_verify(config_t *cf, const char *text)
{
    config_t v;
    config_init(&v);
    config_set_options(&v, config_get_options(cf));
    bool ok = config_read_string(&v, text) &&
              xf_splice_same_tree(config_root_setting(cf),
                                  config_root_setting(&v));
    config_destroy(&v);
    return ok;
}

static bool layouts_match(const xf_layout *a, const xf_layout *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!a->v[i].kind != !b->v[i].kind || a->v[i].nkids != b->v[i].nkids)
            return false;
    return true;
}

bool xf_splice_make(xf_splice *sp, config_t *cf, const char *orig,
                    size_t olen, char **out, size_t *outlen)
{
    size_t c1len;
    ctx c = { .o = orig, .c0 = sp->before };
    char *after = render(cf, &c1len);
    c.c1 = after;
    const char *crlf = memchr(orig, '\n', olen);
    c.nl = crlf && crlf > orig && crlf[-1] == '\r' ? "\r\n" : "\n";
    bool ok = memchr(orig, '\0', olen) == NULL &&
              xf_scan(orig, olen, &c.lo) &&
              xf_scan(sp->before, sp->blen, &c.l0) &&
              xf_scan(after, c1len, &c.l1) && layouts_match(&c.lo, &c.l0) &&
              c.l1.n == (size_t)config_setting_length(config_root_setting(cf));
    if (ok)
        find_unit(&c);
    ok = ok && emit_root(&c, cf, olen);
    put(&c.b, "", 0);
    xf_layout_free(&c.lo);
    xf_layout_free(&c.l0);
    xf_layout_free(&c.l1);
    free(after);
    free(sp->before); /* less to hold while the caller verifies */
    sp->before = NULL;
    if (!ok) {
        free(c.b.p);
        return false;
    }
    *out = c.b.p;
    *outlen = c.b.n;
    return true;
}
