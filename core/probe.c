#include "i18n.h"
#include "probe.h"
#include "clock.h"
#include "domain.h"
#include "netio.h"
#include "resolve.h"
#include "xmlstream.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tls_lib.h" /* last: see there */

#define XMPP_PORT 5269
#define MAX_ENDPOINTS 8

typedef struct probe {
    const xf_partner *p;
    const xf_probe_opts *o;
    size_t job;
    xf_probe_result *r;
    int64_t deadline;
    SSL_CTX *ctx;
    bool own_ctx;
} probe;

typedef struct endpoint {
    char host[256];
    int port, priority, weight;
    bool direct_tls;
    char origin[400]; /* where it came from, for the report */
} endpoint;

static void step(probe *pr, const char *name, xf_step_status st,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void step(probe *pr, const char *name, xf_step_status st,
                 const char *fmt, ...)
{
    xf_probe_result *r = pr->r;
    xf_step *v = realloc(r->steps, (r->nsteps + 1) * sizeof *v);
    if (!v)
        abort();
    r->steps = v;
    xf_step *s = &v[r->nsteps++];
    *s = (xf_step){ .status = st };
    snprintf(s->name, sizeof s->name, "%s", name);
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&s->text, fmt, ap) < 0)
        abort();
    va_end(ap);
    if (pr->o->on_step)
        pr->o->on_step(pr->o->ctx, pr->job, s);
}

static void set_failure(probe *pr, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_failure(probe *pr, const char *fmt, ...)
{
    if (pr->r->failure)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&pr->r->failure, fmt, ap) < 0)
        abort();
    va_end(ap);
}

/* --- endpoints ---------------------------------------------------------- */

static int from_proxy(probe *pr, endpoint *ep)
{
    char *host = NULL;
    int port = 0;
    xf_err err;
    char *norm = xf_hostport_normalize(pr->p->proxy_fqdn, &host, &port, &err);
    if (!norm) {
        set_failure(pr, "proxy_fqdn: %s", err.msg);
        step(pr, "dns", XF_STEP_FAIL, "proxy_fqdn: %s", err.msg);
        return 0;
    }
    snprintf(ep->host, sizeof ep->host, "%s", host);
    ep->port = port ? port : XMPP_PORT;
    snprintf(ep->origin, sizeof ep->origin, _("proxy_fqdn, no DNS SRV lookup"));
    step(pr, "dns", XF_STEP_INFO, _("proxy_fqdn %s: no DNS SRV lookup"), norm);
    free(norm);
    free(host);
    return 1;
}

/* Appends the usable records of one SRV set; says what it found. */
static int add_srv(probe *pr, xf_resolver *res, bool direct, endpoint *ep,
                   int have, bool *disabled, int *dns_failed)
{
    char name[300], list[600] = "";
    snprintf(name, sizeof name, "_%s-server._tcp.%s", direct ? "xmpps" : "xmpp",
             pr->p->domain);
    xf_srv *v;
    xf_err err;
    int n = xf_resolve_srv(res, name, direct, &v, &err);
    if (n < 0) {
        /* one server answering with an error is the stronger news */
        if (*dns_failed != -1)
            *dns_failed = n;
        step(pr, "dns", XF_STEP_WARN, "%s", err.msg);
        return have;
    }
    for (int i = 0; i < n; i++) {
        size_t len = strlen(list);
        if (!*v[i].target) {
            *disabled = true;
            snprintf(list + len, sizeof list - len, _("%s. (service off)"),
                     len ? ", " : "");
            continue;
        }
        snprintf(list + len, sizeof list - len, _("%s%s:%d (priority %d, weight %d)"),
                 len ? ", " : "", v[i].target, v[i].port, v[i].priority, v[i].weight);
        if (have < MAX_ENDPOINTS) {
            endpoint *e = &ep[have++];
            snprintf(e->host, sizeof e->host, "%s", v[i].target);
            e->port = v[i].port;
            e->priority = v[i].priority;
            e->weight = v[i].weight;
            e->direct_tls = direct;
            snprintf(e->origin, sizeof e->origin, _("SRV %s priority %d"), name,
                     v[i].priority);
        }
    }
    step(pr, "dns", n ? XF_STEP_OK : XF_STEP_INFO, "%s: %s", name,
         n ? list : _("no record"));
    xf_srv_free(v, n);
    return have;
}

