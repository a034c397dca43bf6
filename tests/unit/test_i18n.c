/* Languages: the locale decides the messages, never the numbers; machine
 * output mode puts every message back in English. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/i18n.h"
#include "core/matrix.h"

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
    if (!have_russian())
        skip();
    russian_env();
    if (!getenv("XMPPFED_LOCALEDIR"))
        skip(); /* run from the tree after 'make' */
    xf_i18n_init();
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_stay_in_the_c_locale),
        cmocka_unit_test(messages_follow_the_locale_until_machine_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
