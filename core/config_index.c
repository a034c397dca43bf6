#include "config_index.h"

#include <stdlib.h>
#include <string.h>

static int by_domain(const void *a, const void *b, void *arg)
{
    const xf_config *c = arg;
    return strcmp(c->v[*(const size_t *)a]->domain,
                  c->v[*(const size_t *)b]->domain);
}

void xf_config_index_build(xf_config_index *ix, const xf_config *c)
{
    ix->c = c;
    ix->at = malloc((c->n ? c->n : 1) * sizeof *ix->at);
    if (!ix->at)
        abort();
    for (size_t i = 0; i < c->n; i++)
        ix->at[i] = i;
    qsort_r(ix->at, c->n, sizeof *ix->at, by_domain, (void *)c);
}

long xf_config_index_find(const xf_config_index *ix, const char *domain)
{
    size_t lo = 0, hi = ix->c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(ix->c->v[ix->at[mid]]->domain, domain);
        if (cmp == 0)
            return (long)ix->at[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

void xf_config_index_free(xf_config_index *ix)
{
    free(ix->at);
    ix->at = NULL;
}
