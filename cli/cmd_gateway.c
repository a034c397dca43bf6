/* gateway: show or change the gateway section. */
#include "cli.h"
#include "core/fields.h"
#include "core/i18n.h"
#include "core/visible.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

enum { O_SETTING = 256 }; /* + the setting */

static const struct option *gateway_opts(void)
{
    static struct option opts[XF_G_COUNT + 2];
    if (opts[0].name)
        return opts;
    int n = 0;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        if (xf_gateway_field(f)->option)
            opts[n++] = (struct option){ xf_gateway_field(f)->option,
                                         required_argument, NULL,
                                         O_SETTING + (int)f };
    opts[n] = (struct option){ "json", no_argument, NULL, 'j' };
    return opts;
}

/* The settings without their own text go several to a line. */
void xf_cli_help_gateway_options(FILE *out)
{
    size_t col = 0;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        const xf_field_def *def = xf_gateway_field(f);
        char opt[64];
        xf_cli_option_head(def, opt, sizeof opt);
        size_t len = (size_t)u8_strwidth((const uint8_t *)opt, "UTF-8");
        if (col && (def->option_help || col + 2 + len > 78)) {
            fputc('\n', out);
            col = 0;
        }
        if (def->option_help) {
            xf_cli_help_line(out, opt, xf_def_option_help(def));
            continue;
        }
        fprintf(out, "  %s", opt);
        col += 2 + len;
    }
    if (col)
        fputc('\n', out);
}

static json_t *setting_json(const xf_field_def *def, const xf_gateway *gw,
                            bool *not_utf8)
{
    if (def->kind == XF_K_INT)
        return json_integer(XF_DEF_CINT(def, gw));
    return xf_json_text(XF_DEF_CSTR(def, gw), not_utf8);
}

static int show(const xf_gateway *gw, bool json)
{
    json_t *o = json ? json_object() : NULL;
    json_t *errors = json ? json_object() : NULL;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        const xf_field_def *def = xf_gateway_field(f);
        bool not_utf8 = false;
        if (json) {
            json_object_set_new(o, def->key, setting_json(def, gw, &not_utf8));
        } else {
            char *v = xf_gateway_get(gw, f), *vis = xf_visible(v);
            printf("%-24s %s\n", def->key, vis);
            free(vis);
            free(v);
        }
        if (not_utf8) /* a path may be any bytes: shown, and said so */
            json_object_set_new(errors, def->key, json_string(XF_NOT_UTF8));
    }
    if (!json)
        return XF_EXIT_OK;
    json_object_set_new(o, "errors", errors);
    return xf_json_print(o);
}

int xf_cmd_gateway(const char *path, int argc, char **argv)
{
    bool json = false;
    int c, changes = 0;
    optind = 0; /* 0: GNU getopt starts afresh */
    while ((c = xf_getopt("gateway", argc, argv, "", gateway_opts(), NULL)) != -1) {
        if (c == '?')
            return XF_EXIT_USAGE;
        if (c == 'j')
            json = true;
        else
            changes++;
    }
    if (optind < argc)
        return xf_usage_error("gateway", _("unexpected argument '%s'"),
                              argv[optind]);
    xf_store *s = xf_store_new();
    int rc = xf_cli_open(s, path, changes > 0);
    if (rc == XF_EXIT_OK && !changes)
        rc = show(&xf_store_model(s)->gw, json);
    optind = 0; /* 0: GNU getopt starts afresh */
    while (rc == XF_EXIT_OK && changes &&
           (c = xf_getopt("gateway", argc, argv, "", gateway_opts(), NULL)) != -1) {
        xf_err err;
        if (c != 'j' &&
            !xf_gateway_set(&xf_store_model(s)->gw, c - O_SETTING, optarg, &err))
            rc = xf_cli_option_refused(xf_gateway_field(c - O_SETTING)->option,
                                optarg, &err);
    }
    if (rc == XF_EXIT_OK && changes)
        rc = xf_cli_save(s);
    xf_store_free(s);
    return rc;
}
