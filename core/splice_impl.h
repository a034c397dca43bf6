/* What the two halves of a splice share: splice.c puts the new text
 * together, splice_check.c proves it reads back to the tree. Internal. */
#ifndef XF_SPLICE_IMPL_H
#define XF_SPLICE_IMPL_H

#include "splice.h"
#include "splice_scan.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* How a top-level setting of the tree gets into the new text. */
enum {
    XF_TOP_COPY,  /* unchanged: its bytes as in the file */
    XF_TOP_KIDS,  /* its elements, changed ones rendered, the rest copied */
    XF_TOP_WHOLE, /* rendered whole in its place */
    XF_TOP_NEW    /* new: rendered whole at the end of the file */
};

/* Where a copied setting's text (from its first token to the end of its
 * value) was put in the new text, and the hash of what it was in the file
 * (the setting's by its place, not what was copied); start XF_RENDERED:
 * it was rendered. */
typedef struct xf_at {
    size_t start, vend;
    uint64_t hash;
} xf_at;
#define XF_RENDERED ((size_t)-1)

struct xf_splice {
    /* the tree when the splice began: the file's text must have the same
     * shape for its spans to be the settings' ones */
    size_t n;
    char *kind;  /* by top: '{', '(', '[' or 0 */
    size_t *len; /* by top: its number of elements */
    /* what the new text was made of, by top of the tree after the
     * change: for the check, which then needs neither the file's text
     * nor its layout */
    size_t ntop;
    unsigned char *mode; /* XF_TOP_* */
    xf_at *top_at;       /* XF_TOP_COPY: where the top went */
    xf_at **kid_at;      /* XF_TOP_KIDS: where each element went */
};

typedef struct xf_splice_ctx {
    config_t *cf;
    xf_splice *sp;
    const char *o;     /* the file as read */
    size_t olen;
    xf_layout lo;
    char *r;           /* the changed settings alone, rendered */
    size_t rlen;
    xf_layout lr;
    size_t *rtop;        /* by top of the tree: its index in lr */
    const char *nl;      /* "\n", or "\r\n" in a CRLF file */
    char unit[32];       /* one level of the file's indentation */
    FILE *f;             /* the new text goes there */
    size_t n;            /* bytes put so far */
    char last;           /* the last one */
} xf_splice_ctx;

/* '{', '(' or '[' as the setting is written; 0 for a single value. */
static inline char xf_splice_kind(const config_setting_t *s)
{
    return config_setting_is_group(s) ? '{' : config_setting_is_list(s) ? '('
           : config_setting_is_array(s) ? '[' : 0;
}

/* The file's text is not kept for the check, a hash of each copied
 * setting's text is: eight bytes at a time (a byte at a time was a
 * twentieth of a save), enough to tell a wrong text from the right one. */
static inline uint64_t xf_splice_hash(const char *t, size_t from, size_t to)
{
    uint64_t h = 0x9e3779b97f4a7c15u ^ (to - from), w;
    size_t p = from;
    for (; p + 8 <= to; p += 8) {
        memcpy(&w, t + p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdu;
        h ^= h >> 32;
    }
    for (; p < to; p++)
        h = (h ^ (unsigned char)t[p]) * 0x100000001b3u;
    return h;
}

/* The place (1-based) a setting had when the splice began; 0: new. */
size_t xf_splice_tag(const config_setting_t *s);
/* Whether an element of a top-level setting is rendered: new or touched. */
bool xf_splice_rendered(const config_setting_t *e);
/* Whether text, what xf_splice_write wrote, reads back to the tree cf. */
bool xf_splice_check(const xf_splice *sp, config_t *cf, const char *text,
                     size_t len);

#endif
