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
                          .connected = true, .stream_ok = true };
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
    };
    return cmocka_run_group_tests_name("verdict", tests, NULL, NULL);
}
