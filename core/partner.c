#include "partner.h"
#include "i18n.h"
#include "fields.h"
#include "domain.h"
#include "domain_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

const char *xf_field_label(xf_field f) { return xf_def_label(xf_partner_field(f)); }
const char *xf_field_key(xf_field f) { return xf_partner_field(f)->key; }
const char *xf_field_help(xf_field f) { return xf_def_help(xf_partner_field(f)); }

xf_partner *xf_partner_new(void) /* with the defaults of the table */
{
    xf_partner *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        xf_def_init(xf_partner_field(f), p);
    return p;
}

static char *dup_or_null(const char *s)
{
    return s ? xf_strdup(s) : NULL;
}

static void bad_clear(xf_bad_value *b)
{
    free(b->text);
    free(b->reason);
    *b = (xf_bad_value){ 0 };
}

static void bad_copy(xf_bad_value *dst, const xf_bad_value *src)
{
    *dst = (xf_bad_value){ dup_or_null(src->text), dup_or_null(src->reason),
                           src->line };
}

/* The value in error of field f, or NULL. */
static const xf_bad_value *bad_of(const xf_partner *p, xf_field f)
{
    return p->bad && p->bad[f].text ? &p->bad[f] : NULL;
}

static xf_bad_value *bad_slot(xf_partner *p, xf_field f)
{
    if (!p->bad && !(p->bad = calloc(XF_F_COUNT, sizeof *p->bad)))
        abort();
    return &p->bad[f];
}

static void clear_bad(xf_partner *p, xf_field f)
{
    if (p->bad)
        bad_clear(&p->bad[f]);
}

/* dst's own values in error are cleared first. */
static void take_bad(xf_partner *dst, const xf_partner *src, xf_field f)
{
    clear_bad(dst, f);
    if (bad_of(src, f))
        bad_copy(bad_slot(dst, f), &src->bad[f]);
}

xf_partner *xf_partner_dup(const xf_partner *p)
{
    xf_partner *d = malloc(sizeof *d);
    if (!d)
        abort();
    *d = *p; /* what is no field (line, origin) as it is */
    d->bad = NULL; /* p's: replaced, not freed */
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        xf_def_init(xf_partner_field(f), d); /* p's pointers: replaced, not freed */
        xf_def_copy(xf_partner_field(f), d, p);
        take_bad(d, p, f);
    }
    return d;
}

void xf_partner_free(xf_partner *p)
{
    if (!p)
        return;
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        xf_def_free(xf_partner_field(f), p);
        clear_bad(p, f);
    }
    free(p->bad);
    free(p);
}

static bool same_bad(const xf_partner *a, const xf_partner *b)
{
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        const xf_bad_value *bx = bad_of(a, f), *by = bad_of(b, f);
        const char *x = bx ? bx->text : NULL, *y = by ? by->text : NULL;
        if ((!x != !y) || (x && strcmp(x, y) != 0))
            return false;
    }
    return true;
}

bool xf_partner_equal(const xf_partner *a, const xf_partner *b)
{
    if (!same_bad(a, b))
        return false;
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        if (!xf_def_equal(xf_partner_field(f), a, b))
            return false;
    return true;
}

bool xf_description_check(const char *s, xf_err *err)
{
    size_t len = strlen(s);
    if (len > XF_DESCRIPTION_MAX) {
        xf_errc(err, XF_E_RANGE, XF_SAYS_FIELD, _("description of %zu bytes (at most %d)"), len,
                XF_DESCRIPTION_MAX);
        return false;
    }
    const uint8_t *u = (const uint8_t *)s;
    if (u8_check(u, len)) {
        xf_errc(err, XF_E_INVALID, XF_SAYS_FIELD, _("description is not valid UTF-8"));
        return false;
    }
    for (size_t i = 0; i < len;) {
        ucs4_t c;
        i += (size_t)u8_mbtouc(&c, u + i, len - i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            xf_errc(err, XF_E_INVALID, XF_SAYS_FIELD,
                    _("description holds control character U+%04X"),
                    (unsigned)c);
            return false;
        }
    }
    return true;
}

bool xf_partner_set(xf_partner *p, xf_field f, const char *text, xf_err *err)
{
    const xf_field_def *def = xf_partner_field(f);
    if (!def) {
        xf_errf(err, _("no such field"));
        return false;
    }
    if (!xf_def_set(def, p, text, err)) {
        xf_err_on(err, XF_ON_PARTNER, f);
        return false;
    }
    clear_bad(p, f);
    return true;
}