static int by_priority(const void *a, const void *b)
{
    const endpoint *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority - y->priority;
    if (x->direct_tls != y->direct_tls)
        return (int)y->direct_tls - (int)x->direct_tls; /* direct TLS first */
    return y->weight - x->weight; /* qsort is not stable: say it again */
}

static int find_endpoints(probe *pr, xf_resolver *res, endpoint *ep)
{
    if (*pr->p->proxy_fqdn)
        return from_proxy(pr, ep);
    bool disabled = false;
    int failed = 0; /* 0, -1 or XF_DNS_NO_ANSWER, as xf_resolve_srv says */
    int n = add_srv(pr, res, true, ep, 0, &disabled, &failed);
    n = add_srv(pr, res, false, ep, n, &disabled, &failed);
    if (n) {
        qsort(ep, (size_t)n, sizeof *ep, by_priority);
        return n;
    }
    if (disabled) {
        set_failure(pr, _("the SRV record of %s says it has no server-to-server "
                    "service (target '.')"), pr->p->domain);
        return 0;
    }
    if (failed) {
        set_failure(pr, failed == XF_DNS_NO_ANSWER
                    ? _("the DNS server did not answer")
                    : _("DNS lookup of the SRV records failed"));
        return 0;
    }
    snprintf(ep->host, sizeof ep->host, "%s", pr->p->domain);
    ep->port = XMPP_PORT;
    snprintf(ep->origin, sizeof ep->origin, _("no SRV record: the domain itself"));
    step(pr, "dns", XF_STEP_INFO, _("no SRV record: trying %s:%d"), ep->host,
         ep->port);
    return 1;
}

/* --- the XMPP stream ---------------------------------------------------- */

typedef bool (*until_fn)(const xf_stream_state *s);

static bool got_features(const xf_stream_state *s) { return s->features; }
static bool got_tls_answer(const xf_stream_state *s)
{
    return s->proceed || s->tls_failure;
}
static bool got_sasl_answer(const xf_stream_state *s)
{
    return s->sasl_success || s->sasl_failure;
}

/* Reads until done(state), a stream error, the end, or bad input. */
static bool read_until(probe *pr, xf_conn *c, xf_xmlstream *x, until_fn done,
                       const char *what)
{
    char buf[4096];
    xf_err err;
    for (;;) {
        const xf_stream_state *s = xf_xmlstream_state(x);
        if (done(s))
            return true;
        if (s->error) {
            free(pr->r->stream_error);
            if (asprintf(&pr->r->stream_error, "%s%s%s", s->error,
                         s->error_text && *s->error_text ? ": " : "",
                         s->error_text ? s->error_text : "") < 0)
                abort();
            set_failure(pr, _("the partner closed the stream with the error %s"),
                        pr->r->stream_error);
            return false;
        }
        if (s->bad) {
            set_failure(pr, "%s", s->bad);
            return false;
        }
        if (s->closed) {
            set_failure(pr, _("the partner closed the stream while we waited "
                        "for %s"), what);
            return false;
        }
        ssize_t n = xf_conn_read(c, buf, sizeof buf, &err);
        if (n <= 0) {
            set_failure(pr, _("waiting for %s: %s"), what,
                        n == 0 ? _("the partner closed the connection") : err.msg);
            return false;
        }
        xf_xmlstream_feed(x, buf, (size_t)n);
    }
}

static bool send_header(probe *pr, xf_conn *c)
{
    char hdr[700];
    const char *from = pr->o->from && *pr->o->from ? pr->o->from : NULL;
    snprintf(hdr, sizeof hdr,
             "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
             "xmlns:stream='http://etherx.jabber.org/streams' "
             "xmlns:db='jabber:server:dialback' to='%s'%s%s%s version='1.0'>",
             pr->p->domain, from ? " from='" : "", from ? from : "",
             from ? "'" : "");
    xf_err err;
    if (xf_conn_write(c, hdr, strlen(hdr), &err) < 0) {
        set_failure(pr, _("sending the stream header: %s"), err.msg);
        return false;
    }
    return true;
}

static void keep_features(const xf_stream_state *s, xf_features *f)
{
    f->read = true;
    f->starttls = s->starttls;
    f->starttls_required = s->starttls_required;
    f->dialback = s->dialback;
    xf_strlist_copy(&f->mechanisms, &s->mechanisms);
}

