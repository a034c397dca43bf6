/* "Did you mean ...?": the known name closest to a misspelt one. */
#ifndef XF_SUGGEST_H
#define XF_SUGGEST_H

#include <stddef.h>

/* Edit distance (optimal string alignment: insertions, deletions,
 * substitutions and swaps of neighbours, letters compared without case). */
size_t xf_edit_distance(const char *a, const char *b);
/* The name of known[0..n) closest to name when it is close enough to be a
 * likely typo (edits: at most a third of the longer name's letters, at
 * least 1 and at most 2), else NULL. */
const char *xf_suggest(const char *name, const char *const *known, size_t n);

#endif
