/* Proving a spliced text before it is put in place: it must read back to
 * the tree to be saved. Parsing all of it again cost a second tree and a
 * second parse of the file; instead the new text, as read back, is
 * scanned (the spans of every setting and element, see splice_scan.h)
 * and must have the tree's shape and names, each copied setting must be
 * found exactly where its bytes (the file's, which libconfig read to
 * that very setting) were put, and each rendered one is parsed alone and
 * must be the setting of the tree. */
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

/* Whether the scanned span x of t is where the copied text went, and
 * holds the text of the file's setting (which libconfig read to that
 * very setting). */
static bool same_place(const char *t, const xf_span *x, const xf_at *at)
{
    return at->start != XF_RENDERED && x->start == at->start &&
           x->vend == at->vend &&
           xf_splice_hash(t, x->start, x->vend) == at->hash;
}

/* Whether span sp of t, parsed alone, is s: as the one element of a
 * setting of that kind, or (kind 0) as the one top-level setting. */
static bool reads_as(config_t *cf, const char *t, const xf_span *sp,
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
    config_set_options(&v, config_get_options(cf));
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

/* The elements of top s, as scanned in the new text t (f) and as put
 * there (at). */
static bool check_kids(config_t *cf, const char *t, const config_setting_t *s,
                       const xf_top *f, const xf_at *at)
{
    size_t n = (size_t)config_setting_length(s);
    if (!at || f->nkids != n)
        return false;
    for (size_t m = 0; m < n; m++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)m);
        const xf_span *k = &f->kids[m];
        if (f->kind == '{' && !named(t, k->start, e))
            return false;
        if (at[m].start == XF_RENDERED ? !reads_as(cf, t, k, f->kind, e)
                                       : !same_place(t, k, &at[m]))
            return false;
    }
    return true;
}

static bool check_top(const xf_splice *sp, config_t *cf, const char *t,
                      const config_setting_t *s, size_t k, const xf_top *f)
{
    char kind = xf_splice_kind(s);
    if (!named(t, f->s.start, s) || f->kind != kind ||
        (kind && f->nkids != (size_t)config_setting_length(s)))
        return false;
    switch (sp->mode[k]) {
    case XF_TOP_COPY:
        return same_place(t, &f->s, &sp->top_at[k]);
    case XF_TOP_KIDS:
        return check_kids(cf, t, s, f, sp->kid_at[k]);
    default:
        return reads_as(cf, t, &f->s, 0, s);
    }
}

bool xf_splice_check(const xf_splice *sp, config_t *cf, const char *text,
                     size_t len)
{
    xf_layout f;
    if (!xf_scan(text, len, &f))
        return false;
    const config_setting_t *root = config_root_setting(cf);
    size_t n = (size_t)config_setting_length(root);
    bool ok = f.n == n && n == sp->ntop;
    for (size_t k = 0; k < n && ok; k++)
        ok = check_top(sp, cf, text, config_setting_get_elem(root, (unsigned)k),
                       k, &f.v[k]);
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
