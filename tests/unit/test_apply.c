/* after_save: splitting a command line without a shell, and running it
 * bounded by a timeout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/apply.h"

#include <string.h>

static void expect_words(const char *line, const char *const *want)
{
    xf_err err = { 0 };
    char **w = xf_words_split(line, &err);
    if (!w)
        fail_msg("%s: %s", line, err.msg);
    size_t i = 0;
    for (; want[i]; i++) {
        assert_non_null(w[i]);
        assert_string_equal(w[i], want[i]);
    }
    assert_null(w[i]);
    xf_words_free(w);
}

static void test_split(void **state)
{
    (void)state;
    expect_words("systemctl reload xmpp-gateway",
                 (const char *[]){ "systemctl", "reload", "xmpp-gateway", NULL });
    expect_words("  a\t'b c'  \"d \\\"e\\\" $HOME\" f\\ g ''",
                 (const char *[]){ "a", "b c", "d \"e\" $HOME", "f g", "", NULL });
    expect_words("x'y'\"z\"", (const char *[]){ "xyz", NULL });
    expect_words("'a\\b' \"a\\b\" `c` $(d) *", /* nothing expanded */
                 (const char *[]){ "a\\b", "a\\b", "`c`", "$(d)", "*", NULL });
    xf_err err;
    assert_null(xf_words_split("a 'b", &err));
    assert_non_null(strstr(err.msg, "unbalanced single quote"));
    assert_null(xf_words_split("a \"b", &err));
    assert_null(xf_words_split("   ", &err));
    assert_non_null(strstr(err.msg, "no command"));
}

static void test_run_appends_the_path_and_keeps_output(void **state)
{
    (void)state;
    xf_apply r;
    assert_true(xf_apply_run("echo 'one two'", "/etc/x.conf", 5, &r));
    assert_int_equal(r.exit_status, 0);
    assert_string_equal(r.output, "one two /etc/x.conf\n");
    assert_false(xf_apply_run("sh -c 'echo oops >&2; exit 4'", "p", 5, &r));
    assert_int_equal(r.exit_status, 4);
    assert_string_equal(r.output, "oops\n");
    char buf[512];
    xf_apply_describe(&r, "sh -c 'echo oops >&2; exit 4'", buf, sizeof buf);
    assert_string_equal(buf, "`sh -c 'echo oops >&2; exit 4'` failed (exit 4): oops");
    assert_false(xf_apply_run("/nonexistent/reload", "p", 5, &r));
    assert_int_equal(r.exit_status, 127);
    assert_non_null(strstr(r.output, "cannot run /nonexistent/reload"));
}

static void test_run_is_bounded(void **state)
{
    (void)state;
    xf_apply r;
    /* the child of the command holds the pipe open too: the group goes */
    assert_false(xf_apply_run("sh -c 'sleep 30 & sleep 30' x", "p", 1, &r));
    assert_true(r.timed_out);
    assert_int_equal(r.exit_status, -1);
    char buf[256];
    xf_apply_describe(&r, "sh", buf, sizeof buf);
    assert_non_null(strstr(buf, "still running after 1 s"));
    /* much output: the first bytes are kept, the rest is drained */
    assert_true(xf_apply_run("sh -c 'head -c 100000 /dev/zero | tr \\\\0 a' x",
                             "p", 5, &r));
    assert_int_equal(strlen(r.output), XF_APPLY_OUTPUT - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_run_appends_the_path_and_keeps_output),
        cmocka_unit_test(test_run_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
