/* The field table: every partner field and gateway setting behaves as its
 * record says, so that a field added to the table is covered here
 * without a test of its own for the common rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/config.h"
#include "core/fields.h"
#include "core/partner.h"
#include "core/store_tree.h"

#include <stdlib.h>
#include <string.h>

static xf_partner *named(void)
{
    xf_partner *p = xf_partner_new();
    assert_true(xf_partner_set(p, XF_F_DOMAIN, "a.example", NULL));
    return p;
}

/* A valid text for def that is not its default. */
static const char *other_value(const xf_field_def *def, const void *obj)
{
    switch (def->kind) {
    case XF_K_CHOICE:
    case XF_K_BOOL:
        return strcmp(xf_def_choice_id(def, obj), def->choices[0].id)
                   ? def->choices[0].id : def->choices[1].id;
    case XF_K_INT: return XF_DEF_CINT(def, obj) == def->max ? "1" : "2";
    case XF_K_DOMAIN_LIST: return "c.example";
    case XF_K_DOMAIN:
    case XF_K_HOSTPORT: return "b.example";
    default: return "x";
    }
}

static void test_keys_are_unique(void **state)
{
    (void)state;
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        for (xf_field g = 0; g < f; g++)
            if (!strcmp(xf_field_key(f), xf_field_key(g)))
                fail_msg("key %s twice", xf_field_key(f));
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        for (xf_gfield g = 0; g < f; g++)
            if (!strcmp(xf_gfield_key(f), xf_gfield_key(g)))
                fail_msg("gateway key %s twice", xf_gfield_key(f));
}

/* Each choice is set by its id and given back by it; the error lists the
 * ids, never the labels. */
static void test_choices_by_id(void **state)
{
    (void)state;
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        const xf_field_def *def = xf_partner_field(f);
        for (int i = 0; i < def->n_choices; i++) {
            xf_partner *p = named();
            assert_true(xf_partner_set(p, f, def->choices[i].id, NULL));
            char *t = xf_partner_get(p, f);
            assert_string_equal(t, def->choices[i].id);
            assert_int_equal(xf_def_choice_find(def, t), i);
            free(t);
            xf_partner_free(p);
        }
        if (!def->n_choices)
            continue;
        xf_partner *p = named();
        xf_err err = { 0 };
        assert_false(xf_partner_set(p, f, "bogus", &err));
        assert_int_equal(err.code, XF_E_CHOICE);
        assert_int_equal(err.field.id, f);
        char ids[200];
        xf_def_choice_ids(def, ids, sizeof ids);
        assert_non_null(strstr(err.msg, ids));
        xf_partner_free(p);
    }
}

/* get and set are each other's inverse; equal and dup see every field. */
static void test_every_field_round_trips(void **state)
{
    (void)state;
    xf_partner *fresh = named();
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        const xf_field_def *def = xf_partner_field(f);
        xf_partner *p = named();
        char *t = xf_partner_get(p, f);
        assert_true(xf_partner_set(p, f, t, NULL));
        assert_true(xf_partner_equal(p, fresh));
        free(t);
        if (!xf_partner_set(p, f, other_value(def, p), NULL))
            fail_msg("%s: '%s' refused", def->key, other_value(def, fresh));
        if (xf_partner_equal(p, fresh))
            fail_msg("%s: a change is not seen", def->key);
        xf_partner *d = xf_partner_dup(p);
        assert_true(xf_partner_equal(d, p));
        xf_partner_take_field(d, fresh, f);
        assert_true(xf_partner_equal(d, fresh));
        xf_partner_free(d);
        xf_partner_free(p);
    }
    xf_partner_free(fresh);
}

/* A new partner's optional settings at their default stay out of the
 * file; a value that differs is written, and read back the same. */
static void test_store_writes_what_differs(void **state)
{
    (void)state;
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        const xf_field_def *def = xf_partner_field(f);
        for (int change = 0; change < 2; change++) {
            config_t cf;
            config_init(&cf);
            xf_config model, back;
            xf_config_init(&model);
            xf_partner *p = named();
            if (change)
                assert_true(xf_partner_set(p, f, other_value(def, p), NULL));
            xf_partner *want = xf_partner_dup(p);
            xf_config_put(&model, -1, p);
            assert_true(xf_tree_write(&cf, &model, NULL));
            const config_setting_t *g = config_setting_get_elem(
                config_lookup(&cf, "partners"), 0);
            bool in_file = config_setting_get_member(g, def->key) != NULL;
            if (!change && def->optional && in_file)
                fail_msg("%s: the default was written", def->key);
            if ((change || !def->optional) && !in_file)
                fail_msg("%s: not written", def->key);
            xf_config_init(&back);
            xf_tree_read_model(&cf, &back);
            assert_int_equal(back.n, 1);
            want->origin = back.v[0]->origin;
            want->line = back.v[0]->line;
            if (!xf_partner_equal(back.v[0], want))
                fail_msg("%s: read back differently", def->key);
            xf_partner_free(want);
            xf_config_free(&back);
            xf_config_free(&model);
            config_destroy(&cf);
        }
    }
}

static void test_gateway_defaults_and_values(void **state)
{
    (void)state;
    xf_config c;
    xf_config_init(&c);
    assert_int_equal(c.gw.test_timeout, XF_TIMEOUT_DEFAULT);
    assert_int_equal(c.gw.partner_connection_limit, XF_GW_LIMIT_DEFAULT);
    assert_int_equal(c.gw.cert_warn_days, XF_CERT_WARN_DAYS_DEFAULT);
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        const xf_field_def *def = xf_gateway_field(f);
        char *t = xf_gateway_get(&c.gw, f);
        assert_true(xf_gateway_set(&c.gw, f, t, NULL));
        free(t);
        assert_true(xf_gateway_set(&c.gw, f, other_value(def, &c.gw), NULL));
        t = xf_gateway_get(&c.gw, f);
        assert_string_equal(t, other_value(def, &c.gw));
        free(t);
        assert_int_equal(xf_gfield_is_int(f), def->kind == XF_K_INT);
    }
    assert_string_equal(c.gw.dns_server, "b.example");
    xf_config copy;
    xf_config_copy(&copy, &c);
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        assert_true(xf_def_equal(xf_gateway_field(f), &copy.gw, &c.gw));
    xf_config_free(&copy);
    xf_config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_are_unique),
        cmocka_unit_test(test_choices_by_id),
        cmocka_unit_test(test_every_field_round_trips),
        cmocka_unit_test(test_store_writes_what_differs),
        cmocka_unit_test(test_gateway_defaults_and_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
