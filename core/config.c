#include "i18n.h"
#include "config.h"
#include "fields.h"
#include "apply.h"
#include "domain.h"
#include "domain_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const char *xf_gfield_key(xf_gfield f) { return xf_gateway_field(f)->key; }
const char *xf_gfield_label(xf_gfield f) { return xf_def_label(xf_gateway_field(f)); }
const char *xf_gfield_help(xf_gfield f) { return xf_def_help(xf_gateway_field(f)); }

void xf_config_init(xf_config *c)
{
    *c = (xf_config){ 0 };
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        xf_def_init(xf_gateway_field(f), &c->gw);
}

void xf_config_free(xf_config *c)
{
    for (size_t i = 0; i < c->n; i++)
        xf_partner_free(c->v[i]);
    free(c->v);
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        xf_def_free(xf_gateway_field(f), &c->gw);
    *c = (xf_config){ 0 };
}

void xf_config_copy(xf_config *dst, const xf_config *src)
{
    xf_config_init(dst);
    for (size_t i = 0; i < src->n; i++)
        xf_config_put(dst, -1, xf_partner_dup(src->v[i]));
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        xf_def_copy(xf_gateway_field(f), &dst->gw, &src->gw);
}

static bool owns(const xf_partner *p, const char *domain)
{
    return strcasecmp(p->domain, domain) == 0 ||
           xf_strlist_find(&p->additional, domain) >= 0;
}

long xf_config_find(const xf_config *c, const char *domain)
{
    for (size_t i = 0; i < c->n; i++)
        if (owns(c->v[i], domain))
            return (long)i;
    return -1;
}

static bool check_one_owner(const xf_config *c, const char *d, long self,
                            xf_err *err)
{
    long at = xf_config_find(c, d);
    if (at < 0 || at == self)
        return true;
    if (strcasecmp(c->v[at]->domain, d) == 0)
        xf_errc(err, XF_E_TAKEN, 0, _("domain %s is already a partner"), d);
    else
        xf_errc(err, XF_E_TAKEN, 0, _("domain %s already belongs to partner %s"),
                d, c->v[at]->domain);
    return false;
}

bool xf_config_check_owner(const xf_config *c, const xf_partner *p, long self,
                           xf_err *err)
{
    if (!check_one_owner(c, p->domain, self, err))
        return false;
    for (size_t i = 0; i < p->additional.n; i++)
        if (!check_one_owner(c, p->additional.v[i], self, err))
            return false;
    return true;
}

bool xf_config_check_partner(const xf_config *c, const xf_partner *p,
                             long self, xf_err *err, const char **warn)
{
    if (warn)
        *warn = NULL;
    if (!xf_partner_check_domains(p, err) ||
        !xf_config_check_owner(c, p, self, err))
        return false;
    if (!xf_partner_policy_known(p))
        return true; /* kept as in the file: the values in error are shown */
    const xf_matrix_row *m = xf_partner_matrix(p);
    if (m->verdict == XF_VERDICT_ERROR) {
        xf_errf(err, "%s: %s", p->domain, _(m->reason));
        return false;
    }
    if (warn && m->verdict == XF_VERDICT_WARNING)
        *warn = _(m->reason);
    return true;
}

