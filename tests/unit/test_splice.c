/* Saving splices the file's text: what the save does not change keeps its
 * bytes (comments, layout), and whatever is written reads back to the
 * model that was saved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scratch.h"

#include "core/splice.h"
#include "core/store_impl.h" /* tests the store from inside */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], path[128], before[160];

#include "files.h"

static int setup(void **state)
{
    (void)state;
    scratch_make(dir, "splice");
    snprintf(path, sizeof path, "%s/partners.conf", dir);
    snprintf(before, sizeof before, "%s/before.conf", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove(dir);
}

/* What diff(1) says between the file before and after, as "<" and ">"
 * lines only. */
static char *diff_lines(void)
{
    char cmd[600], out[160];
    snprintf(out, sizeof out, "%s/diff.out", dir);
    snprintf(cmd, sizeof cmd, "diff %s %s | grep '^[<>]' > %s", before, path,
             out);
    assert_true(system(cmd) != -1);
    return slurp(out);
}

static xf_partner *partner(xf_store *s, const char *domain)
{
    long i = xf_config_find(&s->model, domain);
    assert_true(i >= 0);
    return s->model.v[i];
}

/* Opens the file (saving its text as before.conf), changes field f of
 * domain to v (or removes the partner when f is XF_F_COUNT), saves. */
static void change(const char *text, const char *domain, xf_field f,
                   const char *v)
{
    write_text(path, text);
    write_text(before, text);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
    if (f == XF_F_COUNT)
        xf_config_remove(&s.model, (size_t)xf_config_find(&s.model, domain));
    else
        assert_true(xf_partner_set(partner(&s, domain), f, v, &err));
    assert_int_equal(xf_store_save(&s, false, &err), XF_OK);
    xf_store_close(&s);
}

static const char handmade[] =
    "# Partners of the edge server. Hand written!\n"
    "version = 1;\n"
    "owner = \"netops\";   # who to call\n"
    "gateway = {\n"
    "    local_domain = \"contoso.com\";   // ours\n"
    "    future_knob = 42;\n"
    "};\n"
    "\n"
    "/* the list,\n   in order */\n"
    "partners = (\n"
    "    {   domain = \"fabrikam.com\";  # first\n"
    "        partner_type = \"federated\";\n"
    "        tls = \"required\";\n"
    "        note = \"has # and \\\"quotes\\\" \\\\ /* inside */\";\n"
    "    },\n"
    "    { domain = \"northwind.com\"; sasl = \"not-supported\"; },  # short\n"
    "    {\n"
    "        domain = \"tailspin.com\";\n"
    "        tls = \"optional\";\n"
    "    }\n"
    ");\n"
    "# end\n";

static void test_one_value_is_one_line(void **state)
{
    (void)state;
    change(handmade, "tailspin.com", XF_F_TLS, "required");
    char *d = diff_lines();
    assert_string_equal(d, "<         tls = \"optional\";\n"
                           ">         tls = \"required\";\n");
    free(d);
}

static void test_one_liner_stays_one_line(void **state)
{
    (void)state;
    change(handmade, "northwind.com", XF_F_TLS, "optional");
    char *d = diff_lines();
    assert_string_equal(d,
        "<     { domain = \"northwind.com\"; sasl = \"not-supported\"; },  # short\n"
        ">     { domain = \"northwind.com\"; sasl = \"not-supported\"; "
        "tls = \"optional\"; },  # short\n");
    free(d);
}

static void test_gateway_value_is_one_line(void **state)
{
    (void)state;
    write_text(path, handmade);
    write_text(before, handmade);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    xf_err err;
    assert_true(xf_gateway_set(&s.model.gw, XF_G_LOCAL_DOMAIN, "example.org",
                               &err));
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    char *d = diff_lines();
    assert_string_equal(d,
        "<     local_domain = \"contoso.com\";   // ours\n"
        ">     local_domain = \"example.org\";   // ours\n");
    free(d);
}

/* The file less the lines from..to (1-based), as removing a partner
 * should leave it. */
static char *without_lines(const char *text, int from, int to)
{
    char *out = calloc(1, strlen(text) + 1);
    size_t n = 0;
    int line = 1;
    for (const char *p = text; *p; p++) {
        if (line < from || line > to)
            out[n++] = *p;
        line += *p == '\n';
    }
    return out;
}

static void removal(const char *domain, int from, int to, const char *fix)
{
    change(handmade, domain, XF_F_COUNT, NULL);
    char *want = without_lines(handmade, from, to), *got = slurp(path);
    if (fix) { /* the comma of the new last one */
        char *at = strstr(want, fix);
        assert_non_null(at);
        memmove(at + strlen(fix) - 1, at + strlen(fix),
                strlen(at + strlen(fix)) + 1);
    }
    assert_string_equal(got, want);
    free(want);
    free(got);
}

static void test_remove_first(void **state)
{
    (void)state;
    removal("fabrikam.com", 12, 16, NULL);
}

static void test_remove_middle(void **state)
{
    (void)state;
    removal("northwind.com", 17, 17, NULL);
}

static void test_remove_last(void **state)
{
    (void)state;
    removal("tailspin.com", 18, 21, "\"not-supported\"; },");
}

static void add_to(const char *text)
{
    write_text(path, text);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    xf_partner *p = xf_partner_new();
    assert_true(xf_partner_set(p, XF_F_DOMAIN, "new.example", NULL));
    assert_true(xf_partner_set(p, XF_F_DESCRIPTION, "a \"new\" one # \\ ok",
                               NULL));
    xf_config_put(&s.model, -1, p);
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    long i = xf_config_find(&s.model, "new.example");
    assert_true(i >= 0);
    assert_string_equal(s.model.v[i]->description, "a \"new\" one # \\ ok");
    xf_store_close(&s);
}

static void test_add_at_end(void **state)
{
    (void)state;
    add_to(handmade);
    char *got = slurp(path);
    /* everything up to the last partner's closing brace is as written */
    const char *last = strstr(handmade, "        tls = \"optional\";\n    }");
    size_t keep = (size_t)(last - handmade) + strlen("        tls = \"optional\";\n    }");
    assert_memory_equal(got, handmade, keep);
    assert_non_null(strstr(got, "\n    {\n        domain = \"new.example\";\n"));
    assert_non_null(strstr(got, ");\n# end\n"));
    free(got);
}

static void test_add_to_empty_list(void **state)
{
    (void)state;
    add_to("# mine\nversion = 1; # v\npartners = ( );\n# tail\n");
    char *got = slurp(path);
    assert_true(strncmp(got, "# mine\nversion = 1; # v\npartners = (", 36) == 0);
    assert_non_null(strstr(got, "# tail\n"));
    free(got);
}

static void test_add_without_list(void **state)
{
    (void)state;
    add_to("# nothing yet\n// really\nversion = 1;\n");
    char *got = slurp(path);
    assert_true(strncmp(got, "# nothing yet\n// really\nversion = 1;\n", 36) == 0);
    free(got);
}

static void test_odd_formatting_kept(void **state)
{
    (void)state;
    static const char odd[] =
        "version:1\n"
        "gateway:{local_domain=\"c.example\",future=[1,2]}\n"
        "partners=(\n"
        "\t{\n\t\tdomain : \"a.example\"\n\t\ttls : \"optional\"\n\t}\n"
        "\t,{domain=\"b.example\"}\n"
        ")\n";
    change(odd, "a.example", XF_F_TLS, "required");
    char *got = slurp(path);
    /* tabs for the changed partner's members, the rest as written */
    assert_non_null(strstr(got, "\t\ttls = \"required\";\n"));
    assert_non_null(strstr(got, "version:1\ngateway:{local_domain=\"c.example\","
                                "future=[1,2]}\npartners=(\n\t{\n"));
    assert_non_null(strstr(got, "{domain=\"b.example\"}\n)\n"));
    free(got);
}

static void test_crlf_kept(void **state)
{
    (void)state;
    static const char crlf[] =
        "version = 1;\r\n# c\r\npartners = (\r\n"
        "  { domain = \"a.example\"; },\r\n"
        "  {\r\n    domain = \"b.example\";\r\n  }\r\n);\r\n";
    change(crlf, "b.example", XF_F_TLS, "optional");
    char *got = slurp(path);
    assert_string_equal(got,
        "version = 1;\r\n# c\r\npartners = (\r\n"
        "  { domain = \"a.example\"; },\r\n"
        "  {\r\n    domain = \"b.example\";\r\n    tls = \"optional\";\r\n"
        "  }\r\n);\r\n");
    free(got);
}

/* A partner written in another spelling than the model's (a domain in
 * capitals, a number as a string) is the same partner: it keeps its text
 * when another one changes. */
static void test_other_spelling_kept(void **state)
{
    (void)state;
    static const char text[] =
        "version = 1;\npartners = (\n"
        "  { domain = \"Fabrikam.COM\"; additional_domains = [ \"A.Fabrikam.COM\" ]; },\n"
        "  { domain = \"b.example\"; dialback = \"true\"; },\n"
        "  { domain = \"c.example\"; }\n"
        ");\n";
    change(text, "c.example", XF_F_TLS, "optional");
    char *d = diff_lines();
    assert_string_equal(d, "<   { domain = \"c.example\"; }\n"
                           ">   { domain = \"c.example\"; tls = \"optional\"; }\n");
    free(d);
}

/* --- the property: random files, random changes, always the model ------- */

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) % n;
}

