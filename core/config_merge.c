#include "config_merge.h"
#include "i18n.h"
#include "config_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The merge under way: out starts as theirs, position for position, so
 * that their index finds a partner in out too; a partner removed is left
 * NULL until the end. */
typedef struct merging {
    xf_merge *m;
    xf_config_index theirs;
    const xf_partner **mine_at; /* mine by origin */
    bool *in_base;              /* origins that base has */
    int norigin;
    xf_partner **applied;       /* ours, put into out: checked at the end */
    size_t napplied;
} merging;

static bool same(const xf_partner *a, const xf_partner *b)
{
    return a == b || (a && b && xf_partner_equal(a, b));
}

static int max_origin(const xf_config *a, const xf_config *b)
{
    int n = 0;
    for (size_t i = 0; i < a->n; i++)
        n = a->v[i]->origin > n ? a->v[i]->origin : n;
    for (size_t i = 0; i < b->n; i++)
        n = b->v[i]->origin > n ? b->v[i]->origin : n;
    return n;
}

static void begin(merging *g, xf_merge *m, const xf_config *base,
                  const xf_config *mine, const xf_config *theirs)
{
    *g = (merging){ .m = m, .norigin = max_origin(base, mine) };
    xf_config_index_build(&g->theirs, theirs);
    g->mine_at = calloc((size_t)g->norigin + 1, sizeof *g->mine_at);
    g->in_base = calloc((size_t)g->norigin + 1, sizeof *g->in_base);
    g->applied = malloc((mine->n + 1) * sizeof *g->applied);
    if (!g->mine_at || !g->in_base || !g->applied)
        abort();
    for (size_t i = 0; i < mine->n; i++)
        if (mine->v[i]->origin > 0)
            g->mine_at[mine->v[i]->origin] = mine->v[i];
    for (size_t i = 0; i < base->n; i++)
        if (base->v[i]->origin > 0)
            g->in_base[base->v[i]->origin] = true;
}

/* Our version of one partner into out at position at (-1: they have none):
 * mine NULL removes it. */
static void apply(merging *g, long at, const xf_partner *mine)
{
    xf_config *out = &g->m->out;
    g->m->merged++;
    if (!mine) {
        if (at >= 0) {
            xf_partner_free(out->v[at]);
            out->v[at] = NULL;
        }
        return;
    }
    xf_partner *p = xf_partner_dup(mine);
    /* its group in the file as it is now keeps what xmppfed does not know */
    p->origin = at >= 0 && out->v[at] ? out->v[at]->origin : 0;
    p->line = at >= 0 && out->v[at] ? out->v[at]->line : 0;
    if (at >= 0 && !out->v[at]) {
        out->v[at] = p;
    } else {
        xf_config_put(out, at, p);
    }
    g->applied[g->napplied++] = p;
}

/* One partner: b as read, mine as wanted, the one at t on disk now. */
static void merge_one(merging *g, const xf_partner *b, const xf_partner *mine,
                      long t, bool ours_wins)
{
    const xf_partner *tp = t >= 0 ? g->theirs.c->v[t] : NULL;
    if (same(b, mine) || same(tp, mine))
        return; /* not changed by us, or changed alike by both */
    if (same(tp, b)) {
        apply(g, t, mine);
        return;
    }
    g->m->conflicts++;
    xf_diff_partner(&g->m->theirs, b, tp);
    if (ours_wins)
        apply(g, t, mine);
}

static bool owns(const xf_partner *q, const char *d)
{
    if (!strcasecmp(q->domain, d))
        return true;
    for (size_t i = 0; i < q->additional.n; i++)
        if (!strcasecmp(q->additional.v[i], d))
            return true;
    return false;
}

/* A domain of p that another partner holds now: the merge is refused. */
static void check_owner(xf_merge *m, const xf_partner *p)
{
    const xf_config *out = &m->out;
    for (size_t i = 0; i < out->n; i++) {
        const xf_partner *q = out->v[i];
        if (q == p)
            continue;
        const char *d = owns(q, p->domain) ? p->domain : NULL;
        for (size_t j = 0; !d && j < p->additional.n; j++)
            d = owns(q, p->additional.v[j]) ? p->additional.v[j] : NULL;
        if (d) {
            snprintf(m->taken, sizeof m->taken, _("domain %s is partner %s's "
                     "now (changed by someone else): nothing was saved"), d,
                     q->domain);
            return;
        }
    }
}

/* The partners removed leave no hole; then every partner of ours put in
 * must not have a domain another partner holds now. */
static void finish(merging *g)
{
    xf_config *out = &g->m->out;
    size_t n = 0;
    for (size_t i = 0; i < out->n; i++)
        if (out->v[i])
            out->v[n++] = out->v[i];
    out->n = n;
    for (size_t k = 0; k < g->napplied && !g->m->taken[0]; k++)
        check_owner(g->m, g->applied[k]);
    xf_config_index_free(&g->theirs);
    free(g->mine_at);
    free(g->in_base);
    free(g->applied);
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
    merging g;
    begin(&g, m, base, mine, theirs);
    for (size_t i = 0; i < base->n; i++) {
        const xf_partner *b = base->v[i];
        merge_one(&g, b, b->origin > 0 ? g.mine_at[b->origin] : NULL,
                  xf_config_index_find(&g.theirs, b->domain), ours_wins);
    }
    for (size_t i = 0; i < mine->n; i++) {
        const xf_partner *p = mine->v[i];
        if (p->origin > 0 && g.in_base[p->origin])
            continue; /* handled above */
        merge_one(&g, NULL, p, xf_config_index_find(&g.theirs, p->domain),
                  ours_wins);
    }
    finish(&g);
}

void xf_merge_free(xf_merge *m)
{
    xf_config_free(&m->out);
    xf_changes_free(&m->theirs);
}
