/* The stream reader: features by namespace in any order, keep-alives,
 * <required/>, stream errors, and hostile input refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/xmlstream.h"

#include <stdlib.h>
#include <string.h>

#define OPEN "<?xml version='1.0'?><stream:stream xmlns='jabber:server' " \
             "xmlns:stream='http://etherx.jabber.org/streams' " \
             "xmlns:db='jabber:server:dialback' id='abc' from='a.test' version='1.0'>"

static xf_xmlstream *fed(const char *text)
{
    xf_xmlstream *x = xf_xmlstream_new();
    xf_xmlstream_feed(x, text, strlen(text));
    return x;
}

static void test_features_any_order_with_keepalives(void **state)
{
    (void)state;
    xf_xmlstream *x = fed(OPEN " \n <stream:features>\n"
        "<dialback xmlns='urn:xmpp:features:dialback'/> "
        "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        "<mechanism>PLAIN</mechanism><mechanism>EXTERNAL</mechanism></mechanisms>"
        "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
        "<x:starttls xmlns:x='urn:fake'/>" /* same name, other namespace */
        "</stream:features>");
    const xf_stream_state *s = xf_xmlstream_state(x);
    assert_null(s->bad);
    assert_true(s->header);
    assert_string_equal(s->from, "a.test");
    assert_true(s->db_namespace);
    assert_true(s->features);
    assert_true(s->starttls);
    assert_true(s->starttls_required);
    assert_true(s->dialback);
    assert_int_equal(s->mechanisms.n, 2);
    assert_string_equal(s->mechanisms.v[1], "EXTERNAL");
    xf_xmlstream_free(x);
}

static void test_byte_by_byte(void **state)
{
    (void)state;
    const char *text = OPEN "<stream:features><starttls "
                       "xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>";
    xf_xmlstream *x = xf_xmlstream_new();
    for (const char *p = text; *p; p++)
        assert_true(xf_xmlstream_feed(x, p, 1));
    const xf_stream_state *s = xf_xmlstream_state(x);
    assert_true(s->features);
    assert_true(s->starttls);
    assert_false(s->starttls_required);
    assert_false(s->dialback);
    xf_xmlstream_free(x);
}

static void test_wrong_namespace_is_not_a_feature(void **state)
{
    (void)state;
    xf_xmlstream *x = fed(OPEN "<stream:features><starttls xmlns='urn:other'/>"
                          "<dialback xmlns='urn:other'/></stream:features>");
    const xf_stream_state *s = xf_xmlstream_state(x);
    assert_true(s->features);
    assert_false(s->starttls);
    assert_false(s->dialback);
    xf_xmlstream_free(x);
}

static void test_stream_error(void **state)
{
    (void)state;
    xf_xmlstream *x = fed(OPEN "<stream:error><host-unknown "
        "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text "
        "xmlns='urn:ietf:params:xml:ns:xmpp-streams'>No such host</text>"
        "</stream:error></stream:stream>");
    const xf_stream_state *s = xf_xmlstream_state(x);
    assert_string_equal(s->error, "host-unknown");
    assert_string_equal(s->error_text, "No such host");
    assert_true(s->closed);
    xf_xmlstream_free(x);
}

