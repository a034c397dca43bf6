/* What the two halves of a splice share: splice.c puts the new text
 * together, splice_check.c proves it reads back to the tree. Internal. */
#ifndef XF_SPLICE_IMPL_H
#define XF_SPLICE_IMPL_H

#include "splice.h"
#include "splice_scan.h"

/* How a top-level setting of the tree gets into the new text. */
enum {
    XF_TOP_COPY,  /* unchanged: its bytes as in the file */
    XF_TOP_KIDS,  /* its elements, changed ones rendered, the rest copied */
    XF_TOP_WHOLE, /* rendered whole in its place */
    XF_TOP_NEW    /* new: rendered whole at the end of the file */
};

typedef struct xf_sbuf {
    char *p;
    size_t n, cap;
} xf_sbuf;

typedef struct xf_splice_ctx {
    config_t *cf;
    const char *o;     /* the file as read */
    size_t olen;
    xf_layout lo;
    char *r;           /* the changed settings alone, rendered */
    size_t rlen;
    xf_layout lr;
    unsigned char *mode; /* by top of the tree: XF_TOP_* */
    size_t *rtop;        /* by top of the tree: its index in lr */
    const char *nl;      /* "\n", or "\r\n" in a CRLF file */
    char unit[32];       /* one level of the file's indentation */
    xf_sbuf b;           /* the new text */
} xf_splice_ctx;

/* '{', '(' or '[' as the setting is written; 0 for a single value. */
static inline char xf_splice_kind(const config_setting_t *s)
{
    return config_setting_is_group(s) ? '{' : config_setting_is_list(s) ? '('
           : config_setting_is_array(s) ? '[' : 0;
}

/* The place (1-based) a setting had when the splice began; 0: new. */
size_t xf_splice_tag(const config_setting_t *s);
/* Whether an element of a top-level setting is rendered: new or touched. */
bool xf_splice_rendered(const config_setting_t *e);
/* Whether the new text c->b reads back to the tree c->cf. */
bool xf_splice_check(const xf_splice_ctx *c);

#endif
