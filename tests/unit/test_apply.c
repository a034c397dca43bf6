/* after_save: splitting a command line without a shell, and running it
 * bounded by a timeout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/after_save.h"
#include "core/apply.h"
#include "core/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

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

/* Output in Russian (two bytes a letter), as systemctl under ru_RU gives
 * it: where the kept bytes end, they end before a letter, not inside one
 * (which the message would show as a stray \xD1). */
static void test_output_cut_before_a_character(void **state)
{
    (void)state;
    xf_apply r;
    assert_false(xf_apply_run("sh -c 'i=0; while [ $i -lt 1500 ];"
                              " do printf \"\\321\\217\"; i=$((i+1)); done;"
                              " exit 1' x", "p", 5, &r));
    size_t n = strlen(r.output);
    assert_true(n >= XF_APPLY_OUTPUT - 4 && n <= XF_APPLY_OUTPUT - 1);
    assert_null(u8_check((const uint8_t *)r.output, n));
    char buf[600];
    xf_apply_describe(&r, "reload", buf, sizeof buf);
    assert_null(u8_check((const uint8_t *)buf, strlen(buf)));
    assert_true(strlen(buf) >= sizeof buf - 4);
}

/* The message of a save's after_save in a buffer too small for its
 * output (the editor's status line): cut before a letter too. */
static void test_after_save_message_cut_before_a_character(void **state)
{
    (void)state;
    char dir[] = "/tmp/xf_apply_XXXXXX", conf[64], hook[64];
    assert_non_null(mkdtemp(dir));
    snprintf(conf, sizeof conf, "%s/p.conf", dir);
    snprintf(hook, sizeof hook, "%s/hook", dir);
    FILE *f = fopen(hook, "w");
    assert_non_null(f);
    fputs("i=0; while [ $i -lt 1500 ]; do printf '\\321\\217'; "
          "i=$((i+1)); done; exit 1\n", f);
    fclose(f);
    f = fopen(conf, "w");
    assert_non_null(f);
    fprintf(f, "gateway = { after_save = \"sh %s\"; };\npartners = ( );\n",
            hook);
    fclose(f);
    xf_store *s = xf_store_new();
    assert_int_equal(xf_store_open(s, conf, 0, NULL), XF_OK);
    for (size_t cap = 777; cap <= 778; cap++) { /* one of them in a letter */
        char msg[778];
        assert_int_equal(xf_after_save(s, msg, cap), XF_APPLY_FAILED);
        assert_non_null(strstr(msg, "\321\217\321\217"));
        assert_null(u8_check((const uint8_t *)msg, strlen(msg)));
        assert_true(strlen(msg) >= cap - 4);
    }
    xf_store_free(s);
    unlink(hook);
    unlink(conf);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_run_appends_the_path_and_keeps_output),
        cmocka_unit_test(test_run_is_bounded),
        cmocka_unit_test(test_output_cut_before_a_character),
        cmocka_unit_test(test_after_save_message_cut_before_a_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
