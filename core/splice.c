#include "splice_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

void (*xf_splice_tamper)(char *text, size_t len);

static void put(xf_splice_ctx *c, const char *s, size_t n)
{
    if (!n)
        return;
    fwrite(s, 1, n, c->f); /* a failure is the stream's, told at its close */
    c->n += n;
    c->last = s[n - 1];
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

/* The hook holds the place (1-based) times two, plus one once touched. */
size_t xf_splice_tag(const config_setting_t *s)
{
    return (size_t)(uintptr_t)config_setting_get_hook(s) >> 1;
}

static bool touched(const config_setting_t *s)
{
    return (uintptr_t)config_setting_get_hook(s) & 1;
}

void xf_splice_touch(config_setting_t *s)
{
    if (s)
        config_setting_set_hook(
            s, (void *)((uintptr_t)config_setting_get_hook(s) | 1));
}

bool xf_splice_rendered(const config_setting_t *e)
{
    return !xf_splice_tag(e) || touched(e);
}

xf_splice *xf_splice_begin(config_t *cf)
{
    xf_splice *sp = calloc(1, sizeof *sp);
    config_setting_t *root = config_root_setting(cf);
    sp->n = (size_t)config_setting_length(root);
    sp->kind = calloc(sp->n + 1, 1);
    sp->len = calloc(sp->n + 1, sizeof *sp->len);
    if (!sp->kind || !sp->len)
        abort();
    config_set_tab_width(cf, 2); /* what reindent() expects */
    for (size_t i = 0; i < sp->n; i++) {
        config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
        config_setting_set_hook(s, (void *)(uintptr_t)((i + 1) << 1));
        sp->kind[i] = xf_splice_kind(s);
        int m = sp->kind[i] ? config_setting_length(s) : 0;
        sp->len[i] = (size_t)m;
        for (int k = 0; k < m; k++)
            config_setting_set_hook(config_setting_get_elem(s, (unsigned)k),
                                    (void *)(uintptr_t)(((size_t)k + 1) << 1));
    }
    return sp;
}

static void forget_made(xf_splice *sp)
{
    for (size_t k = 0; sp->kid_at && k < sp->ntop; k++)
        free(sp->kid_at[k]);
    free(sp->kid_at);
    free(sp->top_at);
    free(sp->mode);
    sp->kid_at = NULL;
    sp->top_at = NULL;
    sp->mode = NULL;
    sp->ntop = 0;
}

void xf_splice_free(xf_splice *sp)
{
    if (sp) {
        free(sp->kind);
        free(sp->len);
        forget_made(sp);
    }
    free(sp);
}

/* --- the changed settings alone ------------------------------------------ */

/* A copy of s in to (a group: by its name), values and formats. */
static bool copy_setting(config_setting_t *to, const config_setting_t *s)
{
    int t = config_setting_type(s);
    config_setting_t *d = config_setting_add(
        to, config_setting_is_group(to) ? config_setting_name(s) : NULL, t);
    if (!d)
        return false;
    config_setting_set_format(d, config_setting_get_format(s));
    switch (t) {
    case CONFIG_TYPE_INT:
        return config_setting_set_int(d, config_setting_get_int(s));
    case CONFIG_TYPE_INT64:
        return config_setting_set_int64(d, config_setting_get_int64(s));
    case CONFIG_TYPE_FLOAT:
        return config_setting_set_float(d, config_setting_get_float(s));
    case CONFIG_TYPE_BOOL:
        return config_setting_set_bool(d, config_setting_get_bool(s));
    case CONFIG_TYPE_STRING:
        return config_setting_set_string(d, config_setting_get_string(s));
    default:
        break;
    }
    int n = config_setting_length(s);
    for (int i = 0; i < n; i++)
        if (!copy_setting(d, config_setting_get_elem(s, (unsigned)i)))
            return false;
    return true;
}

/* How top s of the tree gets into the text (XF_TOP_*). */
static unsigned char top_mode(const xf_splice_ctx *c, const config_setting_t *s)
{
    size_t tg = xf_splice_tag(s);
    if (!tg)
        return XF_TOP_NEW;
    const xf_top *ot = &c->lo.v[tg - 1];
    if (touched(s) || xf_splice_kind(s) != ot->kind)
        return XF_TOP_WHOLE;
    if (!ot->kind)
        return XF_TOP_COPY;
    size_t n = (size_t)config_setting_length(s);
    bool same = n == ot->nkids;
    for (size_t m = 0; m < n && same; m++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)m);
        same = xf_splice_tag(e) == m + 1 && !touched(e);
    }
    /* an empty ( ) has no element to take the indentation from */
    return same ? XF_TOP_COPY : ot->nkids ? XF_TOP_KIDS : XF_TOP_WHOLE;
}

