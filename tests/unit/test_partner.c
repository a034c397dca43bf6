/* Every rule of SPEC section 1 on a single partner. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/config.h"
#include "core/domain.h"
#include "core/partner.h"

#include <stdlib.h>
#include <string.h>

static void expect_bad_domain(const char *in, const char *fragment)
{
    xf_err err = { 0 };
    char *d = xf_domain_normalize(in, &err);
    if (d)
        fail_msg("'%s' was accepted as '%s'", in, d);
    if (!strstr(err.msg, fragment))
        fail_msg("'%s': message '%s' lacks '%s'", in, err.msg, fragment);
}

static void expect_domain(const char *in, const char *want)
{
    xf_err err = { 0 };
    char *d = xf_domain_normalize(in, &err);
    if (!d)
        fail_msg("'%s' refused: %s", in, err.msg);
    assert_string_equal(d, want);
    free(d);
}

static void test_domain_rules(void **state)
{
    (void)state;
    char long_name[300], label64[80];
    expect_bad_domain("", "empty");
    memset(label64, 'a', 64);
    strcpy(label64 + 64, ".com");
    expect_bad_domain(label64, "label of 64");
    /* 254 characters of valid labels: 4 x 63 + 2 dots would be 254 */
    memset(long_name, 'a', sizeof long_name);
    for (int i = 63; i < 254; i += 64)
        long_name[i] = '.';
    long_name[254] = '\0';
    assert_int_equal(strlen(long_name), 254);
    expect_bad_domain(long_name, "254 characters");
    long_name[253] = '\0'; /* 253 is the limit and fine */
    long_name[252] = 'b';
    char *ok = xf_domain_normalize(long_name, NULL);
    assert_non_null(ok);
    free(ok);
    expect_bad_domain("a..b", "empty label");
    expect_bad_domain("-x-.com", "hyphen");
    expect_bad_domain("x-.com", "hyphen");
    expect_bad_domain("fabrikam.com.", "trailing dot");
    expect_bad_domain(".fabrikam.com", "empty label");
    expect_bad_domain("fab_rikam.com", "'_'");
    expect_bad_domain("fab rikam.com", "' '");
    expect_bad_domain("fab\tcom", "control character");
    expect_bad_domain("192.168.1.1", "not a domain");
    expect_bad_domain("xn--zz.com", "punycode");
    expect_domain("Fabrikam.COM", "fabrikam.com");
    expect_domain("münchen.example", "xn--mnchen-3ya.example");
    expect_domain("MÜNCHEN.example", "xn--mnchen-3ya.example");
    expect_domain("xn--mnchen-3ya.example", "xn--mnchen-3ya.example");
    expect_domain("localhost", "localhost");
    /* the one-pass check of plain names (domain.c) at its edges */
    memset(label64, 'A', 63);
    strcpy(label64 + 63, ".Com");
    expect_domain(label64, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com");
    expect_domain("a-b.c--d.e1", "a-b.c--d.e1");
    expect_domain("x.1b", "x.1b");
    expect_bad_domain("x.b.12", "numeric label");
    expect_bad_domain("-", "hyphen");
    expect_bad_domain("a.-", "hyphen");
    expect_bad_domain("a.", "trailing dot");
    expect_bad_domain(".", "trailing dot");
    expect_bad_domain("XN--ZZ.com", "punycode");
    expect_domain("XN--MNCHEN-3YA.example", "xn--mnchen-3ya.example");
    char *u = xf_domain_display("xn--mnchen-3ya.example");
    assert_string_equal(u, "münchen.example");
    free(u);
}

static void test_hostport(void **state)
{
    (void)state;
    int port;
    char *host = NULL, *t;
    t = xf_hostport_normalize("GW.Example.com:5270", &host, &port, NULL);
    assert_string_equal(t, "gw.example.com:5270");
    assert_string_equal(host, "gw.example.com");
    assert_int_equal(port, 5270);
    free(t);
    free(host);
    t = xf_hostport_normalize("[::1]:53", &host, &port, NULL);
    assert_string_equal(t, "[::1]:53");
    assert_string_equal(host, "::1");
    free(t);
    free(host);
    t = xf_hostport_normalize("127.0.0.1", NULL, &port, NULL);
    assert_string_equal(t, "127.0.0.1");
    assert_int_equal(port, 0);
    free(t);
    xf_err err;
    assert_null(xf_hostport_normalize("host:0", NULL, &port, &err));
    assert_null(xf_hostport_normalize("host:99999", NULL, &port, &err));
    assert_null(xf_hostport_normalize("::1", NULL, &port, &err));
    assert_non_null(strstr(err.msg, "brackets"));
    assert_null(xf_hostport_normalize("bad..host:5269", NULL, &port, &err));
    /* digits and dots are a mistyped address, not a domain name: the
     * field takes addresses, so "an address ... not a domain" misleads */
    assert_null(xf_hostport_normalize("0", NULL, &port, &err));
    assert_string_equal(err.msg, "'0' is neither an IPv4 address nor a host name");
    assert_null(xf_hostport_normalize("10.0.0.300:53", NULL, &port, &err));
    assert_non_null(strstr(err.msg, "neither an IPv4 address"));
}