static const char *const tls_v[] = { "required", "optional", "not-supported" };
static const char *const desc_v[] = { "plain", "with # hash", "q\\\"uo\\\"te",
                                      "back\\\\slash", "/* not a comment */",
                                      "tab\\there", "// nor this" };

/* A file of n partners in a random one of several layouts. */
static void gen_file(FILE *f, int n, int *next_id)
{
    const char *ind[] = { "  ", "    ", "\t", "" };
    const char *u = ind[rnd(4)];
    const char *nl = rnd(5) ? "\n" : "\r\n";
    fprintf(f, "# generated%s", nl);
    if (rnd(2))
        fprintf(f, "version = 1;%s", nl);
    if (rnd(2))
        fprintf(f, "gateway = { local_domain = \"gw.example\"; x = 1; };%s",
                nl);
    if (n == 0 && rnd(2))
        return;
    fprintf(f, "partners = (%s", nl);
    for (int i = 0; i < n; i++) {
        int id = (*next_id)++;
        bool one = rnd(3) == 0;
        const char *sep = one ? " " : nl;
        fprintf(f, "%s{%s", u, sep);
        if (rnd(3) == 0)
            fprintf(f, "%s%s# about p%d%s", one ? "" : u, one ? "" : u, id,
                    one ? nl : nl);
        fprintf(f, "%s%sdomain = \"p%d.example\";%s", one ? "" : u,
                one ? "" : u, id, sep);
        fprintf(f, "%s%stls = \"%s\";%s", one ? "" : u, one ? "" : u,
                tls_v[rnd(3)], sep);
        if (rnd(2))
            fprintf(f, "%s%sdescription = \"%s\";%s", one ? "" : u,
                    one ? "" : u, desc_v[rnd(7)], sep);
        if (rnd(3) == 0)
            fprintf(f, "%s%sunknown = [ 1, 2 ];%s", one ? "" : u,
                    one ? "" : u, sep);
        fprintf(f, "%s}%s%s%s", one ? "" : u, i + 1 < n ? "," : "",
                rnd(4) == 0 ? " // after" : "", nl);
    }
    fprintf(f, ");%s", nl);
}

