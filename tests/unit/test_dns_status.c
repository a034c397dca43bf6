/* DNS failures in our own words: the statuses c-ares gives a lookup get a
 * message of ours (translated), the rest keep c-ares' text; and a status
 * says whether any DNS server answered, which the verdict tells apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/dns_status.h"
#include "core/i18n.h"

#include <ares.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void common_statuses_have_our_english_words(void **state)
{
    (void)state;
    assert_string_equal(xf_dns_status_text(ARES_ECONNREFUSED),
                        "could not contact the DNS servers");
    assert_string_equal(xf_dns_status_text(ARES_ETIMEOUT),
                        "the DNS server did not answer in time");
    assert_string_equal(xf_dns_status_text(ARES_ENOTFOUND),
                        "the name was not found in DNS");
    assert_string_equal(xf_dns_status_text(ARES_ESERVFAIL),
                        "the DNS server reported a failure (SERVFAIL)");
    assert_string_equal(xf_dns_status_text(ARES_EREFUSED),
                        "the DNS server refused the query (REFUSED)");
    assert_string_equal(xf_dns_status_text(ARES_ECANCELLED),
                        "no answer before the deadline");
    static const int each[] = {
        ARES_ENODATA, ARES_EFORMERR, ARES_ENOTIMP, ARES_EBADNAME,
        ARES_EBADRESP, ARES_EOF, ARES_EFILE, ARES_ENOMEM, ARES_ESERVICE,
    };
    for (size_t i = 0; i < sizeof each / sizeof *each; i++)
        assert_string_not_equal(xf_dns_status_text(each[i]),
                                ares_strerror(each[i]));
}

static void other_statuses_keep_the_c_ares_text(void **state)
{
    (void)state;
    assert_string_equal(xf_dns_status_text(ARES_EBADFLAGS),
                        ares_strerror(ARES_EBADFLAGS));
    assert_string_equal(xf_dns_status_text(ARES_EDESTRUCTION),
                        ares_strerror(ARES_EDESTRUCTION));
}

static void no_answer_is_told_from_an_answer(void **state)
{
    (void)state;
    assert_true(xf_dns_status_no_answer(ARES_ECONNREFUSED));
    assert_true(xf_dns_status_no_answer(ARES_ETIMEOUT));
    assert_true(xf_dns_status_no_answer(ARES_ECANCELLED));
    assert_false(xf_dns_status_no_answer(ARES_ESERVFAIL));
    assert_false(xf_dns_status_no_answer(ARES_EREFUSED));
    assert_false(xf_dns_status_no_answer(ARES_EBADRESP));
    assert_false(xf_dns_status_no_answer(ARES_ENOTFOUND));
}

/* Under ru_RU with the catalogue 'make' builds: Russian, not c-ares. */
static void the_messages_are_translated(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "ru_RU.UTF-8") ||
        access("build/locale/ru/LC_MESSAGES/xmppfed.mo", R_OK) != 0)
        skip();
    unsetenv("LANGUAGE");
    setenv("LC_ALL", "ru_RU.UTF-8", 1);
    setenv("XMPPFED_LOCALEDIR", "build/locale", 1);
    xf_i18n_init();
    assert_string_equal(xf_dns_status_text(ARES_ECONNREFUSED),
                        "не удалось связаться с DNS-серверами");
    assert_string_equal(xf_dns_status_text(ARES_ENOTFOUND),
                        "имя не найдено в DNS");
    assert_string_equal(xf_dns_status_text(ARES_EBADFLAGS),
                        ares_strerror(ARES_EBADFLAGS));
    xf_i18n_machine();
    assert_string_equal(xf_dns_status_text(ARES_ECONNREFUSED),
                        "could not contact the DNS servers");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(common_statuses_have_our_english_words),
        cmocka_unit_test(other_statuses_keep_the_c_ares_text),
        cmocka_unit_test(no_answer_is_told_from_an_answer),
        cmocka_unit_test(the_messages_are_translated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