/* A form's list entries are one domain each: a blank or comma inside is
 * refused, never split; blanks around are dropped. The text form still
 * splits at commas and blanks. */
static void test_additional_domains_from_entries(void **state)
{
    (void)state;
    xf_partner *p = xf_partner_new();
    xf_err err;
    xf_strlist items = { 0 };
    xf_strlist_push(&items, " trail.example ");
    xf_strlist_push(&items, "");
    assert_true(xf_partner_set_items(p, XF_F_ADDITIONAL, &items, &err));
    assert_int_equal(p->additional.n, 1);
    assert_string_equal(p->additional.v[0], "trail.example");
    xf_strlist_push(&items, "bad domain");
    assert_false(xf_partner_set_items(p, XF_F_ADDITIONAL, &items, &err));
    assert_int_equal(err.field.id, XF_F_ADDITIONAL);
    assert_int_equal(p->additional.n, 1); /* unchanged */
    xf_strlist_clear(&items);
    xf_strlist_push(&items, "a.example,b.example");
    assert_false(xf_partner_set_items(p, XF_F_ADDITIONAL, &items, &err));
    assert_true(xf_partner_set(p, XF_F_ADDITIONAL, "a.example, b.example", &err));
    assert_int_equal(p->additional.n, 2);
    xf_strlist_clear(&items);
    xf_partner_free(p);
}

static void test_description(void **state)
{
    (void)state;
    xf_err err;
    char big[1100];
    assert_true(xf_description_check("Fabrikam — Zürich 東京", &err));
    assert_false(xf_description_check("bad\x1b[31m", &err));
    assert_non_null(strstr(err.msg, "U+001B"));
    assert_false(xf_description_check("tab\there", &err));
    assert_false(xf_description_check("c1 \xc2\x85 here", &err));
    assert_false(xf_description_check("del \x7f", &err));
    assert_false(xf_description_check("bad \xff utf8", &err));
    assert_non_null(strstr(err.msg, "UTF-8"));
    memset(big, 'x', 1024);
    big[1024] = '\0';
    assert_true(xf_description_check(big, &err));
    big[1024] = 'x';
    big[1025] = '\0';
    assert_false(xf_description_check(big, &err));
    assert_non_null(strstr(err.msg, "1025 bytes"));
}

static void test_spellings(void **state)
{
    (void)state;
    xf_ptype t;
    xf_mode m;
    bool b;
    assert_true(xf_ptype_parse("PublicVerified", &t));
    assert_int_equal(t, XF_TYPE_PUBLIC_VERIFIED);
    assert_true(xf_ptype_parse("public-unverified", &t));
    assert_int_equal(t, XF_TYPE_PUBLIC_UNVERIFIED);
    assert_true(xf_ptype_parse("FEDERATED", &t));
    assert_int_equal(t, XF_TYPE_FEDERATED);
    assert_false(xf_ptype_parse("public", &t));
    assert_true(xf_mode_parse("NotSupported", &m));
    assert_int_equal(m, XF_MODE_NOT_SUPPORTED);
    assert_true(xf_mode_parse("Required", &m));
    assert_int_equal(m, XF_MODE_REQUIRED);
    assert_false(xf_mode_parse("maybe", &m));
    assert_true(xf_bool_parse("$true", &b) && b);
    assert_true(xf_bool_parse("True", &b) && b);
    assert_true(xf_bool_parse("yes", &b) && b);
    assert_true(xf_bool_parse("1", &b) && b);
    assert_true(xf_bool_parse("$False", &b) && !b);
    assert_true(xf_bool_parse("no", &b) && !b);
    assert_false(xf_bool_parse("2", &b));
    assert_string_equal(xf_mode_name(XF_MODE_NOT_SUPPORTED), "not-supported");
    assert_string_equal(xf_ptype_name(XF_TYPE_PUBLIC_VERIFIED),
                        "public-verified");
}