static void random_change(xf_store *s, int *next_id)
{
    unsigned what = rnd(5);
    if (what == 4) {
        const char *gw[] = { "gw.example", "other.example", "" };
        assert_true(xf_gateway_set(&s->model.gw, XF_G_LOCAL_DOMAIN,
                                   gw[rnd(3)], NULL));
    } else if (what == 0 || s->model.n == 0) {
        xf_partner *p = xf_partner_new();
        char d[64];
        snprintf(d, sizeof d, "n%d.example", (*next_id)++);
        assert_true(xf_partner_set(p, XF_F_DOMAIN, d, NULL));
        xf_config_put(&s->model, -1, p);
    } else if (what == 1) {
        xf_config_remove(&s->model, rnd((unsigned)s->model.n));
    } else if (what == 2) {
        xf_partner *p = s->model.v[rnd((unsigned)s->model.n)];
        assert_true(xf_partner_set(p, XF_F_TLS, tls_v[rnd(3)], NULL));
    } else {
        xf_partner *p = s->model.v[rnd((unsigned)s->model.n)];
        const char *d[] = { "new # one", "a \"b\" \\ c", "", "x/*y*/z" };
        assert_true(xf_partner_set(p, XF_F_DESCRIPTION, d[rnd(4)], NULL));
    }
}

