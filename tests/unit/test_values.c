/* Values as they are in the file: escaped for the terminal the same way
 * by the core and the widgets, kept and marked when in error, A-labels in
 * canonical form only, unknown settings named with a close known name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scratch.h"

#include "core/config.h"
#include "core/domain.h"
#include "core/partner.h"
#include "core/store_impl.h" /* tests the store from inside */
#include "core/suggest.h"
#include "core/visible.h"
#include "forms/textbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

static void expect_visible(const char *in, const char *want)
{
    char *v = xf_visible(in);
    assert_string_equal(v, want);
    free(v);
}

static void test_bidi_and_format_controls_escaped(void **state)
{
    (void)state;
    expect_visible("a\u202Eb", "a\\u202Eb");
    expect_visible("\u200E\u200F\u202A\u202B\u202C\u202D",
                   "\\u200E\\u200F\\u202A\\u202B\\u202C\\u202D");
    expect_visible("\u2066\u2067\u2068\u2069\u061C",
                   "\\u2066\\u2067\\u2068\\u2069\\u061C");
    expect_visible("\uFEFFx\u200B", "\\uFEFFx\\u200B");
    expect_visible("\u2028\u2029", "\\u2028\\u2029");
    expect_visible("tag\U000E0041", "tag\\U000E0041");
    /* joiners belong to scripts and emoji sequences: shown as they are */
    expect_visible("a\u200Db\u200Cc", "a\u200Db\u200Cc");
    expect_visible("münchen — 東京", "münchen — 東京");
}

/* The editor draws with the widgets' own escaping (forms/ may not use the
 * core): for every code point both must agree on what is escaped, and the
 * width the widgets reserve must be the escape's length. */
static void test_widgets_escape_what_the_core_escapes(void **state)
{
    (void)state;
    for (ucs4_t c = 1; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        uint8_t enc[8];
        int n = u8_uctomb(enc, c, sizeof enc);
        assert_true(n > 0);
        enc[n] = '\0';
        char *v = xf_visible((const char *)enc);
        int w = fw_text_width((const char *)enc, (size_t)n);
        if (strcmp(v, (const char *)enc) != 0) {
            if (w != (int)strlen(v))
                fail_msg("U+%04X: core escapes as %s, widgets reserve %d",
                         (unsigned)c, v, w);
        } else if (w > 2) {
            fail_msg("U+%04X: shown by the core, escaped by the widgets",
                     (unsigned)c);
        }
        free(v);
    }
}

static void expect_bad_domain(const char *in, const char *fragment)
{
    xf_err err = { 0 };
    char *d = xf_domain_normalize(in, &err);
    if (d)
        fail_msg("'%s' was accepted as '%s'", in, d);
    if (!strstr(err.msg, fragment))
        fail_msg("'%s': message '%s' lacks '%s'", in, err.msg, fragment);
}

static void test_alabels_canonical(void **state)
{
    (void)state;
    expect_bad_domain("xn--a.example", "xn--a");
    /* the upper-case form of the name of xn--96ai3aa42e */
    expect_bad_domain("xn--86ak0aa92e.com", "xn--96ai3aa42e");
    expect_bad_domain("xn--abc-.com", "xn--abc-");
    expect_bad_domain("a.xn--zz.com", "xn--zz");
    char *d = xf_domain_normalize("XN--96AI3AA42E.com", NULL);
    assert_non_null(d);
    assert_string_equal(d, "xn--96ai3aa42e.com");
    free(d);
    /* the display form normalises back to the same A-label */
    const char *names[] = { "xn--mnchen-3ya.example", "xn--96ai3aa42e.com",
                            "xn--r8jz45g.xn--zckzah", "plain.example" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *a = xf_domain_normalize(names[i], NULL);
        if (!a)
            fail_msg("%s refused", names[i]);
        char *u = xf_domain_display(a);
        char *back = xf_domain_normalize(u, NULL);
        assert_non_null(back);
        assert_string_equal(back, a);
        free(a), free(u), free(back);
    }
}

static void test_messages_escape_values(void **state)
{
    (void)state;
    xf_err err = { 0 };
    assert_null(xf_domain_normalize("-\x1b[2J-.com", &err));
    assert_null(strchr(err.msg, '\x1b'));
    assert_non_null(strstr(err.msg, "'-^[[2j-'"));
    xf_partner *p = xf_partner_new();
    assert_false(xf_partner_set(p, XF_F_TLS, "\x1b[5m\xff", &err));
    assert_non_null(strstr(err.msg, "'^[[5m\\xFF' is not one of"));
    xf_diags d = { 0 };
    xf_diags_add(&d, XF_DIAG_ERROR, 1, "value %s", "a\u202Eb\x07");
    assert_string_equal(d.v[0].msg, "value a\\u202Eb^G");
    xf_diags_free(&d);
    xf_partner_free(p);
}

