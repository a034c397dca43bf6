/* Languages: the locale decides the messages, never the numbers; machine
 * output mode puts every message back in English. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/i18n.h"
#include "core/config.h"
#include "core/fields.h"
#include "core/matrix.h"
#include "core/partner.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool have_russian(void)
{
    if (setlocale(LC_ALL, "ru_RU.UTF-8"))
        return true;
    print_message("no ru_RU.UTF-8 locale ('make test-deps' makes it)\n");
    return false;
}

static void russian_env(void)
{
    unsetenv("LANGUAGE");
    setenv("LC_ALL", "ru_RU.UTF-8", 1);
    if (access("build/locale/ru/LC_MESSAGES/xmppfed.mo", R_OK) == 0)
        setenv("XMPPFED_LOCALEDIR", "build/locale", 1);
}

/* The messages in Russian from the catalogue 'make' builds; false (the
 * test is skipped) without the locale or the catalogue. */
static bool in_russian(void)
{
    if (!have_russian())
        return false;
    russian_env();
    if (!getenv("XMPPFED_LOCALEDIR")) {
        print_message("no build/locale ('make' builds it)\n");
        return false;
    }
    xf_i18n_init();
    return true;
}

/* ru_RU's decimal separator is a comma: "%.1f" must still give "0.5" */
static void numbers_stay_in_the_c_locale(void **state)
{
    (void)state;
    if (!have_russian())
        skip();
    russian_env();
    xf_i18n_init();
    assert_string_equal(localeconv()->decimal_point, ".");
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f", 0.5);
    assert_string_equal(buf, "0.5");
    assert_non_null(strstr(setlocale(LC_MESSAGES, NULL), "ru_RU"));
}

static void messages_follow_the_locale_until_machine_output(void **state)
{
    (void)state;
    if (!in_russian())
        skip();
    size_t n;
    const xf_matrix_row *rows = xf_matrix_rows(&n);
    const char *reason = NULL;
    for (size_t i = 0; i < n && !reason; i++)
        if (rows[i].verdict == XF_VERDICT_ERROR)
            reason = rows[i].reason;
    assert_non_null(reason);
    /* the table keeps the English, the spec's TSV compares with it */
    assert_string_equal(reason, "SASL needs TLS: set TLS to required or "
                        "optional, or SASL to not-supported");
    assert_non_null(strstr(_(reason), "SASL требует TLS"));
    xf_i18n_machine();
    assert_string_equal(_(reason), reason);
    assert_string_equal(setlocale(LC_MESSAGES, NULL), "C");
}

/* The field table is shown in the language of the messages through its
 * accessors; what is stored in it (keys, ids, the English) never changes. */
static void field_table_speaks_russian_and_keeps_its_ids(void **state)
{
    (void)state;
    if (!in_russian())
        skip();
    const xf_field_def *tls = xf_partner_field(XF_F_TLS);
    assert_string_equal(tls->label, "TLS negotiation");
    assert_string_equal(xf_def_label(tls), "Согласование TLS");
    assert_string_equal(xf_field_label(XF_F_TLS), "Согласование TLS");
    assert_string_equal(xf_def_option_arg(tls), "РЕЖИМ");
    assert_string_equal(tls->key, "tls");
    const xf_choice *req = &tls->choices[XF_MODE_REQUIRED];
    assert_string_equal(req->id, "required");
    assert_string_equal(xf_choice_label(req), "Обязательный");
    assert_null(xf_choice_help(req));
    assert_null(xf_def_option_help(xf_partner_field(XF_F_DOMAIN)));
    assert_string_equal(xf_gfield_label(XF_G_LOCAL_DOMAIN), "Локальный домен");
    /* every help text of both tables has its translation */
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        assert_string_not_equal(xf_def_help(xf_partner_field(f)),
                                xf_partner_field(f)->help);
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        assert_string_not_equal(xf_def_help(xf_gateway_field(f)),
                                xf_gateway_field(f)->help);
    xf_i18n_machine();
    assert_string_equal(xf_def_label(tls), "TLS negotiation");
    assert_string_equal(xf_choice_label(req), "required");
}

/* What a person types may be a label of the language shown (case aside);
 * the file may not: it means the same in every language. */
static void typed_labels_become_ids_on_the_command_line_only(void **state)
{
    (void)state;
    if (!in_russian())
        skip();
    const xf_field_def *tls = xf_partner_field(XF_F_TLS);
    assert_string_equal(xf_def_choice_typed(tls, "Обязательный"), "required");
    assert_string_equal(xf_def_choice_typed(tls, "не поддерживается"),
                        "not-supported");
    assert_string_equal(xf_def_choice_typed(tls, "NotSupported"), "NotSupported");
    assert_string_equal(xf_def_choice_typed(tls, "Всегда"), "Всегда");
    assert_string_equal(xf_def_choice_typed(xf_partner_field(XF_F_TYPE),
                                            "общедоступный ПРОВЕРЕННЫЙ"),
                        "public-verified");
    xf_partner *p = xf_partner_new();
    xf_err err;
    assert_false(xf_partner_set(p, XF_F_TLS, "Обязательный", &err));
    assert_true(xf_partner_set(p, XF_F_TLS, "NotSupported", &err));
    xf_partner_free(p);
    xf_i18n_machine(); /* under C the labels are the ids */
    assert_string_equal(xf_def_choice_typed(tls, "Обязательный"), "Обязательный");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_stay_in_the_c_locale),
        cmocka_unit_test(messages_follow_the_locale_until_machine_output),
        cmocka_unit_test(field_table_speaks_russian_and_keeps_its_ids),
        cmocka_unit_test(typed_labels_become_ids_on_the_command_line_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