/* Into x, what of top s is rendered: all of it, or its rendered elements
 * alone (in a setting of its name and type). */
static bool copy_changed(config_setting_t *x, const config_setting_t *s,
                         unsigned char mode)
{
    if (mode != XF_TOP_KIDS)
        return copy_setting(x, s);
    config_setting_t *t = config_setting_add(x, config_setting_name(s),
                                             config_setting_type(s));
    int n = config_setting_length(s);
    for (int m = 0; t && m < n; m++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)m);
        if (xf_splice_rendered(e) && !copy_setting(t, e))
            return false;
    }
    return t != NULL;
}

/* Decides each top's mode and renders the changed settings alone, through
 * a scratch tree with the options of the file's: libconfig renders an
 * element the same wherever its siblings are, and never renders the rest
 * of the file. */
static bool render_changed(xf_splice_ctx *c)
{
    config_t x;
    config_init(&x);
    config_set_options(&x, config_get_options(c->cf));
    config_set_tab_width(&x, 2);
    config_set_default_format(&x, config_get_default_format(c->cf));
    const config_setting_t *root = config_root_setting(c->cf);
    size_t n = (size_t)config_setting_length(root), j = 0;
    bool ok = true;
    for (size_t k = 0; k < n && ok; k++) {
        const config_setting_t *s = config_setting_get_elem(root, (unsigned)k);
        if (xf_splice_tag(s) > c->lo.n)
            ok = false;
        else if ((c->sp->mode[k] = top_mode(c, s)) != XF_TOP_COPY) {
            c->rtop[k] = j++;
            ok = copy_changed(config_root_setting(&x), s, c->sp->mode[k]);
        }
    }
    if (ok)
        c->r = render(&x, &c->rlen);
    config_destroy(&x);
    return ok && xf_scan(c->r, c->rlen, &c->lr) && c->lr.n == j;
}

/* --- putting the text together ----------------------------------------- */

typedef xf_splice_ctx ctx;

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
                put(c, " ", 1);
            } else {
                put(c, c->nl, strlen(c->nl));
                put(c, c->o + base_at, base_n);
                for (int l = depth; l < (int)(sp / 2); l++)
                    put(c, c->unit, strlen(c->unit));
            }
            p += sp;
        }
        put(c, t + p, e - p);
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
        put(c, c->o + from, to - from);
}

static bool has_nl(const char *t, size_t from, size_t to)
{
    return memchr(t + from, '\n', to - from) != NULL;
}

/* Element o of a list or group as it was (its bytes, the comma made
 * right), or in its place k1 as rendered when it changed. */
static void emit_kid(ctx *c, const xf_span *o, const xf_span *k1, bool list,
                     bool comma, xf_at *at_out)
{
    at_out->start = k1 ? XF_RENDERED : c->n + (o->start - o->xs);
    at_out->vend = at_out->start + (o->vend - o->start);
    if (!k1) { /* o is the file's text of the element by its tag */
        at_out->hash = xf_splice_hash(c->o, o->start, o->vend);
        if (list && o->comma && !comma) {
            put(c, c->o + o->xs, o->end - 1 - o->xs);
            put(c, c->o + o->end, o->xe - o->end);
        } else if (list && !o->comma && comma) {
            put(c, c->o + o->xs, o->vend - o->xs);
            put(c, ",", 1);
            put(c, c->o + o->vend, o->xe - o->vend);
        } else {
            put(c, c->o + o->xs, o->xe - o->xs);
        }
        return;
    }
    size_t at, n;
    line_indent(c->o, o->start, &at, &n);
    put(c, c->o + o->xs, o->start - o->xs);
    reindent(c, c->r + k1->start, (list ? k1->vend : k1->end) - k1->start,
             at, n, 1, !has_nl(c->o, o->start, o->vend));
    if (list && comma)
        put(c, ",", 1);
    put(c, c->o + o->end, o->xe - o->end);
}

