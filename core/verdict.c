/* The verdict of a test against the partner's policy: PASS, WARN or FAIL,
 * the authentication method that would be used, and the reason in words
 * an administrator acts on. */
#include "i18n.h"
#include "probe.h"
#include "strlist.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void say(xf_probe_result *r, xf_outcome o, unsigned method,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void say(xf_probe_result *r, xf_outcome o, unsigned method,
                const char *fmt, ...)
{
    r->outcome = o;
    r->method = method;
    free(r->reason);
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&r->reason, fmt, ap) < 0)
        abort();
    va_end(ap);
}

static bool offers(const xf_features *f, const char *mech)
{
    return xf_strlist_find(&f->mechanisms, mech) >= 0;
}

/* What the test found, in the terms the policy speaks. */
typedef struct facts {
    bool tls, cert_ok, external, external_unknown, dialback_tls, dialback_tcp;
} facts;

static facts gather(const xf_probe_result *r)
{
    facts f = { .tls = r->tls.done };
    f.cert_ok = f.tls && r->tls.verified && r->tls.name_ok;
    bool ext = f.tls && offers(&r->after_tls, "EXTERNAL");
    f.external = ext && (!r->external_tried || r->external_ok);
    /* many servers offer EXTERNAL only to a peer with a certificate */
    f.external_unknown = f.tls && !ext && !r->have_cert;
    bool db = r->db_namespace;
    f.dialback_tls = f.tls && (r->after_tls.dialback || db);
    f.dialback_tcp = !f.tls && (r->before_tls.dialback || db);
    return f;
}

static const char *cert_problem(const xf_probe_result *r, char *buf, size_t cap)
{
    if (!r->tls.presented)
        snprintf(buf, cap, "%s", _("the partner sent no certificate"));
    else if (!r->tls.verified)
        snprintf(buf, cap, _("the certificate cannot be verified: %s"),
                 r->tls.verify_error);
    else
        snprintf(buf, cap, _("the certificate is not valid for %s (it names %s)"),
                 r->domain, *r->tls.names ? r->tls.names : _("nothing usable"));
    return buf;
}

static bool refusal(const char *stream_error)
{
    return !strncmp(stream_error, "not-authorized", 14) ||
           !strncmp(stream_error, "policy-violation", 16);
}

/* TLS worked but the stream after it ended in an error, not features:
 * Prosody's s2s_secure_auth does so when the certificate of the server
 * that connects (ours) is missing or not valid. Dialback announced
 * before TLS says nothing then; true when a verdict was said. */
static bool refused_after_tls(xf_probe_result *r, const facts *f)
{
    if (!f->tls || r->after_tls.read)
        return false;
    if (r->stream_error && refusal(r->stream_error) && !r->have_cert)
        say(r, XF_WARN, 0, _("the partner accepts only servers that present a "
            "valid certificate: after TLS it closed the stream with %s; we "
            "presented none (inconclusive: test again with --cert)"),
            r->stream_error);
    else if (r->stream_error && refusal(r->stream_error))
        say(r, XF_FAIL, 0, _("the partner refused our certificate: after TLS it "
            "closed the stream with %s"), r->stream_error);
    else
        say(r, XF_FAIL, 0, "%s", r->failure ? r->failure
            : _("no stream features after TLS"));
    return true;
}

/* Transport and TLS requirements; true when a FAIL was said. */
static bool transport_fails(const xf_partner *pol, xf_probe_result *r,
                            const facts *f)
{
    char buf[400];
    if (r->connected && refused_after_tls(r, f))
        return true;
    if (!r->connected || !r->stream_ok) {
        say(r, XF_FAIL, 0, "%s", r->failure ? r->failure : _("no XMPP stream"));
        return true;
    }
    if (pol->tls == XF_MODE_REQUIRED && !f->tls) {
        if (!r->before_tls.starttls && !r->direct_tls)
            say(r, XF_FAIL, 0, _("TLS is required but the partner offers no STARTTLS"));
        else
            say(r, XF_FAIL, 0, _("TLS is required but %s"),
                r->failure ? r->failure : _("it was not negotiated"));
        return true;
    }
    if (pol->tls == XF_MODE_REQUIRED && !f->cert_ok) {
        say(r, XF_FAIL, 0, _("TLS is required but %s"),
            cert_problem(r, buf, sizeof buf));
        return true;
    }
    if (pol->tls == XF_MODE_NOT_SUPPORTED &&
        (r->before_tls.starttls_required || r->direct_tls)) {
        say(r, XF_FAIL, 0, _("TLS is not-supported for this partner, but the "
            "partner %s"), r->direct_tls ? _("is reached by direct TLS only")
                                        : _("requires STARTTLS"));
        return true;
    }
    if (pol->tls != XF_MODE_NOT_SUPPORTED && r->failure && !f->tls) {
        say(r, XF_FAIL, 0, "%s", r->failure);
        return true;
    }
    return false;
}

static unsigned pick_method(const xf_partner *pol, const facts *f)
{
    unsigned allowed = xf_partner_matrix(pol)->methods;
    if (allowed & XF_METHOD_SASL_TLS && f->cert_ok && f->external)
        return XF_METHOD_SASL_TLS;
    if (pol->sasl == XF_MODE_REQUIRED)
        return 0; /* dialback never runs when SASL is required */
    if (allowed & XF_METHOD_TLS_DIALBACK && f->dialback_tls)
        return XF_METHOD_TLS_DIALBACK;
    if (allowed & XF_METHOD_TCP_DIALBACK && f->dialback_tcp)
        return XF_METHOD_TCP_DIALBACK;
    return 0;
}

