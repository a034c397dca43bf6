#include "config_merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same(const xf_partner *a, const xf_partner *b)
{
    return a == b || (a && b && xf_partner_equal(a, b));
}

/* By primary domain only: an additional domain is not the partner. */
static long find_primary(const xf_config *c, const char *domain)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->v[i]->domain, domain))
            return (long)i;
    return -1;
}

static const xf_partner *by_origin(const xf_config *c, int origin)
{
    for (size_t i = 0; origin > 0 && i < c->n; i++)
        if (c->v[i]->origin == origin)
            return c->v[i];
    return NULL;
}

/* Our version of one partner into out, in the place of theirs (t_domain,
 * NULL when they have none): m NULL removes it. */
static void apply(xf_merge *m, const char *t_domain, const xf_partner *mine)
{
    long at = t_domain ? find_primary(&m->out, t_domain) : -1;
    m->merged++;
    if (!mine) {
        if (at >= 0)
            xf_config_remove(&m->out, (size_t)at);
        return;
    }
    xf_partner *p = xf_partner_dup(mine);
    /* its group in the file as it is now keeps what xmppfed does not know */
    p->origin = at >= 0 ? m->out.v[at]->origin : 0;
    p->line = at >= 0 ? m->out.v[at]->line : 0;
    if (!m->taken[0]) {
        xf_err err;
        if (!xf_config_check_owner(&m->out, p, at, &err))
            snprintf(m->taken, sizeof m->taken, "%s", err.msg);
    }
    xf_config_put(&m->out, at, p);
}

/* One partner: b as read, mine as wanted, t as on disk now. */
static void merge_one(xf_merge *m, const xf_partner *b, const xf_partner *mine,
                      const xf_partner *t, bool ours_wins)
{
    if (same(b, mine) || same(t, mine))
        return; /* not changed by us, or changed alike by both */
    const char *t_domain = t ? t->domain : NULL;
    if (same(t, b)) {
        apply(m, t_domain, mine);
        return;
    }
    m->conflicts++;
    xf_diff_partner(&m->theirs, b, t);
    if (ours_wins)
        apply(m, t_domain, mine);
}

static bool same_gateway(const xf_gateway *a, const xf_gateway *b)
{
    xf_changes c = { 0 };
    xf_diff_gateway(&c, a, b);
    bool same = c.n == 0;
    xf_changes_free(&c);
    return same;
}

static void take_gateway(xf_gateway *dst, const xf_gateway *src)
{
    for (int f = 0; f < XF_G_COUNT; f++) {
        char *v = xf_gateway_get(src, (xf_gfield)f);
        xf_err ignored; /* a value in error stays theirs */
        xf_gateway_set(dst, (xf_gfield)f, v, &ignored);
        free(v);
    }
}

static void merge_gateway(xf_merge *m, const xf_config *base,
                          const xf_config *mine, const xf_config *theirs,
                          bool ours_wins)
{
    if (same_gateway(&base->gw, &mine->gw) ||
        same_gateway(&theirs->gw, &mine->gw))
        return;
    if (!same_gateway(&base->gw, &theirs->gw)) {
        m->conflicts++;
        xf_diff_gateway(&m->theirs, &base->gw, &theirs->gw);
        if (!ours_wins)
            return;
    }
    take_gateway(&m->out.gw, &mine->gw);
    m->merged++;
}

void xf_config_merge(const xf_config *base, const xf_config *mine,
                     const xf_config *theirs, bool ours_wins, xf_merge *m)
{
    *m = (xf_merge){ 0 };
    xf_config_copy(&m->out, theirs);
    merge_gateway(m, base, mine, theirs, ours_wins);
    for (size_t i = 0; i < base->n; i++) {
        const xf_partner *b = base->v[i];
        long t = find_primary(theirs, b->domain);
        merge_one(m, b, by_origin(mine, b->origin),
                  t >= 0 ? theirs->v[t] : NULL, ours_wins);
    }
    for (size_t i = 0; i < mine->n; i++) {
        const xf_partner *p = mine->v[i];
        if (by_origin(base, p->origin))
            continue; /* handled above */
        long t = find_primary(theirs, p->domain);
        merge_one(m, NULL, p, t >= 0 ? theirs->v[t] : NULL, ours_wins);
    }
}

void xf_merge_free(xf_merge *m)
{
    xf_config_free(&m->out);
    xf_changes_free(&m->theirs);
}
