/* Where the settings of a libconfig file are in its text: a scanner that
 * knows libconfig's lexical rules (strings with escapes, # // and C
 * comments, brackets) only to find the spans of the top-level settings
 * and of the elements of each top-level group or list. It reads no value:
 * libconfig stays the parser. For xf_splice. */
#ifndef XF_SPLICE_SCAN_H
#define XF_SPLICE_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* One setting or list element. The core runs from its first token to the
 * end of its value (vend) and its separator (end); the extended span
 * adds the indentation before it and the rest of its line after it (a
 * comment there belongs to it) when it has its lines to itself. */
typedef struct xf_span {
    size_t xs, start, vend, end, xe;
    bool comma; /* the separator is a ',' (lists: between elements) */
} xf_span;

typedef struct xf_top {
    xf_span s;
    char kind;          /* '{', '(' or '['; 0 for a single value */
    size_t open, close; /* the brackets, when kind */
    xf_span *kids;      /* the elements, when kind */
    size_t nkids;
} xf_top;

typedef struct xf_layout {
    xf_top *v;
    size_t n;
} xf_layout;

/* False when the text is not something this scanner follows (then the
 * caller does not splice). */
bool xf_scan(const char *text, size_t len, xf_layout *out);
void xf_layout_free(xf_layout *l);

#endif
