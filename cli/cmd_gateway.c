/* gateway: show or change the gateway section. */
#include "cli.h"
#include "core/i18n.h"
#include "core/visible.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const struct option opts[] = {
    { "local-domain", required_argument, NULL, XF_G_LOCAL_DOMAIN },
    { "ca-file", required_argument, NULL, XF_G_CA_FILE },
    { "certificate", required_argument, NULL, XF_G_CERTIFICATE },
    { "key", required_argument, NULL, XF_G_KEY },
    { "dns-server", required_argument, NULL, XF_G_DNS_SERVER },
    { "test-timeout", required_argument, NULL, XF_G_TEST_TIMEOUT },
    { "partner-connection-limit", required_argument, NULL,
      XF_G_CONNECTION_LIMIT },
    { "cert-warn-days", required_argument, NULL, XF_G_CERT_WARN_DAYS },
    { "after-save", required_argument, NULL, XF_G_AFTER_SAVE },
    { "json", no_argument, NULL, 'j' },
    { 0 },
};

static int show(const xf_gateway *gw, bool json)
{
    json_t *o = json ? json_object() : NULL;
    json_t *errors = json ? json_object() : NULL;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        char *v = xf_gateway_get(gw, f);
        bool not_utf8 = false;
        if (json && xf_gfield_is_int(f))
            json_object_set_new(o, xf_gfield_key(f), json_integer(atoi(v)));
        else if (json)
            json_object_set_new(o, xf_gfield_key(f), xf_json_text(v, &not_utf8));
        else {
            char *vis = xf_visible(v);
            printf("%-24s %s\n", xf_gfield_key(f), vis);
            free(vis);
        }
        if (not_utf8) /* a path may be any bytes: shown, and said so */
            json_object_set_new(errors, xf_gfield_key(f),
                                json_string(XF_NOT_UTF8));
        free(v);
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
    while ((c = xf_getopt("gateway", argc, argv, "", opts, NULL)) != -1) {
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
    xf_store s;
    int rc = xf_cli_open(&s, path, changes > 0);
    if (rc == XF_EXIT_OK && !changes)
        rc = show(&s.model.gw, json);
    optind = 0; /* 0: GNU getopt starts afresh */
    while (rc == XF_EXIT_OK && changes &&
           (c = xf_getopt("gateway", argc, argv, "", opts, NULL)) != -1) {
        xf_err err;
        if (c != 'j' && !xf_gateway_set(&s.model.gw, c, optarg, &err)) {
            /* the setting once, the value once */
            if (err.says & XF_SAYS_VALUE)
                xf_err_prefix(&err, "%s", xf_err_key(&err));
            else
                xf_err_prefix(&err, "%s '%s'", xf_err_key(&err), optarg);
            xf_say(_("%s; nothing was changed"), err.msg);
            rc = XF_EXIT_FAIL;
        }
    }
    if (rc == XF_EXIT_OK && changes)
        rc = xf_cli_save(&s);
    xf_store_close(&s);
    return rc;
}
