/* Errors carry what a caller acts on: the code and the setting, besides
 * the text; the text names neither the setting nor the value twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/config.h"
#include "core/store_impl.h" /* tests the store from inside */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_partner_choice(void **state)
{
    (void)state;
    xf_partner *p = xf_partner_new();
    xf_err err = { 0 };
    assert_false(xf_partner_set(p, XF_F_TLS, "bogus", &err));
    assert_int_equal(err.code, XF_E_CHOICE);
    assert_int_equal(err.field.scope, XF_ON_PARTNER);
    assert_int_equal(err.field.id, XF_F_TLS);
    assert_true(err.says & XF_SAYS_VALUE);
    assert_false(err.says & XF_SAYS_FIELD);
    assert_string_equal(err.msg, "'bogus' is not one of required, optional, "
                        "not-supported");
    assert_string_equal(xf_err_key(&err), "tls");
    xf_partner_free(p);
}

static void test_partner_range_and_named_field(void **state)
{
    (void)state;
    xf_partner *p = xf_partner_new();
    xf_err err = { 0 };
    assert_false(xf_partner_set(p, XF_F_LIMIT, "x5", &err));
    assert_int_equal(err.code, XF_E_RANGE);
    assert_int_equal(err.field.id, XF_F_LIMIT);
    assert_string_equal(xf_err_key(&err), "connection_limit");
    assert_false(xf_partner_set(p, XF_F_DESCRIPTION, "a\033b", &err));
    assert_int_equal(err.code, XF_E_INVALID);
    assert_int_equal(err.field.id, XF_F_DESCRIPTION);
    assert_true(err.says & XF_SAYS_FIELD); /* "description holds ..." */
    assert_false(err.says & XF_SAYS_VALUE);
    xf_partner_free(p);
}

static void test_gateway_fields(void **state)
{
    (void)state;
    xf_config c;
    xf_config_init(&c);
    xf_err err = { 0 };
    assert_false(xf_gateway_set(&c.gw, XF_G_TEST_TIMEOUT, "abc", &err));
    assert_int_equal(err.code, XF_E_RANGE);
    assert_int_equal(err.field.scope, XF_ON_GATEWAY);
    assert_int_equal(err.field.id, XF_G_TEST_TIMEOUT);
    assert_string_equal(err.msg, "'abc' is not a number from 1 to 600");
    assert_string_equal(xf_err_key(&err), "test_timeout");
    assert_false(xf_gateway_set(&c.gw, XF_G_AFTER_SAVE, "x 'y", &err));
    assert_int_equal(err.field.id, XF_G_AFTER_SAVE);
    assert_null(strstr(err.msg, "after_save")); /* the field says it */
    xf_config_free(&c);
}

static void test_taken(void **state)
{
    (void)state;
    xf_config c;
    xf_config_init(&c);
    xf_partner *a = xf_partner_new(), *b = xf_partner_new();
    xf_err err = { 0 };
    assert_true(xf_partner_set(a, XF_F_DOMAIN, "a.example", &err));
    assert_true(xf_partner_set(b, XF_F_DOMAIN, "a.example", &err));
    xf_config_put(&c, -1, a);
    assert_false(xf_config_check_owner(&c, b, -1, &err));
    assert_int_equal(err.code, XF_E_TAKEN);
    xf_partner_free(b);
    xf_config_free(&c);
}

static void test_prefix_keeps_code_field_and_reason(void **state)
{
    (void)state;
    xf_err err = { 0 };
    xf_errc(&err, XF_E_RANGE, XF_SAYS_VALUE, "'%s' is too big", "9");
    xf_err_on(&err, XF_ON_GATEWAY, XF_G_CERT_WARN_DAYS);
    xf_err_prefix(&err, "%s", "cert_warn_days");
    xf_err_prefix(&err, "gateway");
    assert_string_equal(err.msg, "gateway: cert_warn_days: '9' is too big");
    assert_string_equal(xf_err_reason(&err), "'9' is too big");
    assert_int_equal(err.code, XF_E_RANGE);
    assert_int_equal(err.field.id, XF_G_CERT_WARN_DAYS);
    assert_true(err.says & XF_SAYS_VALUE);
    /* a prefix that does not fit is cut itself; the message stays whole */
    char big[600];
    memset(big, 'p', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    xf_err_prefix(&err, "%s", big);
    assert_true(strlen(err.msg) < sizeof err.msg);
    assert_string_equal(xf_err_reason(&err), "'9' is too big");
    assert_non_null(strstr(err.msg, "p\u2026: gateway: cert_warn_days: '9'"));
    /* a new error forgets the old one's prefix */
    xf_errf(&err, "plain");
    assert_string_equal(xf_err_reason(&err), "plain");
    assert_int_equal(err.code, XF_E_INVALID);
    assert_int_equal(err.field.scope, XF_ON_NONE);
}

/* A long value quoted in a message is what is cut (in the middle, at a
 * character): the message still says why, to its end. */
static void test_long_value_cut_keeps_the_reason(void **state)
{
    (void)state;
    char value[1001]; /* 500 Cyrillic letters, two bytes each */
    for (int i = 0; i < 500; i++)
        memcpy(value + 2 * i, "\u044f", 2);
    value[1000] = '\0';
    xf_err err = { 0 };
    xf_errf(&err, "'%s' is not a number from 1 to 1000", value);
    size_t n = strlen(err.msg);
    assert_true(n < sizeof err.msg);
    const char *tail = "' is not a number from 1 to 1000";
    assert_true(n > strlen(tail));
    assert_string_equal(err.msg + n - strlen(tail), tail);
    assert_memory_equal(err.msg, "'\u044f", 3);
    const char *cut = strstr(err.msg, "\u2026");
    assert_non_null(cut); /* and whole letters on both sides of it */
    assert_int_equal((cut - err.msg - 1) % 2, 0);
    assert_int_equal(strspn(cut + 3, "\xd1\x8f"), n - (size_t)(cut + 3 - err.msg) - strlen(tail));
}

static void test_syntax_error_has_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/xf-err-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/p.conf", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("version = 1;\n\npartners = ( { domain = ; } );\n", f);
    fclose(f);
    xf_store s;
    xf_err err = { 0 };
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_ERR_SYNTAX);
    assert_int_equal(err.code, XF_E_SYNTAX);
    assert_int_equal(err.line, 3);
    char want[96];
    snprintf(want, sizeof want, "%s:3: %s", path, xf_err_reason(&err));
    assert_string_equal(err.msg, want);
    assert_true(strlen(xf_err_reason(&err)) > 0);
    xf_store_close(&s);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partner_choice),
        cmocka_unit_test(test_long_value_cut_keeps_the_reason),
        cmocka_unit_test(test_partner_range_and_named_field),
        cmocka_unit_test(test_gateway_fields),
        cmocka_unit_test(test_taken),
        cmocka_unit_test(test_prefix_keeps_code_field_and_reason),
        cmocka_unit_test(test_syntax_error_has_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