/* A new element, after the last one of the file's list or group. */
static void emit_new_kid(ctx *c, const xf_top *ot, const xf_span *k1,
                         bool list, bool comma)
{
    size_t at, n;
    line_indent(c->o, ot->kids[ot->nkids - 1].start, &at, &n);
    bool own_line = c->n && c->last == '\n';
    if (own_line)
        put(c, c->o + at, n);
    else
        put(c, " ", 1);
    reindent(c, c->r + k1->start, (list ? k1->vend : k1->end) - k1->start,
             at, n, 1, !own_line);
    if (list && comma)
        put(c, ",", 1);
    if (own_line)
        put(c, c->nl, strlen(c->nl));
}

/* The elements of a top-level list or group, old ones in their place
 * (dropped ones leave the text around them), new ones at the end; t1
 * holds the rendered ones, in order. */
static bool emit_kids(ctx *c, const config_setting_t *r, const xf_top *ot,
                      const xf_top *t1, xf_at *at)
{
    bool list = ot->kind != '{';
    size_t prev = ot->open + 1, j = 0, n1 = (size_t)config_setting_length(r),
           first_new = n1, next = 0;
    for (size_t m = 0; m < n1; m++) {
        const config_setting_t *e = config_setting_get_elem(r, (unsigned)m);
        size_t tg = xf_splice_tag(e);
        if (!tg) {
            first_new = m < first_new ? m : first_new;
            continue;
        }
        size_t i = tg - 1;
        if (i < j || i >= ot->nkids || first_new < n1 ||
            (touched(e) && next >= t1->nkids))
            return false; /* not in the order of the file */
        for (; j <= i; j++) {
            put_gap(c, prev, ot->kids[j].xs, j < i);
            prev = ot->kids[j].xe;
        }
        emit_kid(c, &ot->kids[i], touched(e) ? &t1->kids[next++] : NULL,
                 list, m + 1 < n1, &at[m]);
    }
    for (; j < ot->nkids; j++) { /* the last ones were dropped */
        put_gap(c, prev, ot->kids[j].xs, true);
        prev = ot->kids[j].xe;
    }
    if (t1->nkids - next != n1 - first_new)
        return false;
    for (size_t m = first_new; m < n1; m++) {
        at[m].start = XF_RENDERED;
        emit_new_kid(c, ot, &t1->kids[next++], list, m + 1 < n1);
    }
    put(c, c->o + prev, ot->close - prev);
    return true;
}

static bool emit_top(ctx *c, const config_setting_t *s, size_t i, size_t k)
{
    const xf_top *ot = &c->lo.v[i];
    xf_splice *sp = c->sp;
    if (sp->mode[k] == XF_TOP_COPY) {
        sp->top_at[k].start = c->n + (ot->s.start - ot->s.xs);
        sp->top_at[k].vend = sp->top_at[k].start + (ot->s.vend - ot->s.start);
        sp->top_at[k].hash = xf_splice_hash(c->o, ot->s.start, ot->s.vend);
        put(c, c->o + ot->s.xs, ot->s.xe - ot->s.xs);
        return true;
    }
    const xf_top *t1 = &c->lr.v[c->rtop[k]];
    if (sp->mode[k] == XF_TOP_KIDS) {
        sp->kid_at[k] = calloc((size_t)config_setting_length(s) + 1,
                               sizeof(xf_at));
        if (!sp->kid_at[k])
            abort();
        put(c, c->o + ot->s.xs, ot->open + 1 - ot->s.xs);
        if (!emit_kids(c, s, ot, t1, sp->kid_at[k]))
            return false;
        put(c, c->o + ot->close, ot->s.xe - ot->close);
        return true;
    }
    size_t at, n;
    line_indent(c->o, ot->s.start, &at, &n);
    put(c, c->o + ot->s.xs, ot->s.start - ot->s.xs);
    /* an empty ( ) that gets elements is no one-liner any more */
    reindent(c, c->r + t1->s.start, t1->s.end - t1->s.start, at, n, 0,
             !has_nl(c->o, ot->s.start, ot->s.end) && !ot->kind);
    put(c, c->o + ot->s.end, ot->s.xe - ot->s.end);
    return true;
}

