#include "i18n.h"
#include "xmlstream.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_STREAM "http://etherx.jabber.org/streams"
#define NS_TLS "urn:ietf:params:xml:ns:xmpp-tls"
#define NS_SASL "urn:ietf:params:xml:ns:xmpp-sasl"
#define NS_ERRORS "urn:ietf:params:xml:ns:xmpp-streams"
#define NS_DIALBACK_FEATURE "urn:xmpp:features:dialback"
#define MAX_DEPTH 32
#define MAX_TEXT 1024

struct xf_xmlstream {
    XML_Parser p;
    xf_stream_state s;
    int depth;
    char parent[128];   /* the depth-2 element we are in: "ns name" */
    char text[MAX_TEXT + 1];
    size_t text_len;
    bool collect;
};

/* expat with namespaces gives "namespace-uri name" (separator ' '). */
static bool is(const char *el, const char *ns, const char *name)
{
    size_t n = strlen(ns);
    return strncmp(el, ns, n) == 0 && el[n] == ' ' && strcmp(el + n + 1, name) == 0;
}

static char *dup_or_die(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

static void refuse(xf_xmlstream *x, const char *why)
{
    if (!x->s.bad)
        x->s.bad = dup_or_die(why);
    XML_StopParser(x->p, XML_FALSE);
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0)
            return atts[i + 1];
    return NULL;
}

static void stream_header(xf_xmlstream *x, const char *el, const char **atts)
{
    if (!is(el, NS_STREAM, "stream")) {
        refuse(x, _("the partner did not open an XMPP stream"));
        return;
    }
    x->s.header = true;
    x->s.from = dup_or_die(attr(atts, "from"));
    x->s.id = dup_or_die(attr(atts, "id"));
    x->s.version = dup_or_die(attr(atts, "version"));
}

static void child(xf_xmlstream *x, const char *el)
{
    snprintf(x->parent, sizeof x->parent, "%s", el);
    if (is(el, NS_TLS, "proceed")) {
        x->s.proceed = true;
        /* TLS bytes follow: stop at the start tag, whether the rest came
         * in this buffer or comes in the next */
        XML_StopParser(x->p, XML_FALSE);
    } else if (is(el, NS_TLS, "failure"))
        x->s.tls_failure = true;
    else if (is(el, NS_SASL, "success"))
        x->s.sasl_success = true;
    else if (is(el, NS_SASL, "failure"))
        x->s.sasl_failure = true;
}

static void grandchild(xf_xmlstream *x, const char *el)
{
    const char *p = x->parent;
    if (is(p, NS_STREAM, "features")) {
        if (is(el, NS_TLS, "starttls"))
            x->s.starttls = true;
        else if (is(el, NS_DIALBACK_FEATURE, "dialback"))
            x->s.dialback = true;
    } else if (is(p, NS_STREAM, "error")) {
        if (strncmp(el, NS_ERRORS " ", strlen(NS_ERRORS) + 1) == 0) {
            const char *name = el + strlen(NS_ERRORS) + 1;
            if (strcmp(name, "text") == 0)
                x->collect = true;
            else if (!x->s.error)
                x->s.error = dup_or_die(name);
        }
    } else if (is(p, NS_SASL, "failure") && !x->s.sasl_condition) {
        x->s.sasl_condition = dup_or_die(strchr(el, ' ') ? strchr(el, ' ') + 1 : el);
    }
}

static void XMLCALL on_start(void *ud, const char *el, const char **atts)
{
    xf_xmlstream *x = ud;
    x->depth++;
    x->text_len = 0;
    if (x->depth > MAX_DEPTH) {
        refuse(x, _("elements nested too deep"));
        return;
    }
    if (x->depth == 1)
        stream_header(x, el, atts);
    else if (x->depth == 2)
        child(x, el);
    else if (x->depth == 3)
        grandchild(x, el);
    else if (x->depth == 4 && is(x->parent, NS_STREAM, "features")) {
        if (is(el, NS_TLS, "required"))
            x->s.starttls_required = true;
        else if (is(el, NS_SASL, "mechanism"))
            x->collect = true;
    }
}

static void XMLCALL on_end(void *ud, const char *el)
{
    xf_xmlstream *x = ud;
    if (x->collect) {
        x->text[x->text_len] = '\0';
        if (is(el, NS_SASL, "mechanism") && x->s.mechanisms.n < 64)
            xf_strlist_push(&x->s.mechanisms, x->text);
        else if (is(el, NS_ERRORS, "text") && !x->s.error_text)
            x->s.error_text = dup_or_die(x->text);
        x->collect = false;
    }
    if (x->depth == 2) {
        if (is(el, NS_STREAM, "features"))
            x->s.features = true;
        x->parent[0] = '\0';
    }
    if (x->depth == 1)
        x->s.closed = true;
    x->depth--;
}