bool xf_partner_set_items(xf_partner *p, xf_field f, const xf_strlist *items,
                          xf_err *err)
{
    const xf_field_def *def = xf_partner_field(f);
    if (!def || def->kind != XF_K_DOMAIN_LIST) {
        xf_errf(err, _("no such field"));
        return false;
    }
    if (!xf_def_set_items(def, p, items, err)) {
        xf_err_on(err, XF_ON_PARTNER, f);
        return false;
    }
    clear_bad(p, f);
    return true;
}

char *xf_partner_get(const xf_partner *p, xf_field f)
{
    if (f >= XF_F_COUNT)
        return xf_strdup("");
    if (bad_of(p, f))
        return xf_strdup(p->bad[f].text);
    return xf_def_get(xf_partner_field(f), p);
}

/* The common case, a handful: pairs cost less than a hash. */
static bool check_few_domains(const xf_partner *p, xf_err *err)
{
    for (size_t i = 0; i < p->additional.n; i++) {
        const char *d = p->additional.v[i];
        if (strcasecmp(d, p->domain) == 0) {
            xf_errf(err, _("additional domain %s is the primary domain"), d);
            return false;
        }
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(d, p->additional.v[j]) == 0) {
                xf_errf(err, _("additional domain %s is listed twice"), d);
                return false;
            }
    }
    return true;
}

bool xf_partner_check_domains(const xf_partner *p, xf_err *err)
{
    if (!*p->domain) {
        xf_errf(err, _("the primary domain is empty"));
        return false;
    }
    if (p->additional.n <= 8)
        return check_few_domains(p, err);
    /* a hash, not pairs: a partner may list tens of thousands */
    xf_domain_set seen;
    xf_domain_set_init(&seen, p->additional.n + 1);
    xf_domain_set_put(&seen, p->domain, 0);
    bool ok = true;
    for (size_t i = 0; ok && i < p->additional.n; i++) {
        const char *d = p->additional.v[i];
        if (!xf_domain_set_put(&seen, d, 1)) {
            ok = false;
            if (xf_domain_set_get(&seen, d) == 0)
                xf_errf(err, _("additional domain %s is the primary domain"), d);
            else
                xf_errf(err, _("additional domain %s is listed twice"), d);
        }
    }
    xf_domain_set_free(&seen);
    return ok;
}

const xf_matrix_row *xf_partner_matrix(const xf_partner *p)
{
    return xf_matrix_lookup(p->tls, p->sasl, p->dialback);
}

void xf_partner_keep_bad(xf_partner *p, xf_field f, const char *text,
                         const char *reason, int line)
{
    const xf_field_def *def = xf_partner_field(f);
    if (xf_kind_is_string(def->kind))
        xf_replace_str(xf_def_str(def, p), xf_strdup(text));
    clear_bad(p, f);
    *bad_slot(p, f) = (xf_bad_value){ xf_strdup(text), xf_strdup(reason), line };
}

bool xf_partner_in_error(const xf_partner *p, xf_field f)
{
    return bad_of(p, f) != NULL;
}

const char *xf_partner_bad_text(const xf_partner *p, xf_field f)
{
    return bad_of(p, f) ? p->bad[f].text : NULL;
}

const char *xf_partner_error(const xf_partner *p, xf_field f)
{
    return bad_of(p, f) ? p->bad[f].reason : NULL;
}

size_t xf_partner_error_count(const xf_partner *p)
{
    size_t n = 0;
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        n += bad_of(p, f) != NULL;
    return n;
}

void xf_partner_take_field(xf_partner *dst, const xf_partner *src, xf_field f)
{
    if (f >= XF_F_COUNT)
        return;
    xf_def_copy(xf_partner_field(f), dst, src);
    take_bad(dst, src, f);
}

bool xf_partner_policy_known(const xf_partner *p)
{
    return !bad_of(p, XF_F_TLS) && !bad_of(p, XF_F_SASL) &&
           !bad_of(p, XF_F_DIALBACK);
}

const char *xf_partner_policy_error(const xf_partner *p)
{
    static const xf_field policy[] = { XF_F_TLS, XF_F_SASL, XF_F_DIALBACK };
    for (size_t i = 0; i < sizeof policy / sizeof *policy; i++)
        if (bad_of(p, policy[i]))
            return xf_partner_error(p, policy[i]);
    return NULL;
}
