/* The three-way merge of a commit that found the file changed by someone
 * else: base is the file as we read it, mine what we want it to be,
 * theirs the file as it is now. A change to a partner (or the gateway)
 * that only one side made goes through; only the same partner changed on
 * both sides differently, or a domain now owned by another partner, is a
 * conflict for the user to decide. */
#ifndef XF_CONFIG_MERGE_H
#define XF_CONFIG_MERGE_H

#include "config.h"
#include "partner_diff.h"

typedef struct xf_merge {
    xf_config out;       /* theirs with our changes (see ours_wins) */
    xf_changes theirs;   /* their change to each partner in conflict */
    size_t conflicts;    /* partners (or the gateway) changed both ways */
    size_t merged;       /* our changes that went through */
    char taken[512];     /* a domain of ours now another partner's: the
                            merge cannot be saved ("" when none) */
} xf_merge;

/* Partners are matched between base and mine by their place in the file
 * (origin), between base and theirs by domain. ours_wins: a conflict
 * takes our version of that partner (never of any other). */
void xf_config_merge(const xf_config *base, const xf_config *mine,
                     const xf_config *theirs, bool ours_wins, xf_merge *m);
void xf_merge_free(xf_merge *m);

#endif
