/* The change log: a partner's diff setting by setting, and lines that
 * read back as written whatever the values hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/changelog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_partner_diff(void **state)
{
    (void)state;
    xf_partner *a = xf_partner_new(), *b;
    xf_err err;
    assert_true(xf_partner_set(a, XF_F_DOMAIN, "a.example", &err));
    b = xf_partner_dup(a);
    assert_false(xf_diff_security(a, b));
    assert_true(xf_partner_set(b, XF_F_DESCRIPTION, "new", &err));
    assert_false(xf_diff_security(a, b));
    assert_true(xf_partner_set(b, XF_F_SASL, "required", &err));
    assert_true(xf_diff_security(a, b));
    xf_changes c = { 0 };
    xf_diff_partner(&c, a, b);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.v[0].setting, "description");
    assert_string_equal(c.v[0].old, "");
    assert_string_equal(c.v[0].neu, "new");
    assert_string_equal(c.v[1].setting, "sasl");
    assert_string_equal(c.v[1].old, "optional");
    assert_string_equal(c.v[1].neu, "required");
    xf_changes_free(&c);
    xf_diff_partner(&c, NULL, b); /* added: named, then what differs */
    assert_string_equal(c.v[0].setting, XF_DIFF_PARTNER);
    assert_string_equal(c.v[0].neu, "present");
    assert_int_equal(c.n, 3);
    xf_changes_free(&c);
    xf_partner_free(a);
    xf_partner_free(b);
}

static void test_log_round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/xf-log-XXXXXX", file[64];
    assert_non_null(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/p.conf", dir);
    setenv("SUDO_USER", "al\tice", 1);
    xf_changes c = { 0 };
    xf_changes_add(&c, "a.example", "description", "x\ty\nz\\", "");
    xf_changes_add(&c, "gateway", "local_domain", "", "me.example");
    xf_err err;
    assert_true(xf_changelog_append(file, &c, &err));
    assert_true(xf_changelog_append(file, &c, &err));
    xf_log log;
    bool exists;
    assert_true(xf_changelog_read(file, &log, &exists, &err));
    assert_true(exists);
    assert_int_equal(log.n, 4);
    assert_string_equal(log.v[0].user, "al\tice");
    assert_string_equal(log.v[0].ch.old, "x\ty\nz\\");
    assert_string_equal(log.v[0].ch.neu, "");
    assert_string_equal(log.v[3].ch.partner, "gateway");
    assert_string_equal(log.v[3].ch.neu, "me.example");
    xf_log_free(&log);
    char *path = xf_changelog_path(file);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    unlink(path);
    free(path);
    rmdir(dir);
    xf_changes_free(&c);
    unsetenv("SUDO_USER");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partner_diff),
        cmocka_unit_test(test_log_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