static void test_defaults_and_fields(void **state)
{
    (void)state;
    xf_partner *p = xf_partner_new();
    xf_err err;
    assert_int_equal(p->type, XF_TYPE_PUBLIC_UNVERIFIED);
    assert_int_equal(p->tls, XF_MODE_REQUIRED);
    assert_int_equal(p->sasl, XF_MODE_OPTIONAL);
    assert_true(p->dialback);
    assert_true(p->keep_alive);
    assert_int_equal(p->connection_limit, 0);
    assert_true(xf_partner_set(p, XF_F_DOMAIN, "Fabrikam.com", &err));
    assert_true(xf_partner_set(p, XF_F_ADDITIONAL, "a.fabrikam.com, B.fabrikam.com", &err));
    assert_int_equal(p->additional.n, 2);
    assert_string_equal(p->additional.v[1], "b.fabrikam.com");
    assert_true(xf_partner_check_domains(p, &err));
    assert_true(xf_partner_set(p, XF_F_ADDITIONAL, "a.fabrikam.com a.fabrikam.com", &err));
    assert_false(xf_partner_check_domains(p, &err));
    assert_non_null(strstr(err.msg, "twice"));
    assert_true(xf_partner_set(p, XF_F_ADDITIONAL, "FABRIKAM.com", &err));
    assert_false(xf_partner_check_domains(p, &err));
    assert_non_null(strstr(err.msg, "primary"));
    assert_false(xf_partner_set(p, XF_F_ADDITIONAL, "ok.com, a..b", &err));
    assert_int_equal(p->additional.n, 1); /* unchanged on error */
    assert_false(xf_partner_set(p, XF_F_LIMIT, "0", &err));
    assert_false(xf_partner_set(p, XF_F_LIMIT, "1001", &err));
    assert_false(xf_partner_set(p, XF_F_LIMIT, "12x", &err));
    assert_true(xf_partner_set(p, XF_F_LIMIT, "1000", &err));
    assert_int_equal(p->connection_limit, 1000);
    assert_true(xf_partner_set(p, XF_F_LIMIT, "", &err));
    assert_int_equal(p->connection_limit, 0);
    /* blanks around the number are no part of it; blanks alone are empty */
    assert_true(xf_partner_set(p, XF_F_LIMIT, " 5\t ", &err));
    assert_int_equal(p->connection_limit, 5);
    assert_true(xf_partner_set(p, XF_F_LIMIT, "  ", &err));
    assert_int_equal(p->connection_limit, 0);
    assert_false(xf_partner_set(p, XF_F_LIMIT, " 5 5 ", &err));
    assert_string_equal(err.msg, "' 5 5 ' is not a number from 1 to 1000");
    assert_false(xf_partner_set(p, XF_F_TLS, "maybe", &err));
    assert_non_null(strstr(err.msg, "required, optional, not-supported"));
    assert_true(xf_partner_set(p, XF_F_PROXY, "Proxy.Fabrikam.com:5270", &err));
    assert_string_equal(p->proxy_fqdn, "proxy.fabrikam.com:5270");
    assert_false(xf_partner_set(p, XF_F_PROXY, "proxy:notaport", &err));
    xf_partner *q = xf_partner_dup(p);
    assert_true(xf_partner_equal(p, q));
    assert_true(xf_partner_set(q, XF_F_KEEPALIVE, "false", &err));
    assert_false(xf_partner_equal(p, q));
    char *text = xf_partner_get(q, XF_F_KEEPALIVE);
    assert_string_equal(text, "false");
    free(text);
    xf_partner_free(p);
    xf_partner_free(q);
}

static void test_config_ownership(void **state)
{
    (void)state;
    xf_config c;
    xf_config_init(&c);
    xf_partner *a = xf_partner_new();
    xf_partner_set(a, XF_F_DOMAIN, "fabrikam.com", NULL);
    xf_partner_set(a, XF_F_ADDITIONAL, "corp.fabrikam.com", NULL);
    xf_config_put(&c, -1, a);
    xf_partner *b = xf_partner_new();
    xf_err err;
    const char *warn;
    xf_partner_set(b, XF_F_DOMAIN, "CORP.fabrikam.com", NULL);
    assert_false(xf_config_check_partner(&c, b, -1, &err, &warn));
    assert_non_null(strstr(err.msg, "belongs to partner fabrikam.com"));
    xf_partner_set(b, XF_F_DOMAIN, "northwind.com", NULL);
    xf_partner_set(b, XF_F_ADDITIONAL, "Fabrikam.com", NULL);
    assert_false(xf_config_check_partner(&c, b, -1, &err, &warn));
    xf_partner_set(b, XF_F_ADDITIONAL, "", NULL);
    xf_partner_set(b, XF_F_TLS, "not-supported", NULL);
    assert_false(xf_config_check_partner(&c, b, -1, &err, &warn));
    assert_non_null(strstr(err.msg, "SASL needs TLS"));
    xf_partner_set(b, XF_F_TLS, "optional", NULL);
    assert_true(xf_config_check_partner(&c, b, -1, &err, &warn));
    assert_non_null(warn);
    /* a partner may keep its own domains when it is edited */
    assert_true(xf_config_check_partner(&c, a, 0, &err, &warn));
    assert_int_equal(xf_config_find(&c, "CORP.FABRIKAM.COM"), 0);
    xf_config_put(&c, -1, b);
    xf_diags d = { 0 };
    xf_config_validate(&c, &d);
    assert_int_equal(xf_diags_count(&d, XF_DIAG_ERROR), 0);
    assert_int_equal(xf_diags_count(&d, XF_DIAG_WARNING), 1);
    xf_diags_free(&d);
    xf_config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_rules),
        cmocka_unit_test(test_hostport),
        cmocka_unit_test(test_additional_domains_from_entries),
        cmocka_unit_test(test_description),
        cmocka_unit_test(test_spellings),
        cmocka_unit_test(test_defaults_and_fields),
        cmocka_unit_test(test_config_ownership),
    };
    return cmocka_run_group_tests_name("partner", tests, NULL, NULL);
}