static bool emit_root(ctx *c)
{
    const config_setting_t *root = config_root_setting(c->cf);
    size_t n1 = (size_t)config_setting_length(root), j = 0, prev = 0,
           first_new = n1;
    for (size_t k = 0; k < n1; k++) {
        const config_setting_t *s = config_setting_get_elem(root, (unsigned)k);
        size_t tg = xf_splice_tag(s);
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
    put(c, c->o + prev, c->olen - prev);
    for (size_t k = first_new; k < n1; k++) {
        if (c->n && c->last != '\n')
            put(c, c->nl, strlen(c->nl));
        const xf_top *t1 = &c->lr.v[c->rtop[k]];
        reindent(c, c->r + t1->s.start, t1->s.end - t1->s.start, 0, 0, 0,
                 false);
        put(c, c->nl, strlen(c->nl));
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

/* The file's text has the shape the tree had when the splice began, so
 * that its spans are the settings' ones. */
static bool same_shape(const xf_splice *sp, const xf_layout *l)
{
    if (l->n != sp->n)
        return false;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].kind != sp->kind[i] ||
            (sp->kind[i] && l->v[i].nkids != sp->len[i]))
            return false;
    return true;
}

/* Room for what the new text is made of, by top of the tree. */
static void plan(xf_splice *sp, size_t n)
{
    forget_made(sp);
    sp->ntop = n;
    sp->mode = calloc(n + 1, 1);
    sp->top_at = calloc(n + 1, sizeof *sp->top_at);
    sp->kid_at = calloc(n + 1, sizeof *sp->kid_at);
    if (!sp->mode || !sp->top_at || !sp->kid_at)
        abort();
}

bool xf_splice_write(xf_splice *sp, config_t *cf, const char *orig,
                     size_t olen, FILE *f)
{
    size_t n = (size_t)config_setting_length(config_root_setting(cf));
    plan(sp, n);
    ctx c = { .cf = cf, .sp = sp, .o = orig, .olen = olen, .f = f,
              .rtop = calloc(n + 1, sizeof(size_t)) };
    if (!c.rtop)
        abort();
    const char *crlf = memchr(orig, '\n', olen);
    c.nl = crlf && crlf > orig && crlf[-1] == '\r' ? "\r\n" : "\n";
    bool ok = memchr(orig, '\0', olen) == NULL &&
              xf_scan(orig, olen, &c.lo) && same_shape(sp, &c.lo) &&
              render_changed(&c);
    if (ok)
        find_unit(&c);
    ok = ok && emit_root(&c);
    xf_layout_free(&c.lo);
    xf_layout_free(&c.lr);
    free(c.r);
    free(c.rtop);
    return ok;
}

bool xf_splice_proven(xf_splice *sp, config_t *cf, char *text, size_t len)
{
    if (!sp->mode || memchr(text, '\0', len))
        return false;
    if (xf_splice_tamper)
        xf_splice_tamper(text, len);
    return xf_splice_check(sp, cf, text, len);
}

bool xf_splice_make(xf_splice *sp, config_t *cf, const char *orig,
                    size_t olen, char **out, size_t *outlen)
{
    *out = NULL;
    FILE *f = open_memstream(out, outlen);
    if (!f)
        abort();
    bool ok = xf_splice_write(sp, cf, orig, olen, f);
    if (fclose(f) != 0)
        abort();
    ok = ok && xf_splice_proven(sp, cf, *out, *outlen);
    if (!ok) {
        free(*out);
        *out = NULL;
    }
    return ok;
}
