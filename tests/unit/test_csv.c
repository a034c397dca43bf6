/* The CSV reader: RFC 4180 and the way PowerShell's Export-Csv writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/csv.h"
#include "core/lync.h"

#include <stdlib.h>
#include <string.h>

static void parse_ok(const char *text, xf_csv *c)
{
    xf_err err = { 0 };
    bool ok = xf_csv_parse(text, c, &err);
    if (!ok)
        fail_msg("%s", err.msg);
}

static void test_quoted_crlf_as_powershell_writes(void **state)
{
    (void)state;
    xf_csv c;
    parse_ok("\"Identity\",\"Description\"\r\n\"a.example\",\"A, Inc.\"\r\n"
             "\"b.example\",\"\"\r\n", &c);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.v[1].f.v[1], "A, Inc.");
    assert_int_equal(c.v[2].f.n, 2);
    assert_string_equal(c.v[2].f.v[1], "");
    assert_int_equal(c.v[2].line, 3);
    assert_int_equal(xf_csv_column(&c, "description"), 1);
    assert_int_equal(xf_csv_column(&c, "nope"), -1);
    xf_csv_free(&c);
}

static void test_doubled_quotes_and_newlines_inside(void **state)
{
    (void)state;
    xf_csv c;
    parse_ok("a,b\r\n\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,x\n", &c);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.v[1].f.v[0], "say \"hi\"");
    assert_string_equal(c.v[1].f.v[1], "two\r\nlines");
    assert_int_equal(c.v[2].line, 4); /* the record after spans line 3 */
    assert_string_equal(c.v[2].f.v[0], "last");
    xf_csv_free(&c);
}

static void test_empty_fields_no_final_newline_blank_lines(void **state)
{
    (void)state;
    xf_csv c;
    parse_ok("a,,c,\n\n,\"\"\n\r\nz", &c);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.v[0].f.n, 4);
    assert_string_equal(c.v[0].f.v[1], "");
    assert_string_equal(c.v[0].f.v[3], "");
    assert_int_equal(c.v[1].f.n, 2);
    assert_int_equal(c.v[1].line, 3);
    assert_string_equal(c.v[2].f.v[0], "z");
    assert_int_equal(c.v[2].line, 5);
    xf_csv_free(&c);
}

static void expect_error(const char *text, const char *what)
{
    xf_csv c;
    xf_err err = { 0 };
    assert_false(xf_csv_parse(text, &c, &err));
    assert_non_null(strstr(err.msg, what));
    assert_int_equal(c.n, 0);
}

static void test_malformed_is_refused_with_its_line(void **state)
{
    (void)state;
    expect_error("a,b\n\"open,x\n", "line 2: the quoted field never ends");
    expect_error("a\n\"q\"x,b\n", "line 2: text after the closing quote");
    expect_error("a\nb\"c\n", "line 2: a quote inside");
}

static char *decode(const char *data, size_t len)
{
    xf_err err = { 0 };
    char *t = xf_csv_decode(data, len, &err);
    if (!t)
        fail_msg("%s", err.msg);
    return t;
}

static void test_encodings(void **state)
{
    (void)state;
    char *t = decode("\xEF\xBB\xBF\"Identity\"", 13);
    assert_string_equal(t, "\"Identity\"");
    free(t);
    /* PowerShell 5 -Encoding Unicode: UTF-16LE with a BOM; "é" is U+00E9 */
    static const char le[] = "\xFF\xFE\x22\0\xE9\0\x22\0\r\0\n\0";
    t = decode(le, sizeof le - 1);
    assert_string_equal(t, "\"\xC3\xA9\"\r\n");
    free(t);
    static const char nobom[] = "a\0b\0";
    t = decode(nobom, sizeof nobom - 1);
    assert_string_equal(t, "ab");
    free(t);
    static const char be[] = "\xFE\xFF\0a\xD8\x3D\xDE\x00";  /* a, U+1F600 */
    t = decode(be, sizeof be - 1);
    assert_string_equal(t, "a\xF0\x9F\x98\x80");
    free(t);
    xf_err err;
    assert_null(xf_csv_decode("caf\xE9", 4, &err)); /* Latin-1 */
    assert_non_null(strstr(err.msg, "not UTF-8"));
    assert_null(xf_csv_decode("\xFF\xFE\x00\xD8", 4, &err)); /* half a pair */
    assert_null(xf_csv_decode("\xFF\xFE" "a\0\0\0", 6, &err)); /* U+0000 */
    assert_null(xf_csv_decode("ab\0c", 4, &err));
}

