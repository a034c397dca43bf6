#include "partner_diff.h"
#include "config_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void xf_changes_add(xf_changes *c, const char *partner, const char *setting,
                    const char *old, const char *neu)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 8;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
        if (!c->v)
            abort();
    }
    c->v[c->n++] = (xf_change){ xf_strdup(partner), xf_strdup(setting),
                                xf_strdup(old), xf_strdup(neu) };
}

void xf_changes_free(xf_changes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].partner);
        free(c->v[i].setting);
        free(c->v[i].old);
        free(c->v[i].neu);
    }
    free(c->v);
    *c = (xf_changes){ 0 };
}

/* Every field of a and b that differs; a added partner is compared with
 * the defaults, so that the log says what it was added with. */
static void diff_fields(xf_changes *c, const char *name, const xf_partner *a,
                        const xf_partner *b)
{
    for (int f = 0; f < XF_F_COUNT; f++) {
        char *x = xf_partner_get(a, (xf_field)f);
        char *y = xf_partner_get(b, (xf_field)f);
        if (strcmp(x, y) != 0)
            xf_changes_add(c, name, xf_field_key((xf_field)f), x, y);
        free(x);
        free(y);
    }
}

void xf_diff_partner(xf_changes *c, const xf_partner *a, const xf_partner *b)
{
    const char *name = b ? b->domain : a ? a->domain : "";
    if (a && b) {
        diff_fields(c, a->domain, a, b);
        return;
    }
    xf_changes_add(c, name, XF_DIFF_PARTNER, a ? "present" : "absent",
                   a ? "absent" : "present");
    if (b) {
        xf_partner *d = xf_partner_new();
        free(d->domain);
        d->domain = xf_strdup(b->domain);
        diff_fields(c, name, d, b);
        xf_partner_free(d);
    }
}

void xf_diff_gateway(xf_changes *c, const xf_gateway *a, const xf_gateway *b)
{
    for (int f = 0; f < XF_G_COUNT; f++) {
        char *x = xf_gateway_get(a, (xf_gfield)f);
        char *y = xf_gateway_get(b, (xf_gfield)f);
        if (strcmp(x, y) != 0)
            xf_changes_add(c, XF_DIFF_GATEWAY, xf_gfield_key((xf_gfield)f),
                           x, y);
        free(x);
        free(y);
    }
}

void xf_diff_config(xf_changes *c, const xf_config *a, const xf_config *b)
{
    xf_config_index ia, ib;
    xf_config_index_build(&ia, a);
    xf_config_index_build(&ib, b);
    xf_diff_gateway(c, &a->gw, &b->gw);
    for (size_t i = 0; i < a->n; i++) {
        long j = xf_config_index_find(&ib, a->v[i]->domain);
        if (j < 0 || !xf_partner_equal(a->v[i], b->v[j]))
            xf_diff_partner(c, a->v[i], j >= 0 ? b->v[j] : NULL);
    }
    for (size_t j = 0; j < b->n; j++)
        if (xf_config_index_find(&ia, b->v[j]->domain) < 0)
            xf_diff_partner(c, NULL, b->v[j]);
    xf_config_index_free(&ia);
    xf_config_index_free(&ib);
}

bool xf_diff_security(const xf_partner *a, const xf_partner *b)
{
    static const xf_field sec[] = { XF_F_TYPE, XF_F_TLS, XF_F_SASL,
                                    XF_F_DIALBACK };
    if (!a || !b)
        return false;
    bool differ = false;
    for (size_t i = 0; i < sizeof sec / sizeof *sec && !differ; i++) {
        char *x = xf_partner_get(a, sec[i]), *y = xf_partner_get(b, sec[i]);
        differ = strcmp(x, y) != 0;
        free(x);
        free(y);
    }
    return differ;
}

