/* The token named for a syntax error, from the text of its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/syntax_hint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void hint_is(const char *line, const char *want)
{
    char out[256];
    bool ok = xf_syntax_hint(line, strlen(line), out, sizeof out);
    assert_true(ok);
    assert_string_equal(out, want);
}

static void test_bare_word_value(void **state)
{
    (void)state;
    hint_is("  { domain = \"a.example\"; tls = required; }",
            "near 'required': a text value needs quotes (\"required\")");
    hint_is("partner_type: federated;",
            "near 'federated': a text value needs quotes (\"federated\")");
    hint_is("additional_domains = [ \"a.example\", b.example ];",
            "near 'b.example': a text value needs quotes (\"b.example\")");
}

static void test_good_values_not_blamed(void **state)
{
    (void)state;
    /* numbers, booleans, strings with '=' inside: the first token then */
    hint_is("connection_limit = 10; dialback = true; x = \"a = b\" }",
            "near 'connection_limit'");
    hint_is("limit = 0x1F; t = 1.5e3; big = 10L; )", "near 'limit'");
    hint_is("   } ) # tls = required", "near '}'");
}

static void test_nothing_to_name(void **state)
{
    (void)state;
    char out[64] = "x";
    assert_false(xf_syntax_hint("   # only a comment", 19, out, sizeof out));
    assert_string_equal(out, "");
    assert_false(xf_syntax_hint("", 0, out, sizeof out));
}

static void test_control_bytes_shown_escaped(void **state)
{
    (void)state;
    char out[128];
    assert_true(xf_syntax_hint("tls = re\033[31mq;", 15, out, sizeof out));
    assert_null(strchr(out, '\033'));
}

static void test_from_file(void **state)
{
    (void)state;
    char path[] = "/tmp/xf-hint-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "version = 1;\npartners = (\n  { tls = optional; }\n);\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    char out[128];
    assert_true(xf_syntax_hint_file(path, 3, out, sizeof out));
    assert_string_equal(out, "near 'optional': a text value needs quotes "
                        "(\"optional\")");
    assert_false(xf_syntax_hint_file(path, 9, out, sizeof out));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bare_word_value),
        cmocka_unit_test(test_good_values_not_blamed),
        cmocka_unit_test(test_nothing_to_name),
        cmocka_unit_test(test_control_bytes_shown_escaped),
        cmocka_unit_test(test_from_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