static void describe_features(const xf_features *f, char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "%s", "");
    if (f->starttls)
        n += (size_t)snprintf(out + n, cap - n, "starttls%s",
                              f->starttls_required ? _(" (required)") : "");
    for (size_t i = 0; i < f->mechanisms.n && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%sSASL %s", n ? ", " : "",
                              f->mechanisms.v[i]);
    if (f->dialback && n < cap)
        n += (size_t)snprintf(out + n, cap - n, "%sdialback", n ? ", " : "");
    if (!n)
        snprintf(out, cap, _("none"));
}

/* Opens a stream and reads its features into f; *out is the stream's
 * reader, for what follows on the same stream (the caller frees it). */
static bool open_stream(probe *pr, xf_conn *c, xf_features *f, bool tls,
                        xf_xmlstream **out)
{
    xf_xmlstream *x = xf_xmlstream_new();
    *out = x;
    bool ok = send_header(pr, c) &&
              read_until(pr, c, x, got_features, _("the stream features"));
    const xf_stream_state *s = xf_xmlstream_state(x);
    if (s->db_namespace)
        pr->r->db_namespace = true;
    if (ok) {
        keep_features(s, f);
        char desc[400];
        describe_features(f, desc, sizeof desc);
        step(pr, tls ? "features" : "stream", XF_STEP_OK, "%s%s",
             tls ? _("after TLS: ") : _("features: "), desc);
    } else {
        step(pr, tls ? "features" : "stream", XF_STEP_FAIL, "%s", pr->r->failure);
    }
    return ok;
}

static void report_tls(probe *pr)
{
    const xf_tls_info *t = &pr->r->tls;
    step(pr, "tls", XF_STEP_OK, "%s %s%s%s", t->version, t->cipher,
         *t->alpn ? ", ALPN " : "", t->alpn);
    if (!t->presented) {
        step(pr, "cert", XF_STEP_FAIL, _("the partner sent no certificate"));
        return;
    }
    bool soon = t->days_left < pr->o->warn_days;
    step(pr, "cert", !t->verified || !t->name_ok ? XF_STEP_FAIL
                     : soon ? XF_STEP_WARN : XF_STEP_OK,
         _("%s; %s; expires %s (%d days); names: %s"),
         t->verified ? _("chain verified") : t->verify_error,
         t->name_ok ? t->name_how : _("not valid for the partner domain"),
         t->not_after, t->days_left, *t->names ? t->names : _("none"));
}

static bool handshake(probe *pr, xf_conn *c, bool alpn)
{
    xf_err err;
    if (xf_conn_tls(c, pr->ctx, pr->p->domain, alpn, &err) < 0) {
        set_failure(pr, _("TLS handshake failed: %s"), err.msg);
        step(pr, "tls", XF_STEP_FAIL, _("handshake failed: %s"), err.msg);
        return false;
    }
    xf_tls_inspect(c->ssl, pr->p->domain, &pr->r->tls);
    report_tls(pr);
    return true;
}

/* <starttls/> and its answer, on the stream read by x. */
static bool starttls(probe *pr, xf_conn *c, xf_xmlstream *x)
{
    static const char req[] = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
    xf_err err;
    if (xf_conn_write(c, req, sizeof req - 1, &err) < 0) {
        set_failure(pr, _("sending STARTTLS: %s"), err.msg);
        return false;
    }
    bool ok = read_until(pr, c, x, got_tls_answer, _("the answer to STARTTLS"));
    if (ok && xf_xmlstream_state(x)->tls_failure) {
        set_failure(pr, _("the partner answered STARTTLS with <failure/>"));
        ok = false;
    }
    if (!ok)
        step(pr, "tls", XF_STEP_FAIL, "STARTTLS: %s", pr->r->failure);
    return ok && handshake(pr, c, false);
}

/* SASL EXTERNAL (XEP-0178) with the certificate we presented; the answer
 * comes on the same stream, read by its reader x. */
static void try_external(probe *pr, xf_conn *c, xf_xmlstream *x)
{
    static const char auth[] = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' "
                               "mechanism='EXTERNAL'>=</auth>";
    xf_err err;
    xf_probe_result *r = pr->r;
    r->external_tried = true;
    char *saved = r->failure; /* a SASL failure is a finding, not the end */
    r->failure = NULL;
    if (xf_conn_write(c, auth, sizeof auth - 1, &err) == 0 &&
        read_until(pr, c, x, got_sasl_answer, _("the answer to SASL EXTERNAL"))) {
        const xf_stream_state *s = xf_xmlstream_state(x);
        r->external_ok = s->sasl_success;
        if (!s->sasl_success)
            r->external_failure = xf_strdup(s->sasl_condition ? s->sasl_condition
                                                              : _("failure"));
    } else {
        r->external_failure = xf_strdup(r->failure ? r->failure : err.msg);
    }
    free(r->failure);
    r->failure = saved;
    step(pr, "sasl", r->external_ok ? XF_STEP_OK : XF_STEP_FAIL,
         _("EXTERNAL with our certificate: %s"),
         r->external_ok ? _("success") : r->external_failure);
}