static void test_edit_distance_and_suggestion(void **state)
{
    (void)state;
    assert_int_equal(xf_edit_distance("sals", "sasl"), 1); /* a swap */
    assert_int_equal(xf_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(xf_edit_distance("", "abc"), 3);
    assert_int_equal(xf_edit_distance("TLS", "tls"), 0);
    const char *known[] = { "tls", "sasl", "dialback", "domain" };
    assert_string_equal(xf_suggest("sals", known, 4), "sasl");
    assert_string_equal(xf_suggest("dialbak", known, 4), "dialback");
    assert_null(xf_suggest("ticket", known, 4));
    assert_null(xf_suggest("x", known, 4));
    assert_null(xf_suggest("note", known, 4));
}

/* --- values in error, unknown settings: through the store ------------- */

static char dir[64], path[128];

static int setup(void **state)
{
    (void)state;
    scratch_make(dir, "values");
    snprintf(path, sizeof path, "%s/partners.conf", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove(dir);
}

static void open_text(xf_store *s, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    xf_err err = { 0 };
    if (xf_store_open(s, path, 0, &err) != XF_OK)
        fail_msg("open: %s", err.msg);
}

static bool has_diag(const xf_store *s, xf_severity sev, const char *msg)
{
    for (size_t i = 0; i < s->diags.n; i++)
        if (s->diags.v[i].severity == sev && !strcmp(s->diags.v[i].msg, msg))
            return true;
    return false;
}

static void expect_get(const xf_partner *p, xf_field f, const char *want)
{
    char *t = xf_partner_get(p, f);
    assert_string_equal(t, want);
    free(t);
}

static void test_values_in_error_kept_as_text(void **state)
{
    (void)state;
    xf_store s;
    open_text(&s, "partners = ( { domain = \"a.com\"; tls = \"requried\";\n"
                  "  dialback = \"maybe\"; connection_limit = 5000;\n"
                  "  partner_type = 7; keep_alive = [ 1 ];\n"
                  "  sasl = \"not-supported\"; } );\n");
    assert_int_equal(s.model.n, 1);
    const xf_partner *p = s.model.v[0];
    expect_get(p, XF_F_TLS, "requried");
    expect_get(p, XF_F_DIALBACK, "maybe");
    expect_get(p, XF_F_LIMIT, "5000");
    expect_get(p, XF_F_TYPE, "7");
    expect_get(p, XF_F_SASL, "not-supported");
    assert_true(xf_partner_in_error(p, XF_F_TLS));
    assert_true(xf_partner_in_error(p, XF_F_KEEPALIVE));
    assert_false(xf_partner_in_error(p, XF_F_SASL));
    assert_non_null(strstr(xf_partner_error(p, XF_F_TLS), "is not one of"));
    assert_false(xf_partner_policy_known(p));
    /* the stand-in TLS with sasl not-supported and dialback false would be
     * refused by the matrix: no verdict on values that are not known */
    assert_int_equal(xf_diags_count(&s.diags, XF_DIAG_ERROR), 5);
    /* a copy is equal; setting the value clears the error */
    xf_partner *q = xf_partner_dup(p);
    assert_true(xf_partner_equal(p, q));
    assert_true(xf_partner_set(q, XF_F_TLS, "required", NULL));
    assert_false(xf_partner_in_error(q, XF_F_TLS));
    assert_false(xf_partner_equal(p, q));
    xf_partner_free(q);
    xf_store_close(&s);
}

static void test_unknown_settings_warned(void **state)
{
    (void)state;
    xf_store s;
    open_text(&s, "owner = 1;\npartner = ();\n"
                  "gateway = { local_domian = \"x.com\"; test_timeout = 5; };\n"
                  "partners = ( { domain = \"fabrikam.com\";\n"
                  "  sals = \"not-supported\"; ticket = 3; Tls = \"optional\"; },\n"
                  "  { sasl = \"optional\"; dialbak = true; } );\n");
    assert_true(has_diag(&s, XF_DIAG_WARNING, "unknown setting 'sals' in "
                         "partner fabrikam.com (did you mean 'sasl'?)"));
    assert_true(has_diag(&s, XF_DIAG_WARNING, "unknown setting 'ticket' in "
                         "partner fabrikam.com"));
    assert_true(has_diag(&s, XF_DIAG_WARNING, "unknown setting 'Tls' in "
                         "partner fabrikam.com (did you mean 'tls'?)"));
    assert_true(has_diag(&s, XF_DIAG_WARNING, "unknown setting 'dialbak' in "
                         "partner 2 (did you mean 'dialback'?)"));
    assert_true(has_diag(&s, XF_DIAG_WARNING, "unknown setting 'local_domian' "
                         "in the gateway section (did you mean "
                         "'local_domain'?)"));
    assert_true(has_diag(&s, XF_DIAG_WARNING, "unknown setting 'owner' at the "
                         "top level"));
    assert_true(has_diag(&s, XF_DIAG_WARNING, "unknown setting 'partner' at "
                         "the top level (did you mean 'partners'?)"));
    assert_string_equal(s.model.v[0]->domain, "fabrikam.com");
    assert_int_equal(s.model.v[0]->sasl, XF_MODE_OPTIONAL);
    xf_store_close(&s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bidi_and_format_controls_escaped),
        cmocka_unit_test(test_widgets_escape_what_the_core_escapes),
        cmocka_unit_test(test_alabels_canonical),
        cmocka_unit_test(test_messages_escape_values),
        cmocka_unit_test(test_edit_distance_and_suggestion),
        T(test_values_in_error_kept_as_text),
        T(test_unknown_settings_warned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