static void test_random_files_read_back(void **state)
{
    (void)state;
    for (int round = 0; round < 300; round++) {
        int next_id = 0;
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        gen_file(f, (int)rnd(6), &next_id);
        fclose(f);
        xf_store s;
        xf_err err;
        assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
        for (unsigned c = rnd(3) + 1; c > 0; c--)
            random_change(&s, &next_id);
        xf_config want;
        xf_config_copy(&want, &s.model);
        xf_status st = xf_store_save(&s, false, &err);
        if (st != XF_OK)
            fail_msg("round %d: %s", round, err.msg);
        xf_store_close(&s);
        assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
        assert_int_equal(s.model.n, want.n);
        for (size_t i = 0; i < want.n; i++)
            if (!xf_partner_equal(s.model.v[i], want.v[i]))
                fail_msg("round %d: partner %zu differs", round, i);
        assert_string_equal(s.model.gw.local_domain,
                            want.gw.local_domain);
        char *text = slurp(path);
        assert_non_null(strstr(text, "# generated")); /* comments stay */
        free(text);
        xf_store_close(&s);
        xf_config_free(&want);
    }
}

/* The editor saves again and again with one store: each save splices the
 * text the previous one wrote. */
static void test_saves_in_a_row(void **state)
{
    (void)state;
    write_text(path, handmade);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    assert_true(xf_partner_set(partner(&s, "tailspin.com"), XF_F_TLS,
                               "required", NULL));
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_config_remove(&s.model, (size_t)xf_config_find(&s.model,
                                                      "northwind.com"));
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_partner *p = xf_partner_new();
    assert_true(xf_partner_set(p, XF_F_DOMAIN, "new.example", NULL));
    xf_config_put(&s.model, -1, p);
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    assert_true(xf_partner_set(partner(&s, "new.example"), XF_F_TLS,
                               "optional", NULL));
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    char *got = slurp(path);
    assert_non_null(strstr(got, "# Partners of the edge server."));
    assert_non_null(strstr(got, "{   domain = \"fabrikam.com\";  # first\n"));
    assert_null(strstr(got, "northwind"));
    assert_non_null(strstr(got, "        tls = \"optional\";\n"));
    assert_non_null(strstr(got, ");\n# end\n"));
    free(got);
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    assert_int_equal(s.model.n, 3);
    assert_int_equal(partner(&s, "new.example")->tls, XF_MODE_OPTIONAL);
    xf_store_close(&s);
}

/* What cannot be proven right is not offered: a text that is not the one
 * the tree was read from, and a text that reads back to another tree. */