static void test_too_many_fields(void **state)
{
    (void)state;
    char *line = malloc(XF_CSV_MAX_FIELDS * 2 + 8);
    size_t n = 0;
    for (int i = 0; i <= XF_CSV_MAX_FIELDS; i++) {
        line[n++] = 'x';
        line[n++] = ',';
    }
    line[n - 1] = '\0';
    expect_error(line, "more than");
    free(line);
}

static void test_powershell_quoting(void **state)
{
    (void)state;
    char *q = xf_ps_quote("O'Brien\xE2\x80\x99s $x `n \"y\"");
    assert_string_equal(q, "'O''Brien\xE2\x80\x99\xE2\x80\x99s $x `n \"y\"'");
    free(q);
    xf_partner *p = xf_partner_new();
    xf_err err;
    assert_true(xf_partner_set(p, XF_F_DOMAIN, "a.example", &err));
    assert_true(xf_partner_set(p, XF_F_ADDITIONAL, "b.example c.example", &err));
    assert_true(xf_partner_set(p, XF_F_LIMIT, "5", &err));
    char *cmd = xf_lync_command(p);
    assert_string_equal(cmd, "New-CsXmppAllowedPartner -Identity 'a.example' "
                        "-PartnerType PublicUnverified -TlsNegotiation Required "
                        "-SaslNegotiation Optional -SupportDialbackNegotiation "
                        "$true -EnableKeepAlive $true -AdditionalDomains "
                        "'b.example','c.example' -ConnectionLimit 5");
    free(cmd);
    xf_partner_free(p);
}

static void test_lync_row_maps_columns_in_any_order(void **state)
{
    (void)state;
    xf_csv c;
    parse_ok("\"TlsNegotiation\",\"Extra\",\"Identity\",\"AdditionalDomains\"\r\n"
             "\"Optional\",\"x\",\"Global/A.Example\",\"b.example, c.example\"\r\n"
             "\"\",\"\",\"d.example\",\"System.Collections.Generic.List`1[System.String]\"\r\n",
             &c);
    xf_lync_map m;
    xf_strlist ignored = { 0 };
    xf_err err;
    assert_true(xf_lync_map_header(&c, &m, &ignored, &err));
    assert_int_equal(ignored.n, 1);
    assert_string_equal(ignored.v[0], "Extra");
    xf_config cfg;
    xf_config_init(&cfg);
    long self;
    xf_partner *p = xf_lync_row(&c, 1, &m, &cfg, &self, &err);
    assert_non_null(p);
    assert_int_equal(self, -1);
    assert_string_equal(p->domain, "a.example");
    assert_int_equal(p->tls, XF_MODE_OPTIONAL);
    assert_int_equal(p->additional.n, 2);
    xf_config_put(&cfg, -1, p);
    assert_null(xf_lync_row(&c, 2, &m, &cfg, &self, &err));
    assert_non_null(strstr(err.msg, "type name"));
    xf_config_free(&cfg);
    xf_strlist_clear(&ignored);
    xf_csv_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_crlf_as_powershell_writes),
        cmocka_unit_test(test_doubled_quotes_and_newlines_inside),
        cmocka_unit_test(test_empty_fields_no_final_newline_blank_lines),
        cmocka_unit_test(test_malformed_is_refused_with_its_line),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_powershell_quoting),
        cmocka_unit_test(test_lync_row_maps_columns_in_any_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