static bool offers_external(const xf_features *f)
{
    return xf_strlist_find(&f->mechanisms, "EXTERNAL") >= 0;
}

static void sasl_step(probe *pr, xf_conn *c, xf_xmlstream *x)
{
    const xf_probe_result *r = pr->r;
    if (offers_external(&r->after_tls) && r->have_cert)
        try_external(pr, c, x);
    else if (!offers_external(&r->after_tls))
        step(pr, "sasl", r->have_cert ? XF_STEP_WARN : XF_STEP_INFO,
             _("EXTERNAL not offered%s"), r->have_cert ? ""
             : _(" (inconclusive: we presented no certificate; see --cert)"));
    else
        step(pr, "sasl", XF_STEP_INFO, _("EXTERNAL offered; not tried: we have "
             "no certificate to present (see --cert)"));
}

static void direct_tls_session(probe *pr, xf_conn *c)
{
    xf_probe_result *r = pr->r;
    xf_xmlstream *x = NULL;
    /* a completed handshake is not enough: an XMPP stream must answer */
    if (handshake(pr, c, true) && open_stream(pr, c, &r->after_tls, true, &x)) {
        r->stream_ok = true;
        sasl_step(pr, c, x);
    }
    xf_xmlstream_free(x);
}

static void starttls_session(probe *pr, xf_conn *c)
{
    xf_probe_result *r = pr->r;
    xf_xmlstream *x = NULL, *restarted = NULL;
    r->stream_ok = open_stream(pr, c, &r->before_tls, false, &x);
    if (!r->stream_ok) {
        /* open_stream said why */
    } else if (!r->before_tls.starttls) {
        step(pr, "tls", pr->p->tls == XF_MODE_REQUIRED ? XF_STEP_FAIL : XF_STEP_WARN,
             _("the partner offers no STARTTLS"));
    } else if (pr->p->tls == XF_MODE_NOT_SUPPORTED) {
        step(pr, "tls", XF_STEP_INFO, _("not negotiated: TLS is not-supported "
             "for this partner"));
    } else if (starttls(pr, c, x) &&
               open_stream(pr, c, &r->after_tls, true, &restarted)) {
        sasl_step(pr, c, restarted); /* after TLS: a new stream, a new reader */
    }
    xf_xmlstream_free(x);
    xf_xmlstream_free(restarted);
}

static bool connect_to(probe *pr, xf_resolver *res, const endpoint *ep,
                       xf_conn *c)
{
    xf_addr *addrs;
    xf_err err;
    int n = xf_resolve_addrs(res, ep->host, ep->port, &addrs, &err);
    if (n < 0) {
        step(pr, "connect", XF_STEP_FAIL, "%s", err.msg);
        set_failure(pr, "%s", err.msg);
        return false;
    }
    xf_connect_log log;
    c->fd = xf_connect_happy(addrs, n, pr->deadline, pr->o->cancel, &log);
    int v4 = 0, v6 = 0;
    for (int i = 0; i < n; i++)
        addrs[i].ss.ss_family == AF_INET6 ? v6++ : v4++;
    if (c->fd < 0) {
        step(pr, "connect", XF_STEP_FAIL, "%s:%d (%s): %s", ep->host, ep->port,
             ep->origin, log.tried);
        set_failure(pr, _("cannot connect to %s:%d: %s"), ep->host, ep->port,
                    log.tried);
    } else {
        free(pr->r->failure); /* an earlier endpoint's failure is history */
        pr->r->failure = NULL;
        pr->r->address = xf_strdup(addrs[log.winner].text);
        if (asprintf(&pr->r->endpoint, "%s:%d", ep->host, ep->port) < 0)
            abort();
        step(pr, "connect", XF_STEP_OK,
             ngettext("%s in %ld ms (%s, %s; %d IPv6 and %d IPv4 address: %s)",
                      "%s in %ld ms (%s, %s; %d IPv6 and %d IPv4 addresses: %s)",
                      (unsigned long)(v4 + v6)),
             addrs[log.winner].text, log.ms,
             addrs[log.winner].ss.ss_family == AF_INET6 ? "IPv6" : "IPv4",
             ep->direct_tls ? _("direct TLS") : "STARTTLS", v6, v4, log.tried);
    }
    free(addrs);
    return c->fd >= 0;
}

