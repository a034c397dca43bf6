/* The partner's side of an XMPP stream, read with expat: what a probe needs
 * to know, parsed by namespace, in any order, with whitespace keep-alives.
 * Untrusted input: a byte cap, a depth cap, and no DOCTYPE, entity
 * declaration or processing instruction. A new reader for every stream
 * (re)start. */
#ifndef XF_XMLSTREAM_H
#define XF_XMLSTREAM_H

#include "strlist.h"

#include <stdbool.h>
#include <stddef.h>

#define XF_STREAM_MAX (256u * 1024) /* bytes one stream may send us */

typedef struct xf_stream_state {
    bool header;               /* the partner's <stream:stream> */
    char *from, *id, *version;
    bool db_namespace;         /* xmlns:db='jabber:server:dialback' */
    bool features;             /* </stream:features> seen */
    bool starttls, starttls_required;
    bool dialback;             /* urn:xmpp:features:dialback */
    xf_strlist mechanisms;     /* SASL */
    bool proceed, tls_failure; /* answers to <starttls/> */
    bool sasl_success, sasl_failure;
    char *sasl_condition;
    char *error, *error_text;  /* <stream:error> condition and text */
    bool closed;               /* </stream:stream> */
    char *bad;                 /* why the input is not acceptable */
    size_t bytes;
} xf_stream_state;

typedef struct xf_xmlstream xf_xmlstream;

xf_xmlstream *xf_xmlstream_new(void);
void xf_xmlstream_free(xf_xmlstream *x);
/* Feeds bytes; false when the input is bad (s->bad says why) or over the
 * cap. After <proceed/> the rest of the buffer is not read. */
bool xf_xmlstream_feed(xf_xmlstream *x, const char *buf, size_t len);
const xf_stream_state *xf_xmlstream_state(const xf_xmlstream *x);

#endif
