/* Proving a spliced text before it is written: it must read back to the
 * tree to be saved. Parsing all of it again cost a second tree and a
 * second parse of the file; instead the new text is scanned (the spans
 * of every setting and element, see splice_scan.h) and must have the
 * tree's shape and names, each copied span must be byte for byte the one
 * of the file (which libconfig read to that very setting), and each
 * rendered one is parsed alone and must be the setting of the tree. */
#include "splice_impl.h"

#include <stdlib.h>
#include <string.h>

static bool name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '*';
}

/* Whether the text at pos (NUL-terminated) is the name of s. */
static bool named(const char *t, size_t pos, const config_setting_t *s)
{
    const char *name = config_setting_name(s);
    size_t n = name ? strlen(name) : 0;
    return name && strncmp(t + pos, name, n) == 0 && !name_char(t[pos + n]);
}

static bool same_bytes(const char *a, const xf_span *x, const char *b,
                       const xf_span *y)
{
    return x->vend - x->start == y->vend - y->start &&
           memcmp(a + x->start, b + y->start, x->vend - x->start) == 0;
}

/* Whether span sp of t, parsed alone, is s: as the one element of a
 * setting of that kind, or (kind 0) as the one top-level setting. */
static bool reads_as(const xf_splice_ctx *c, const char *t, const xf_span *sp,
                     char kind, const config_setting_t *s)
{
    size_t n = sp->vend - sp->start;
    char *text = malloc(n + 16), close = kind == '{' ? '}'
                                         : kind == '(' ? ')' : ']';
    if (!text)
        abort();
    size_t at = 0;
    if (kind)
        at = (size_t)sprintf(text, "x = %c ", kind);
    memcpy(text + at, t + sp->start, n);
    at += n;
    if (kind)
        text[at++] = ' ', text[at++] = close;
    strcpy(text + at, ";");
    config_t v;
    config_init(&v);
    config_set_options(&v, config_get_options(c->cf));
    const config_setting_t *got = NULL;
    if (config_read_string(&v, text)) {
        got = config_root_setting(&v);
        if (kind && config_setting_length(got) == 1)
            got = config_setting_get_elem(got, 0);
        got = config_setting_length(got) == 1
            ? config_setting_get_elem(got, 0) : NULL;
    }
    bool ok = got && xf_splice_same_tree(got, s);
    config_destroy(&v);
    free(text);
    return ok;
}

/* The elements of top s, put in as f (the new text) from ot (the file). */
static bool check_kids(const xf_splice_ctx *c, const config_setting_t *s,
                       const xf_top *f, const xf_top *ot)
{
    size_t n = (size_t)config_setting_length(s);
    if (f->nkids != n)
        return false;
    for (size_t m = 0; m < n; m++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)m);
        const xf_span *k = &f->kids[m];
        size_t tg = xf_splice_tag(e);
        if (ot->kind == '{' && !named(c->b.p, k->start, e))
            return false;
        if (xf_splice_rendered(e) ? !reads_as(c, c->b.p, k, ot->kind, e)
            : tg > ot->nkids || !same_bytes(c->b.p, k, c->o, &ot->kids[tg - 1]))
            return false;
    }
    return true;
}

static bool check_top(const xf_splice_ctx *c, const config_setting_t *s,
                      size_t k, const xf_top *f)
{
    char kind = xf_splice_kind(s);
    if (!named(c->b.p, f->s.start, s) || f->kind != kind ||
        (kind && f->nkids != (size_t)config_setting_length(s)))
        return false;
    size_t tg = xf_splice_tag(s);
    const xf_top *ot = tg ? &c->lo.v[tg - 1] : NULL;
    switch (c->mode[k]) {
    case XF_TOP_COPY:
        return ot && same_bytes(c->b.p, &f->s, c->o, &ot->s);
    case XF_TOP_KIDS:
        return ot && check_kids(c, s, f, ot);
    default:
        return reads_as(c, c->b.p, &f->s, 0, s);
    }
}

bool xf_splice_check(const xf_splice_ctx *c)
{
    xf_layout f;
    if (!xf_scan(c->b.p, c->b.n, &f))
        return false;
    const config_setting_t *root = config_root_setting(c->cf);
    size_t n = (size_t)config_setting_length(root);
    bool ok = f.n == n;
    for (size_t k = 0; k < n && ok; k++)
        ok = check_top(c, config_setting_get_elem(root, (unsigned)k), k,
                       &f.v[k]);
    xf_layout_free(&f);
    return ok;
}

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
