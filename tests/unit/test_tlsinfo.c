/* RFC 6125 name checks and expiry, on certificates made by openssl(1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scratch.h"

#include "core/tlsinfo.h"

#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64];
/* 250 characters: a valid name, whose SRV-ID is 263 long (fuzz/tlsname) */
#define L60 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define LONG_NAME L60 "." L60 "." L60 ".bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.example.org"

/* A self-signed certificate NAME with the subject CN and extensions. */
static void make(const char *name, const char *cn, const char *san, int days)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
             "-nodes -keyout %s/%s.key -out %s/%s.pem -days %d -subj '/CN=%s' "
             "%s%s%s 2>/dev/null",
             dir, name, dir, name, days, cn, san ? "-addext 'subjectAltName=" : "",
             san ? san : "", san ? "'" : "");
    if (system(cmd) != 0)
        fail_msg("openssl failed: %s", cmd);
}

static int setup(void **state)
{
    (void)state;
    scratch_make(dir, "tls");
    make("cnonly", "cn.test", NULL, 100);
    make("wild", "x", "DNS:*.wild.test", 100);
    make("partial", "x", "DNS:f*.part.test", 100);
    make("srvid", "x", "otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.srv.test", 100);
    make("xmppaddr", "x", "otherName:1.3.6.1.5.5.7.8.5;UTF8:xa.test", 100);
    make("upper", "x", "DNS:Good.Test", 100);
    make("soon", "x", "DNS:soon.test", 9);
    make("longsrv", "x", "otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server." LONG_NAME,
         100);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove(dir);
}

static xf_tls_info check(const char *file, const char *domain)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s.pem", dir, file);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    X509 *cert = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    assert_non_null(cert);
    xf_tls_info info = { 0 };
    xf_tls_check_cert(cert, domain, &info);
    X509_free(cert);
    return info;
}

static void test_never_the_cn(void **state)
{
    (void)state;
    assert_false(check("cnonly", "cn.test").name_ok);
}

static void test_wildcards(void **state)
{
    (void)state;
    xf_tls_info i = check("wild", "x.wild.test");
    assert_true(i.name_ok);
    assert_string_equal(i.name_how, "DNS-ID");
    assert_false(check("wild", "wild.test").name_ok);
    assert_false(check("wild", "a.b.wild.test").name_ok);
    assert_false(check("partial", "foo.part.test").name_ok); /* no f*.part */
}

static void test_srv_id_and_xmppaddr(void **state)
{
    (void)state;
    xf_tls_info i = check("srvid", "srv.test");
    assert_true(i.name_ok);
    assert_string_equal(i.name_how, "SRV-ID");
    assert_non_null(strstr(i.names, "SRV:_xmpp-server.srv.test"));
    assert_false(check("srvid", "other.test").name_ok);
    i = check("xmppaddr", "xa.test");
    assert_true(i.name_ok);
    assert_string_equal(i.name_how, "XmppAddr");
    assert_false(check("xmppaddr", "xb.test").name_ok);
}

static void test_srv_id_of_a_long_name(void **state)
{
    (void)state;
    assert_int_equal(strlen(LONG_NAME), 250);
    xf_tls_info i = check("longsrv", LONG_NAME);
    assert_true(i.name_ok);
    assert_string_equal(i.name_how, "SRV-ID");
}

static void test_case_and_expiry(void **state)
{
    (void)state;
    xf_tls_info i = check("upper", "good.test");
    assert_true(i.name_ok);
    assert_true(i.days_left >= 99);
    i = check("soon", "soon.test");
    assert_in_range(i.days_left, 8, 9); /* 9 days, less the seconds gone */
    assert_int_equal(strlen(i.not_after), 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_never_the_cn),
        cmocka_unit_test(test_wildcards),
        cmocka_unit_test(test_srv_id_and_xmppaddr),
        cmocka_unit_test(test_case_and_expiry),
        cmocka_unit_test(test_srv_id_of_a_long_name),
    };
    return cmocka_run_group_tests_name("tlsinfo", tests, setup, teardown);
}