static void no_method(const xf_partner *pol, xf_probe_result *r, const facts *f)
{
    if (pol->sasl == XF_MODE_REQUIRED && f->external_unknown)
        say(r, XF_WARN, XF_METHOD_SASL_TLS, _("SASL is required; the partner did "
            "not offer EXTERNAL, but we presented no certificate (--cert): "
            "inconclusive"));
    else if (pol->sasl == XF_MODE_REQUIRED)
        say(r, XF_FAIL, 0, _("SASL is required but %s"),
            r->external_tried ? _("SASL EXTERNAL failed")
            : _("the partner does not offer SASL EXTERNAL"));
    else if (!pol->dialback)
        say(r, XF_FAIL, 0, _("dialback is off for this partner and %s"),
            f->external_unknown ? _("SASL EXTERNAL was not offered (inconclusive "
            "without --cert)") : _("the partner offers no SASL EXTERNAL"));
    else
        say(r, XF_FAIL, 0, _("no authentication method would work: the partner "
            "offers %s"), f->tls ? _("neither SASL EXTERNAL nor dialback")
                                : _("no dialback over plain TCP"));
}

static void explain_pass(xf_probe_result *r, unsigned method, const facts *f)
{
    if (method == XF_METHOD_SASL_TLS)
        say(r, XF_PASS, method, _("%s, certificate verified (%s), SASL EXTERNAL "
            "%s"), r->tls.version, r->tls.name_how,
            r->external_ok ? _("succeeded") : _("offered"));
    else if (method == XF_METHOD_TLS_DIALBACK)
        say(r, XF_PASS, method, _("%s%s, dialback offered"), r->tls.version,
            f->cert_ok ? _(", certificate verified") : "");
    else
        say(r, XF_PASS, method, _("dialback over plain TCP (no TLS)"));
}

/* PASS becomes WARN for what may fail later. */
static void warnings(const xf_partner *pol, xf_probe_result *r, const facts *f)
{
    char buf[400];
    if (f->tls && !f->cert_ok)
        say(r, XF_WARN, r->method, _("%s (TLS is %s)"),
            cert_problem(r, buf, sizeof buf), xf_mode_name(pol->tls));
    else if (f->cert_ok && r->tls.days_left < r->warn_days)
        say(r, XF_WARN, r->method, ngettext("certificate expires in %d days",
            "certificate expires in %d days", r->tls.days_left),
            r->tls.days_left);
    else if (r->external_tried && !r->external_ok)
        say(r, XF_WARN, r->method, _("SASL EXTERNAL with our certificate failed "
            "(%s); %s would be used"), r->external_failure ? r->external_failure
            : _("failure"), xf_method_name(r->method));
    else if (!f->tls && pol->tls == XF_MODE_OPTIONAL)
        say(r, XF_WARN, r->method, _("the partner offers no TLS: dialback over "
            "plain TCP, the weakest trust"));
}

/* For a domain not in the file: the strictest settings that would work. */
static void suggest(xf_probe_result *r, const facts *f)
{
    xf_mode tls = f->cert_ok ? XF_MODE_REQUIRED
                  : f->tls ? XF_MODE_OPTIONAL : XF_MODE_NOT_SUPPORTED;
    xf_mode sasl = f->cert_ok && (f->external || f->external_unknown)
                       ? XF_MODE_OPTIONAL : XF_MODE_NOT_SUPPORTED;
    bool db = f->dialback_tls || f->dialback_tcp;
    if (tls == XF_MODE_NOT_SUPPORTED && r->before_tls.starttls_required)
        tls = XF_MODE_REQUIRED;
    const xf_matrix_row *m = xf_matrix_lookup(tls, sasl, db);
    if (!r->connected || !r->stream_ok || m->verdict == XF_VERDICT_ERROR)
        r->suggestion = xf_strdup(_("no settings would work with this partner now"));
    else if (asprintf(&r->suggestion, _("would work with --tls %s --sasl %s "
                      "--dialback %s"), xf_mode_name(tls), xf_mode_name(sasl),
                      db ? "yes" : "no") < 0)
        abort();
}

/* The last word: a failed step, or a stream error, never ends in PASS
 * (an endpoint that refused before another answered, a SASL failure...). */
static void never_pass_over_failure(xf_probe_result *r)
{
    if (r->outcome != XF_PASS)
        return;
    const xf_step *bad = NULL;
    for (size_t i = 0; i < r->nsteps && !bad; i++)
        if (r->steps[i].status == XF_STEP_FAIL)
            bad = &r->steps[i];
    if (!bad && !r->stream_error)
        return;
    char *was = r->reason;
    r->reason = NULL;
    if (bad)
        say(r, XF_WARN, r->method, _("%s, but the %s step failed: %s"), was,
            bad->name, bad->text);
    else if (r->stream_error)
        say(r, XF_WARN, r->method, _("%s, but the partner closed the stream "
            "with the error %s"), was, r->stream_error);
    free(was);
}

void xf_verdict_decide(const xf_partner *pol, xf_probe_result *r)
{
    facts f = gather(r);
    if (!r->configured)
        suggest(r, &f);
    if (transport_fails(pol, r, &f))
        return;
    unsigned method = pick_method(pol, &f);
    if (!method) {
        no_method(pol, r, &f);
        return;
    }
    explain_pass(r, method, &f);
    warnings(pol, r, &f);
    never_pass_over_failure(r);
}

char *xf_verdict_line(const xf_probe_result *r)
{
    char *line = NULL;
    if (asprintf(&line, "%s: %s%s%s: %s", r->domain, xf_outcome_name(r->outcome),
                 r->method ? " via " : "",
                 r->method ? xf_method_name(r->method) : "",
                 r->reason ? r->reason : "") < 0)
        abort();
    return line;
}
