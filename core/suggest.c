#include "suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

size_t xf_edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    /* three rows of the dynamic programme: two back for a swap */
    size_t *row = calloc(3 * (m + 1), sizeof *row);
    if (!row)
        abort();
    size_t *pp = row, *prev = row + m + 1, *cur = row + 2 * (m + 1);
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            int ca = tolower((unsigned char)a[i - 1]);
            int cb = tolower((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                cb == tolower((unsigned char)a[i - 2]) && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    size_t d = prev[m];
    free(row);
    return d;
}

const char *xf_suggest(const char *name, const char *const *known, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = xf_edit_distance(name, known[i]);
        size_t longer = strlen(name) > strlen(known[i]) ? strlen(name)
                                                        : strlen(known[i]);
        size_t limit = longer / 3 ? longer / 3 : 1;
        if (limit > 2)
            limit = 2;
        if (d <= limit && d < best_d) {
            best = known[i];
            best_d = d;
        }
    }
    return best;
}
