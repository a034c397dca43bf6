/* The verdict: what a test found, judged against the partner's policy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xf_partner *policy(const char *tls, const char *sasl, const char *db)
{
    xf_partner *p = xf_partner_new();
    xf_partner_set(p, XF_F_DOMAIN, "p.test", NULL);
    xf_partner_set(p, XF_F_TLS, tls, NULL);
    xf_partner_set(p, XF_F_SASL, sasl, NULL);
    xf_partner_set(p, XF_F_DIALBACK, db, NULL);
    return p;
}

/* A partner that offers STARTTLS, a good certificate, dialback. */
static xf_probe_result good(void)
{
    xf_probe_result r = { .domain = strdup("p.test"), .configured = true,
                          .connected = true, .stream_ok = true,
                          .warn_days = 14 };
    r.before_tls = (xf_features){ .read = true, .starttls = true, .dialback = true };
    r.after_tls = (xf_features){ .read = true, .dialback = true };
    r.tls = (xf_tls_info){ .done = true, .presented = true, .verified = true,
                           .name_ok = true, .days_left = 200 };
    strcpy(r.tls.version, "TLSv1.3");
    strcpy(r.tls.name_how, "DNS-ID");
    return r;
}

static void judge(const char *tls, const char *sasl, const char *db,
                  xf_probe_result *r, xf_outcome want, unsigned method,
                  const char *reason)
{
    xf_partner *p = policy(tls, sasl, db);
    xf_verdict_decide(p, r);
    if (r->outcome != want || r->method != method || !strstr(r->reason, reason))
        fail_msg("tls=%s sasl=%s db=%s: got %s %s '%s', want %s %s '%s'", tls,
                 sasl, db, xf_outcome_name(r->outcome),
                 r->method ? xf_method_name(r->method) : "-", r->reason,
                 xf_outcome_name(want), method ? xf_method_name(method) : "-",
                 reason);
    xf_partner_free(p);
    xf_probe_result_free(r);
}

static void test_transport(void **state)
{
    (void)state;
    xf_probe_result r = good();
    r.connected = false;
    r.failure = strdup("cannot connect to x:5269: Connection refused");
    judge("required", "optional", "true", &r, XF_FAIL, 0, "Connection refused");
    r = good();
    r.tls.done = false;
    r.before_tls.starttls = false;
    judge("required", "optional", "true", &r, XF_FAIL, 0,
          "TLS is required but the partner offers no STARTTLS");
    r = good();
    r.before_tls.starttls_required = true;
    r.tls.done = false;
    judge("not-supported", "not-supported", "true", &r, XF_FAIL, 0,
          "partner requires STARTTLS");
}

static void test_certificates(void **state)
{
    (void)state;
    xf_probe_result r = good();
    r.tls.verified = false;
    strcpy(r.tls.verify_error, "self-signed certificate");
    judge("required", "optional", "true", &r, XF_FAIL, 0,
          "TLS is required but the certificate cannot be verified: self-signed");
    r = good();
    r.tls.verified = false;
    strcpy(r.tls.verify_error, "self-signed certificate");
    judge("optional", "not-supported", "true", &r, XF_WARN,
          XF_METHOD_TLS_DIALBACK, "cannot be verified");
    r = good();
    r.tls.name_ok = false;
    strcpy(r.tls.names, "DNS:other.test");
    judge("required", "optional", "true", &r, XF_FAIL, 0,
          "not valid for p.test (it names DNS:other.test)");
    r = good();
    r.tls.days_left = 9;
    judge("required", "optional", "true", &r, XF_WARN, XF_METHOD_TLS_DIALBACK,
          "certificate expires in 9 days");
    r = good(); /* the threshold is the test's (--warn-days, cert_warn_days) */
    r.tls.days_left = 20;
    judge("required", "optional", "true", &r, XF_PASS, XF_METHOD_TLS_DIALBACK,
          "certificate verified");
    r = good();
    r.tls.days_left = 20;
    r.warn_days = 30;
    judge("required", "optional", "true", &r, XF_WARN, XF_METHOD_TLS_DIALBACK,
          "certificate expires in 20 days");
    r = good();
    r.tls.days_left = 0;
    r.warn_days = 0; /* 0: no warning before it expires */
    judge("required", "optional", "true", &r, XF_PASS, XF_METHOD_TLS_DIALBACK,
          "certificate verified");
}