static void test_nothing_read_after_proceed(void **state)
{
    (void)state;
    xf_xmlstream *x = fed(OPEN "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                          "\x16\x03\x01\x02\x00 binary TLS bytes <<<");
    const xf_stream_state *s = xf_xmlstream_state(x);
    assert_true(s->proceed);
    assert_null(s->bad);
    assert_true(xf_xmlstream_feed(x, "\x16\x03\x03", 3));
    xf_xmlstream_free(x);
}

/* <proceed> as a start tag: what follows it is TLS, in the same buffer or
 * in the next one alike (found by fuzz/fuzz_xmlstream.c: in one buffer the
 * bytes after it were read as XML). */
static void test_nothing_read_after_proceed_start_tag(void **state)
{
    (void)state;
    const char *tls = "<?pi?>\x16\x03\x01 <<<";
    xf_xmlstream *x = fed(OPEN "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
                          "<?pi?>\x16\x03\x01 <<<");
    const xf_stream_state *s = xf_xmlstream_state(x);
    assert_true(s->proceed);
    assert_null(s->bad);
    xf_xmlstream_free(x);
    x = fed(OPEN "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'>");
    assert_true(xf_xmlstream_feed(x, tls, strlen(tls)));
    assert_null(xf_xmlstream_state(x)->bad);
    xf_xmlstream_free(x);
}

static void test_sasl_answers(void **state)
{
    (void)state;
    xf_xmlstream *x = fed(OPEN "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                          "<not-authorized/></failure>");
    const xf_stream_state *s = xf_xmlstream_state(x);
    assert_true(s->sasl_failure);
    assert_string_equal(s->sasl_condition, "not-authorized");
    xf_xmlstream_free(x);
}

static void expect_refused(const char *text, const char *why)
{
    xf_xmlstream *x = xf_xmlstream_new();
    bool ok = xf_xmlstream_feed(x, text, strlen(text));
    const xf_stream_state *s = xf_xmlstream_state(x);
    assert_false(ok);
    assert_non_null(s->bad);
    if (!strstr(s->bad, why))
        fail_msg("'%s' lacks '%s'", s->bad, why);
    xf_xmlstream_free(x);
}

static void test_hostile_input(void **state)
{
    (void)state;
    expect_refused("<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY a 'aaaa'>]>"
                   "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>&a;",
                   "DOCTYPE");
    expect_refused(OPEN "<?evil data?>", "processing instruction");
    expect_refused("HTTP/1.1 400 Bad Request\r\n\r\n", "bad XML");
    expect_refused("\x16\x03\x01\x00\xa5\x01\x00", "bad XML");
    expect_refused("<html><body>hi</body></html>", "did not open an XMPP stream");
    char deep[2000] = OPEN;
    for (int i = 0; i < 40; i++)
        strcat(deep, "<a>");
    expect_refused(deep, "nested too deep");
}

static void test_byte_cap(void **state)
{
    (void)state;
    xf_xmlstream *x = fed(OPEN);
    char chunk[4096];
    memset(chunk, ' ', sizeof chunk); /* whitespace keep-alives, forever */
    bool ok = true;
    for (int i = 0; i < 100 && ok; i++)
        ok = xf_xmlstream_feed(x, chunk, sizeof chunk);
    assert_false(ok);
    assert_non_null(strstr(xf_xmlstream_state(x)->bad, "256 KiB"));
    xf_xmlstream_free(x);
}

/* XMPP is UTF-8 only (RFC 6120 4.9.3.22), and expat, though told UTF-8,
 * still takes UTF-16 from the first bytes: whether it did depended on how
 * the bytes were split (found by fuzz/fuzz_xmlstream.c). */
static void test_utf16_refused(void **state)
{
    (void)state;
    static const char le[] = "<\0s\0t\0r\0e\0a\0m\0>\0";
    static const char bom[] = "\xff\xfe<\0a\0/\0>\0";
    static const char nul[] = " \0\r\x91\xb8";
    const char *inputs[] = { le, bom, nul };
    size_t lens[] = { sizeof le - 1, sizeof bom - 1, sizeof nul - 1 };
    for (int i = 0; i < 3; i++) {
        for (size_t chunk = 1; chunk <= lens[i]; chunk += lens[i] - 1) {
            xf_xmlstream *x = xf_xmlstream_new();
            bool ok = true;
            for (size_t at = 0; ok && at < lens[i]; at += chunk)
                ok = xf_xmlstream_feed(x, inputs[i] + at,
                                       at + chunk > lens[i] ? lens[i] - at : chunk);
            const xf_stream_state *s = xf_xmlstream_state(x);
            assert_false(ok);
            assert_non_null(s->bad);
            assert_non_null(strstr(s->bad, "UTF-8"));
            assert_false(s->header);
            xf_xmlstream_free(x);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_features_any_order_with_keepalives),
        cmocka_unit_test(test_byte_by_byte),
        cmocka_unit_test(test_wrong_namespace_is_not_a_feature),
        cmocka_unit_test(test_stream_error),
        cmocka_unit_test(test_nothing_read_after_proceed),
        cmocka_unit_test(test_nothing_read_after_proceed_start_tag),
        cmocka_unit_test(test_sasl_answers),
        cmocka_unit_test(test_hostile_input),
        cmocka_unit_test(test_byte_cap),
        cmocka_unit_test(test_utf16_refused),
    };
    return cmocka_run_group_tests_name("xmlstream", tests, NULL, NULL);
}