static void XMLCALL on_text(void *ud, const char *s, int len)
{
    xf_xmlstream *x = ud;
    if (!x->collect)
        return;
    size_t room = MAX_TEXT - x->text_len;
    size_t n = (size_t)len < room ? (size_t)len : room;
    memcpy(x->text + x->text_len, s, n);
    x->text_len += n;
}

static void XMLCALL on_doctype(void *ud, const char *name, const char *sysid,
                               const char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    refuse(ud, _("the partner sent a DOCTYPE, which XMPP forbids"));
}

static void XMLCALL on_entity(void *ud, const char *name, int pe,
                              const char *value, int len, const char *base,
                              const char *sysid, const char *pubid,
                              const char *notation)
{
    (void)name, (void)pe, (void)value, (void)len, (void)base, (void)sysid;
    (void)pubid, (void)notation;
    refuse(ud, _("the partner declared an entity, which XMPP forbids"));
}

static void XMLCALL on_pi(void *ud, const char *target, const char *data)
{
    (void)target, (void)data;
    refuse(ud, _("the partner sent a processing instruction, which XMPP forbids"));
}

static void XMLCALL on_ns(void *ud, const char *prefix, const char *uri)
{
    xf_xmlstream *x = ud;
    if (prefix && uri && !strcmp(prefix, "db") &&
        !strcmp(uri, "jabber:server:dialback"))
        x->s.db_namespace = true;
}

xf_xmlstream *xf_xmlstream_new(void)
{
    xf_xmlstream *x = calloc(1, sizeof *x);
    if (!x)
        abort();
    x->p = XML_ParserCreateNS("UTF-8", ' ');
    if (!x->p)
        abort();
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, on_start, on_end);
    XML_SetCharacterDataHandler(x->p, on_text);
    XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
    XML_SetEntityDeclHandler(x->p, on_entity);
    XML_SetProcessingInstructionHandler(x->p, on_pi);
    XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartNamespaceDeclHandler(x->p, on_ns);
#ifdef XF_HAVE_REPARSE_DEFERRAL
    /* expat >= 2.6 (and Debian's 2.5 with the CVE-2023-52425 fix) may hold
     * back a token until more bytes come; a partner that sends its
     * features in small pieces and then waits would stall the test */
    XML_SetReparseDeferralEnabled(x->p, XML_FALSE);
#endif
    return x;
}

/* The bytes before the first one that UTF-8 XML cannot hold: a NUL, 0xFE
 * or 0xFF. Told UTF-8, expat still switches to UTF-16 on a BOM or a NUL
 * among the first bytes, or not, depending on how they were split; XMPP
 * is UTF-8 only (RFC 6120 4.9.3.22). */
static size_t utf8_span(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == 0 || c == 0xfe || c == 0xff)
            return i;
    }
    return len;
}

bool xf_xmlstream_feed(xf_xmlstream *x, const char *buf, size_t len)
{
    if (x->s.bad)
        return false;
    x->s.bytes += len;
    if (x->s.bytes > XF_STREAM_MAX) {
        refuse(x, _("the partner sent more than 256 KiB without getting to the "
               "point"));
        return false;
    }
    if (x->s.proceed)
        return true; /* nothing after <proceed/> is XML */
    size_t n = utf8_span(buf, len); /* what follows <proceed/> may be TLS */
    enum XML_Status st = XML_Parse(x->p, buf, (int)n, XML_FALSE);
    if (st == XML_STATUS_ERROR && !x->s.bad && !x->s.proceed) {
        char why[200];
        snprintf(why, sizeof why, _("the partner sent bad XML: %s (line %lu)"),
                 XML_ErrorString(XML_GetErrorCode(x->p)),
                 (unsigned long)XML_GetCurrentLineNumber(x->p));
        x->s.bad = dup_or_die(why);
    }
    if (n < len && !x->s.bad && !x->s.proceed)
        refuse(x, _("the partner sent bytes that are not UTF-8 (a NUL byte, or "
               "UTF-16): XMPP is UTF-8 only"));
    return !x->s.bad;
}

const xf_stream_state *xf_xmlstream_state(const xf_xmlstream *x)
{
    return &x->s;
}

void xf_xmlstream_free(xf_xmlstream *x)
{
    if (!x)
        return;
    XML_ParserFree(x->p);
    xf_stream_state *s = &x->s;
    free(s->from);
    free(s->id);
    free(s->version);
    free(s->sasl_condition);
    free(s->error);
    free(s->error_text);
    free(s->bad);
    xf_strlist_clear(&s->mechanisms);
    free(x);
}