static void test_unproven_is_refused(void **state)
{
    (void)state;
    config_t cf;
    config_init(&cf);
    assert_true(config_read_string(&cf, "a = 1;\nb = ( { c = 2; } );\n"));
    xf_splice *sp = xf_splice_begin(&cf);
    config_setting_set_int(config_lookup(&cf, "a"), 5);
    static const char other[] = "a = 1;\n"; /* not what cf was read from */
    char *out = NULL;
    size_t len;
    assert_false(xf_splice_make(sp, &cf, other, strlen(other), &out, &len));
    xf_splice_free(sp);
    assert_true(xf_splice_verify(&cf, "a = 5; b = ( { c = 2; } );"));
    assert_false(xf_splice_verify(&cf, "a = 5; b = ( { c = 3; } );"));
    assert_false(xf_splice_verify(&cf, "a = 5; b = ( { c = 2; } ); d = 1;"));
    assert_false(xf_splice_verify(&cf, "a = 5; b = ( { c = 2; } "));
    config_destroy(&cf);
}

/* --- a wrong splice is caught: the file is then written whole ---------- */

static const char *tamper_from, *tamper_to; /* same length */

static void tamper(char *text, size_t len)
{
    char *at = memmem(text, len, tamper_from, strlen(tamper_from));
    assert_non_null(at);
    memcpy(at, tamper_to, strlen(tamper_to));
}

/* Changes tailspin.com's tls with the spliced text corrupted from -> to:
 * the save must notice, and write the tree as libconfig renders it (the
 * comments are gone) with every value right. */
static void caught(const char *from, const char *to)
{
    write_text(path, handmade);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    assert_true(xf_partner_set(partner(&s, "tailspin.com"), XF_F_TLS,
                               "required", NULL));
    tamper_from = from;
    tamper_to = to;
    xf_splice_tamper = tamper;
    xf_status st = xf_store_save(&s, false, NULL);
    xf_splice_tamper = NULL;
    assert_int_equal(st, XF_OK);
    xf_store_close(&s);
    char *got = slurp(path);
    assert_null(strstr(got, "# Partners of the edge server."));
    free(got);
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    assert_int_equal(s.model.n, 3);
    assert_int_equal(partner(&s, "tailspin.com")->tls, XF_MODE_REQUIRED);
    assert_int_equal(partner(&s, "northwind.com")->sasl,
                     XF_MODE_NOT_SUPPORTED);
    assert_string_equal(s.model.gw.local_domain, "contoso.com");
    xf_store_close(&s);
}

/* The changed partner's new text: parsed alone, it is not the tree's. */
static void test_wrong_rendered_value_caught(void **state)
{
    (void)state;
    caught("tls = \"required\";\n    }", "tls = \"optional\";\n    }");
}

/* A partner the save did not change: its bytes are not the file's. */
static void test_wrong_copied_value_caught(void **state)
{
    (void)state;
    caught("sasl = \"not-supported\"", "sasl = \"not-supportex\"");
}

/* A copied setting outside the partners, and the shape of the text: a
 * separator lost between two partners, a name changed. */
static void test_wrong_shape_caught(void **state)
{
    (void)state;
    caught("future_knob = 42", "future_knob = 43");
    caught("},  # short", "}   # short");
    caught("owner = ", "ownex = ");
    caught("{   domain", "/*  domain"); /* an unclosed comment */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_one_value_is_one_line),  T(test_one_liner_stays_one_line),
        T(test_gateway_value_is_one_line), T(test_remove_first),
        T(test_remove_middle),          T(test_remove_last),
        T(test_add_at_end),             T(test_add_to_empty_list),
        T(test_add_without_list),       T(test_odd_formatting_kept),
        T(test_crlf_kept),              T(test_random_files_read_back),
        T(test_unproven_is_refused),    T(test_saves_in_a_row),
        T(test_other_spelling_kept),    T(test_wrong_rendered_value_caught),
        T(test_wrong_copied_value_caught), T(test_wrong_shape_caught),
    };
    return cmocka_run_group_tests_name("splice", tests, NULL, NULL);
}
