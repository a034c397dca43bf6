/* The partners of a configuration sorted by primary domain: a lookup in
 * O(log n), so that comparing two configurations of a million partners
 * (the change log at each save, a merge) stays O(n log n). */
#ifndef XF_CONFIG_INDEX_H
#define XF_CONFIG_INDEX_H

#include "config.h"

typedef struct xf_config_index {
    const xf_config *c;
    size_t *at; /* positions in c, by domain */
} xf_config_index;

void xf_config_index_build(xf_config_index *ix, const xf_config *c);
/* The position in c of the partner whose primary domain is domain; -1. */
long xf_config_index_find(const xf_config_index *ix, const char *domain);
void xf_config_index_free(xf_config_index *ix);

#endif