void xf_config_put(xf_config *c, long index, xf_partner *p)
{
    if (index >= 0) {
        xf_partner_free(c->v[index]);
        c->v[index] = p;
        return;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        xf_partner **v = realloc(c->v, cap * sizeof *v);
        if (!v)
            abort();
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = p;
}

void xf_config_remove(xf_config *c, size_t index)
{
    if (index >= c->n)
        return;
    xf_partner_free(c->v[index]);
    memmove(c->v + index, c->v + index + 1,
            (c->n - index - 1) * sizeof *c->v);
    c->n--;
}

/* Reports a domain of partner i held by an earlier partner: each clash
 * once, against the first partner holding it; else the domain is now
 * partner i's. */
static void check_clash(const xf_config *c, xf_domain_set *seen, size_t i,
                        const char *domain, bool primary, xf_diags *d)
{
    long j = xf_domain_set_add(seen, domain, (long)i);
    if (j < 0 || (size_t)j == i)
        return;
    const xf_partner *p = c->v[i], *q = c->v[j];
    if (primary)
        xf_diags_add(d, XF_DIAG_ERROR, p->line,
                     _("partner %s: domain already belongs to partner %s"),
                     p->domain, q->domain);
    else
        xf_diags_add(d, XF_DIAG_ERROR, p->line,
                     _("partner %s: additional domain %s already belongs to "
                     "partner %s"), p->domain, domain, q->domain);
}

static void validate_partner(const xf_config *c, size_t i,
                             xf_domain_set *seen, xf_diags *d)
{
    const xf_partner *p = c->v[i];
    xf_err err;
    bool domains_read = !xf_partner_in_error(p, XF_F_DOMAIN) &&
                        !xf_partner_in_error(p, XF_F_ADDITIONAL);
    if (domains_read && !xf_partner_check_domains(p, &err))
        xf_diags_add(d, XF_DIAG_ERROR, p->line, "%s", err.msg);
    check_clash(c, seen, i, p->domain, true, d);
    for (size_t k = 0; k < p->additional.n; k++)
        check_clash(c, seen, i, p->additional.v[k], false, d);
    if (!xf_partner_policy_known(p))
        return; /* the values in error are reported; no verdict on guesses */
    const xf_matrix_row *m = xf_partner_matrix(p);
    if (m->verdict != XF_VERDICT_OK || m->reason)
        xf_diags_add(d, m->verdict == XF_VERDICT_ERROR     ? XF_DIAG_ERROR
                        : m->verdict == XF_VERDICT_WARNING ? XF_DIAG_WARNING
                                                           : XF_DIAG_NOTE,
                     p->line, _("partner %s: tls=%s sasl=%s dialback=%s: %s"),
                     p->domain, xf_mode_name(p->tls), xf_mode_name(p->sasl),
                     xf_bool_name(p->dialback), _(m->reason));
}

static void validate_gateway(const xf_gateway *g, xf_diags *d)
{
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        const xf_field_def *def = xf_gateway_field(f);
        const char *path = def->kind == XF_K_PATH ? XF_DEF_CSTR(def, g) : "";
        if (*path && access(path, R_OK) != 0)
            xf_diags_add(d, XF_DIAG_WARNING, 0, _("gateway: %s %s cannot be read"),
                         def->key, path);
    }
    if (!*g->certificate != !*g->key)
        xf_diags_add(d, XF_DIAG_WARNING, 0, _("gateway: certificate and key "
                     "go together: set both or neither"));
}

enum { PREFETCH_AHEAD = 4 };

static void prefetch_domains(const xf_domain_set *seen, const xf_partner *p)
{
    xf_domain_set_prefetch(seen, p->domain);
    for (size_t k = 0; k < p->additional.n; k++)
        xf_domain_set_prefetch(seen, p->additional.v[k]);
}

void xf_config_validate(const xf_config *c, xf_diags *d)
{
    /* one hash of every domain: the one-owner rule in linear time */
    xf_domain_set seen;
    xf_domain_set_init(&seen, c->n * 2);
    for (size_t i = 0; i < c->n; i++) {
        /* a few partners ahead: their slots arrive while these are done */
        if (i + PREFETCH_AHEAD < c->n)
            prefetch_domains(&seen, c->v[i + PREFETCH_AHEAD]);
        validate_partner(c, i, &seen, d);
    }
    xf_domain_set_free(&seen);
    validate_gateway(&c->gw, d);
}

bool xf_gfield_is_int(xf_gfield f)
{
    return xf_gateway_field(f)->kind == XF_K_INT;
}

bool xf_gateway_set(xf_gateway *g, xf_gfield f, const char *text, xf_err *err)
{
    const xf_field_def *def = xf_gateway_field(f);
    if (!def) {
        xf_errf(err, _("no such setting"));
        return false;
    }
    if (xf_def_set(def, g, text, err))
        return true;
    xf_err_on(err, XF_ON_GATEWAY, (int)f);
    return false;
}

const char *xf_err_key(const xf_err *err)
{
    if (err->field.scope == XF_ON_PARTNER)
        return xf_field_key((xf_field)err->field.id);
    if (err->field.scope == XF_ON_GATEWAY)
        return xf_gfield_key((xf_gfield)err->field.id);
    return "";
}

char *xf_gateway_get(const xf_gateway *g, xf_gfield f)
{
    return xf_def_get(xf_gateway_field(f), g);
}
