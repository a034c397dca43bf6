/* The three-way merge of a commit that met someone else's change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/config_merge.h"
#include "core/store_impl.h" /* tests the store from inside */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char base_text[] =
    "partners = ( { domain = \"a.example\"; }, { domain = \"b.example\"; },\n"
    "  { domain = \"c.example\"; x_unknown = 1; } );\n";

/* The model of text, read as the store reads a file. */
static void model_of(const char *text, xf_config *out)
{
    char path[] = "/tmp/xf-merge-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
    xf_config_copy(out, &s.model);
    xf_store_close(&s);
    unlink(path);
}

static xf_partner *get(xf_config *c, const char *domain)
{
    long i = xf_config_find(c, domain);
    return i >= 0 ? c->v[i] : NULL;
}

static void set(xf_config *c, const char *domain, xf_field f, const char *v)
{
    xf_err err;
    assert_true(xf_partner_set(get(c, domain), f, v, &err));
}

static char *value(xf_config *c, const char *domain, xf_field f)
{
    static char buf[128];
    char *v = xf_partner_get(get(c, domain), f);
    snprintf(buf, sizeof buf, "%s", v);
    free(v);
    return buf;
}

static void test_changes_to_other_partners_merge(void **state)
{
    (void)state;
    xf_config base, mine, theirs;
    model_of(base_text, &base);
    model_of(base_text, &mine);
    set(&mine, "a.example", XF_F_TLS, "optional");
    xf_config_remove(&mine, 2); /* c.example */
    model_of("partners = ( { domain = \"a.example\"; },\n"
             "  { domain = \"b.example\"; description = \"theirs\"; },\n"
             "  { domain = \"c.example\"; x_unknown = 1; },\n"
             "  { domain = \"d.example\"; } );\n", &theirs);
    xf_merge m;
    xf_config_merge(&base, &mine, &theirs, false, &m);
    assert_int_equal(m.conflicts, 0);
    assert_int_equal(m.merged, 2);
    assert_string_equal(m.taken, "");
    assert_string_equal(value(&m.out, "a.example", XF_F_TLS), "optional");
    assert_string_equal(value(&m.out, "b.example", XF_F_DESCRIPTION), "theirs");
    assert_null(get(&m.out, "c.example"));
    assert_non_null(get(&m.out, "d.example"));
    xf_merge_free(&m);
    xf_config_free(&base);
    xf_config_free(&mine);
    xf_config_free(&theirs);
}

static void test_same_partner_changed_both_ways(void **state)
{
    (void)state;
    xf_config base, mine, theirs;
    model_of(base_text, &base);
    model_of(base_text, &mine);
    set(&mine, "a.example", XF_F_TLS, "optional");
    set(&mine, "b.example", XF_F_DESCRIPTION, "mine");
    model_of("partners = ( { domain = \"a.example\"; sasl = \"required\"; },\n"
             "  { domain = \"b.example\"; }, { domain = \"c.example\"; },\n"
             "  { domain = \"e.example\"; } );\n", &theirs);
    for (int ours = 0; ours <= 1; ours++) {
        xf_merge m;
        xf_config_merge(&base, &mine, &theirs, ours, &m);
        assert_int_equal(m.conflicts, 1);
        assert_int_equal(m.theirs.n, 1); /* what they changed, and only that */
        assert_string_equal(m.theirs.v[0].partner, "a.example");
        assert_string_equal(m.theirs.v[0].setting, "sasl");
        assert_string_equal(m.theirs.v[0].neu, "required");
        /* b went through either way; a is ours only when we insist */
        assert_string_equal(value(&m.out, "b.example", XF_F_DESCRIPTION), "mine");
        assert_string_equal(value(&m.out, "a.example", XF_F_TLS),
                            ours ? "optional" : "required");
        assert_string_equal(value(&m.out, "a.example", XF_F_SASL),
                            ours ? "optional" : "required");
        assert_non_null(get(&m.out, "e.example")); /* never their other work */
        xf_merge_free(&m);
    }
    xf_config_free(&base);
    xf_config_free(&mine);
    xf_config_free(&theirs);
}

static void test_domain_taken_meanwhile(void **state)
{
    (void)state;
    xf_config base, mine, theirs;
    model_of(base_text, &base);
    model_of(base_text, &mine);
    set(&mine, "a.example", XF_F_ADDITIONAL, "x.example");
    model_of("partners = ( { domain = \"a.example\"; }, { domain = \"b.example\"; },\n"
             "  { domain = \"c.example\"; }, { domain = \"x.example\"; } );\n",
             &theirs);
    xf_merge m;
    xf_config_merge(&base, &mine, &theirs, false, &m);
    assert_non_null(strstr(m.taken, "x.example"));
    xf_merge_free(&m);
    xf_config_free(&base);
    xf_config_free(&mine);
    xf_config_free(&theirs);
}

static void test_gateway_merges_like_a_partner(void **state)
{
    (void)state;
    xf_config base, mine, theirs;
    model_of(base_text, &base);
    model_of(base_text, &mine);
    xf_err err;
    assert_true(xf_gateway_set(&mine.gw, XF_G_LOCAL_DOMAIN, "me.example", &err));
    model_of("partners = ( { domain = \"a.example\"; description = \"t\"; },\n"
             "  { domain = \"b.example\"; }, { domain = \"c.example\"; } );\n",
             &theirs);
    xf_merge m;
    xf_config_merge(&base, &mine, &theirs, false, &m);
    assert_int_equal(m.conflicts, 0);
    char *v = xf_gateway_get(&m.out.gw, XF_G_LOCAL_DOMAIN);
    assert_string_equal(v, "me.example");
    free(v);
    assert_string_equal(value(&m.out, "a.example", XF_F_DESCRIPTION), "t");
    xf_merge_free(&m);
    assert_true(xf_gateway_set(&theirs.gw, XF_G_LOCAL_DOMAIN, "them.example", &err));
    xf_config_merge(&base, &mine, &theirs, false, &m);
    assert_int_equal(m.conflicts, 1);
    assert_string_equal(m.theirs.v[0].partner, "gateway");
    xf_merge_free(&m);
    xf_config_free(&base);
    xf_config_free(&mine);
    xf_config_free(&theirs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changes_to_other_partners_merge),
        cmocka_unit_test(test_same_partner_changed_both_ways),
        cmocka_unit_test(test_domain_taken_meanwhile),
        cmocka_unit_test(test_gateway_merges_like_a_partner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
