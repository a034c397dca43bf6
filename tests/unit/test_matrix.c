/* The matrix in code is the spec's negotiation-matrix.tsv, row for row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/matrix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *open_tsv(void)
{
    const char *env = getenv("XF_MATRIX_TSV");
    const char *paths[] = { env, "../shared/spec/negotiation-matrix.tsv",
                            "tests/data/negotiation-matrix.tsv" };
    for (size_t i = 0; i < 3; i++) {
        FILE *f = paths[i] ? fopen(paths[i], "r") : NULL;
        if (f) {
            print_message("matrix from %s\n", paths[i]);
            return f;
        }
    }
    fail_msg("negotiation-matrix.tsv not found");
    return NULL;
}

static unsigned parse_methods(const char *s)
{
    unsigned m = 0;
    if (strcmp(s, "-") == 0)
        return 0;
    char *copy = strdup(s), *save;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        unsigned bit = 0;
        for (unsigned b = 1; b <= XF_METHOD_TCP_DIALBACK; b <<= 1)
            if (!strcmp(t, xf_method_name(b)))
                bit = b;
        if (!bit)
            fail_msg("unknown method '%s'", t);
        m |= bit;
    }
    free(copy);
    return m;
}

static void test_every_row(void **state)
{
    (void)state;
    FILE *f = open_tsv();
    char line[512];
    int rows = 0, header = 0;
    bool seen[18] = { false };
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        if (!header++) {
            assert_string_equal(line, "tls\tsasl\tdialback\tverdict\tmethods\treason");
            continue;
        }
        char *col[6], *save = NULL, *p = line;
        for (int i = 0; i < 6; i++) {
            col[i] = strtok_r(p, "\t", &save);
            p = NULL;
            assert_non_null(col[i]);
        }
        xf_mode tls, sasl;
        bool db;
        assert_true(xf_mode_parse(col[0], &tls));
        assert_true(xf_mode_parse(col[1], &sasl));
        assert_true(xf_bool_parse(col[2], &db));
        const xf_matrix_row *r = xf_matrix_lookup(tls, sasl, db);
        assert_non_null(r);
        size_t n;
        seen[r - xf_matrix_rows(&n)] = true;
        assert_string_equal(xf_verdict_name(r->verdict), col[3]);
        assert_int_equal(r->methods, parse_methods(col[4]));
        assert_string_equal(r->reason ? r->reason : "-", col[5]);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 18);
    for (int i = 0; i < 18; i++)
        assert_true(seen[i]);
}

static void test_format(void **state)
{
    (void)state;
    char buf[80];
    assert_string_equal(xf_methods_format(XF_METHOD_SASL_TLS | XF_METHOD_TCP_DIALBACK,
                                          ", ", buf, sizeof buf),
                        "sasl-over-tls, tcp-dialback");
    assert_string_equal(xf_methods_format(0, ",", buf, sizeof buf), "none");
}

/* The form's words for the same methods (untranslated here: C locale). */
static void test_labels(void **state)
{
    (void)state;
    char buf[80];
    assert_string_equal(xf_methods_labels(XF_METHOD_ALL, ", ", buf, sizeof buf),
                        "SASL over TLS, dialback over TLS, dialback over TCP");
    assert_string_equal(xf_methods_labels(0, ", ", buf, sizeof buf), "none");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests_name("matrix", tests, NULL, NULL);
}