static void run(probe *pr)
{
    xf_err err;
    /* the domain goes into the stream header and the SNI: a value kept
     * as it was in the file because it breaks the rules goes nowhere */
    char *valid = xf_domain_normalize(pr->p->domain, &err);
    free(valid);
    if (!valid) {
        set_failure(pr, _("the partner's domain is not a valid DNS name: %s"), err.msg);
        step(pr, "dns", XF_STEP_FAIL, "%s", pr->r->failure);
        return;
    }
    /* a stand-in for a policy value in error would be judged, and the
     * verdict would be about settings that are not the file's */
    const char *policy = pr->r->configured ? xf_partner_policy_error(pr->p) : NULL;
    if (policy) {
        set_failure(pr, _("%s: fix it first (not tested)"), policy);
        step(pr, "policy", XF_STEP_FAIL, "%s", pr->r->failure);
        return;
    }
    pr->own_ctx = !pr->o->tls;
    pr->ctx = pr->o->tls ? pr->o->tls
                         : xf_tls_context(pr->o->ca_file, pr->o->cert, pr->o->key, &err);
    if (!pr->ctx) {
        set_failure(pr, "%s", err.msg);
        step(pr, "tls", XF_STEP_FAIL, "%s", err.msg);
        return;
    }
    pr->r->have_cert = pr->o->cert && *pr->o->cert;
    xf_resolver *res = xf_resolver_new(pr->o->dns, pr->deadline, pr->o->cancel, &err);
    if (!res) {
        set_failure(pr, "%s", err.msg);
        step(pr, "dns", XF_STEP_FAIL, "%s", err.msg);
        return;
    }
    endpoint ep[MAX_ENDPOINTS] = { 0 };
    int n = find_endpoints(pr, res, ep);
    xf_conn c = { .fd = -1, .deadline = pr->deadline, .cancel = pr->o->cancel };
    int i = 0;
    while (i < n && !(pr->r->connected = connect_to(pr, res, &ep[i], &c)))
        i++;
    if (pr->r->connected) {
        pr->r->direct_tls = ep[i].direct_tls;
        if (ep[i].direct_tls)
            direct_tls_session(pr, &c);
        else
            starttls_session(pr, &c);
        xf_err ignored;
        xf_conn_write(&c, "</stream:stream>", 16, &ignored);
    }
    xf_conn_close(&c);
    xf_resolver_free(res);
}

void xf_probe_run(const xf_partner *p, bool configured, const xf_probe_opts *o,
                  size_t job, xf_probe_result *r)
{
    int64_t t0 = xf_now_ms();
    *r = (xf_probe_result){ .domain = xf_strdup(p->domain),
                            .configured = configured, .warn_days = o->warn_days };
    probe pr = { .p = p, .o = o, .job = job, .r = r,
                 .deadline = t0 + (o->timeout_ms > 0 ? o->timeout_ms : 10000) };
    run(&pr);
    if (pr.own_ctx)
        SSL_CTX_free(pr.ctx);
    if (xf_cancelled(o->cancel))
        set_failure(&pr, _("cancelled"));
    r->elapsed_ms = (long)(xf_now_ms() - t0);
    xf_verdict_decide(p, r);
    if (o->on_done)
        o->on_done(o->ctx, job, r);
}

void xf_probe_result_free(xf_probe_result *r)
{
    free(r->domain);
    free(r->reason);
    free(r->suggestion);
    free(r->endpoint);
    free(r->address);
    free(r->external_failure);
    free(r->stream_error);
    free(r->failure);
    xf_strlist_clear(&r->before_tls.mechanisms);
    xf_strlist_clear(&r->after_tls.mechanisms);
    for (size_t i = 0; i < r->nsteps; i++)
        free(r->steps[i].text);
    free(r->steps);
    *r = (xf_probe_result){ 0 };
}

const char *xf_outcome_name(xf_outcome o)
{
    static const char *const n[] = { "PASS", "WARN", "FAIL" };
    return o <= XF_FAIL ? n[o] : "?";
}
