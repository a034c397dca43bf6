/* What changed between two versions of the configuration, a setting at a
 * time: for the change log, the review before a commit and the conflict
 * dialog. */
#ifndef XF_PARTNER_DIFF_H
#define XF_PARTNER_DIFF_H

#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#define XF_DIFF_GATEWAY "gateway"  /* the "partner" of gateway settings */
#define XF_DIFF_PARTNER "partner"  /* the "setting" of an added/removed one */

typedef struct xf_change {
    char *partner;       /* its domain (A-label), or XF_DIFF_GATEWAY */
    char *setting;       /* the key in the file, or XF_DIFF_PARTNER */
    char *old, *neu;     /* the values as xf_partner_get gives them */
} xf_change;

typedef struct xf_changes {
    xf_change *v;
    size_t n, cap;
} xf_changes;

void xf_changes_add(xf_changes *c, const char *partner, const char *setting,
                    const char *old, const char *neu);
void xf_changes_free(xf_changes *c);

/* a or b NULL: the partner was added (a NULL) or removed (b NULL). */
void xf_diff_partner(xf_changes *c, const xf_partner *a, const xf_partner *b);
void xf_diff_gateway(xf_changes *c, const xf_gateway *a, const xf_gateway *b);
/* Partners are matched by domain. */
void xf_diff_config(xf_changes *c, const xf_config *a, const xf_config *b);

/* Type, TLS, SASL or dialback differ: the commit is reviewed first. */
bool xf_diff_security(const xf_partner *a, const xf_partner *b);

#endif