static void test_methods(void **state)
{
    (void)state;
    xf_probe_result r = good();
    xf_strlist_push(&r.after_tls.mechanisms, "EXTERNAL");
    judge("required", "optional", "true", &r, XF_PASS, XF_METHOD_SASL_TLS,
          "SASL EXTERNAL offered");
    r = good(); /* EXTERNAL not offered, no certificate of ours */
    judge("required", "required", "false", &r, XF_WARN, XF_METHOD_SASL_TLS,
          "inconclusive");
    r = good();
    r.have_cert = true;
    judge("required", "required", "false", &r, XF_FAIL, 0,
          "SASL is required but the partner does not offer SASL EXTERNAL");
    r = good();
    r.have_cert = true;
    xf_strlist_push(&r.after_tls.mechanisms, "EXTERNAL");
    r.external_tried = true;
    r.external_ok = false;
    r.external_failure = strdup("not-authorized");
    judge("required", "optional", "true", &r, XF_WARN, XF_METHOD_TLS_DIALBACK,
          "SASL EXTERNAL with our certificate failed (not-authorized); "
          "tls-dialback would be used");
    r = good();
    r.after_tls.dialback = false;
    judge("required", "not-supported", "true", &r, XF_FAIL, 0,
          "neither SASL EXTERNAL nor dialback");
    r = good(); /* the legacy dialback namespace counts as dialback */
    r.after_tls.dialback = false;
    r.db_namespace = true;
    judge("required", "not-supported", "true", &r, XF_PASS,
          XF_METHOD_TLS_DIALBACK, "dialback");
    r = good();
    r.tls.done = false;
    judge("not-supported", "not-supported", "true", &r, XF_PASS,
          XF_METHOD_TCP_DIALBACK, "plain TCP");
    r = good();
    r.tls.done = false;
    r.before_tls.starttls = false;
    judge("optional", "not-supported", "true", &r, XF_WARN,
          XF_METHOD_TCP_DIALBACK, "offers no TLS");
}

/* A partner with s2s_secure_auth (Prosody): after TLS it closes the
 * stream instead of sending features when our certificate is missing or
 * not valid. Dialback was announced before TLS, but nothing after TLS. */
static xf_probe_result secure_auth(bool have_cert, bool direct)
{
    xf_probe_result r = good();
    r.stream_ok = !direct; /* direct TLS: the refused stream is the only one */
    r.direct_tls = direct;
    r.db_namespace = true;
    r.after_tls = (xf_features){ .read = false };
    r.have_cert = have_cert;
    r.stream_error = strdup("not-authorized: Your server's certificate could "
                            "not be validated");
    r.failure = strdup("the partner closed the stream with the error "
                       "not-authorized: Your server's certificate could not "
                       "be validated");
    return r;
}

static void test_secure_auth_partner(void **state)
{
    (void)state;
    for (int direct = 0; direct < 2; direct++) {
        xf_probe_result r = secure_auth(false, direct);
        judge("required", "optional", "true", &r, XF_WARN, 0,
              "accepts only servers that present a valid certificate");
        r = secure_auth(false, direct);
        judge("optional", "optional", "true", &r, XF_WARN, 0,
              "we presented none (inconclusive: test again with --cert)");
        r = secure_auth(true, direct);
        judge("required", "optional", "true", &r, XF_FAIL, 0,
              "the partner refused our certificate: after TLS it closed the "
              "stream with not-authorized: Your server's certificate");
    }
    xf_probe_result r = secure_auth(false, false); /* another stream error */
    free(r.stream_error);
    r.stream_error = strdup("internal-server-error");
    judge("required", "optional", "true", &r, XF_FAIL, 0,
          "the partner closed the stream");
}

/* No combination of step results lets a failed step, or a stream error,
 * end in PASS: whatever the facts and the policy say. */
static const char *const step_names[] = { "dns", "connect", "stream", "tls",
                                          "cert", "features", "sasl" };
#define NSTEPS (sizeof step_names / sizeof *step_names)

static xf_probe_result base(int which)
{
    xf_probe_result r = good();
    if (which == 1)
        xf_strlist_push(&r.after_tls.mechanisms, "EXTERNAL");
    if (which == 2) { /* plain TCP */
        r.tls.done = false;
        r.before_tls.starttls = false;
    }
    if (which == 3) { /* a stream error, yet everything else looks fine */
        xf_strlist_push(&r.after_tls.mechanisms, "EXTERNAL");
        r.stream_error = strdup("policy-violation");
    }
    return r;
}

static void judge_steps(const xf_partner *p, int which, unsigned code)
{
    xf_probe_result r = base(which);
    xf_step steps[NSTEPS];
    bool failed = which == 3;
    unsigned c = code;
    for (size_t i = 0; i < NSTEPS; i++, c /= 3) {
        xf_step_status st = (xf_step_status[]){ XF_STEP_OK, XF_STEP_WARN,
                                                XF_STEP_FAIL }[c % 3];
        steps[i] = (xf_step){ .status = st, .text = (char *)"what happened" };
        snprintf(steps[i].name, sizeof steps[i].name, "%s", step_names[i]);
        failed |= st == XF_STEP_FAIL;
    }
    r.steps = steps;
    r.nsteps = NSTEPS;
    xf_verdict_decide(p, &r);
    if (failed && r.outcome == XF_PASS)
        fail_msg("tls=%s sasl=%s dialback=%s base %d steps %u: PASS (%s)",
                 xf_mode_name(p->tls), xf_mode_name(p->sasl),
                 xf_bool_name(p->dialback), which, code, r.reason);
    r.steps = NULL; /* on the stack */
    r.nsteps = 0;
    xf_probe_result_free(&r);
}

static void test_no_failed_step_passes(void **state)
{
    (void)state;
    static const char *const modes[] = { "required", "optional", "not-supported" };
    unsigned combos = 1;
    for (size_t i = 0; i < NSTEPS; i++)
        combos *= 3;
    for (int t = 0; t < 3; t++)
        for (int s = 0; s < 3; s++)
            for (int d = 0; d < 2; d++) {
                xf_partner *p = policy(modes[t], modes[s], d ? "true" : "false");
                for (int which = 0; which < 4; which++)
                    for (unsigned code = 0; code < combos; code++)
                        judge_steps(p, which, code);
                xf_partner_free(p);
            }
}

static void test_failed_step_explained(void **state)
{
    (void)state;
    /* the first endpoint refused, the second worked: say so */
    xf_probe_result r = good();
    xf_step steps[] = { { "connect", XF_STEP_FAIL, (char *)"a:5269: refused" },
                        { "connect", XF_STEP_OK, (char *)"b:5269 in 1 ms" } };
    r.steps = steps;
    r.nsteps = 2;
    xf_partner *p = policy("required", "optional", "true");
    xf_verdict_decide(p, &r);
    assert_int_equal(r.outcome, XF_WARN);
    assert_int_equal(r.method, XF_METHOD_TLS_DIALBACK);
    assert_non_null(strstr(r.reason, "but the connect step failed: a:5269: refused"));
    r.steps = NULL;
    r.nsteps = 0;
    xf_probe_result_free(&r);
    xf_partner_free(p);
}

static void test_suggestion_when_not_configured(void **state)
{
    (void)state;
    xf_probe_result r = good();
    r.configured = false;
    xf_partner *p = policy("optional", "optional", "true");
    xf_verdict_decide(p, &r);
    assert_string_equal(r.suggestion, "would work with --tls required --sasl "
                                      "optional --dialback yes");
    xf_probe_result_free(&r);
    r = good();
    r.configured = false;
    r.tls.done = false;
    r.before_tls.starttls = false;
    r.before_tls.dialback = false;
    xf_verdict_decide(p, &r);
    assert_string_equal(r.suggestion, "no settings would work with this partner now");
    xf_probe_result_free(&r);
    xf_partner_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transport),
        cmocka_unit_test(test_certificates),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_suggestion_when_not_configured),
        cmocka_unit_test(test_secure_auth_partner),
        cmocka_unit_test(test_no_failed_step_passes),
        cmocka_unit_test(test_failed_step_explained),
    };
    return cmocka_run_group_tests_name("verdict", tests, NULL, NULL);
}
